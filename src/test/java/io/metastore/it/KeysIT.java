package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.Rows;
import io.metastore.it.support.ServiceIT;
import io.metastore.platform.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every valid key round-trips: POST, the Location it answers, GET, PUT, PATCH, DELETE, search and bulk all address
 * the same record. Names a client would normalise away ({@code a//b}, {@code .}, {@code ..}) answer 400.
 */
class KeysIT extends ServiceIT {

    private static final List<String> AWKWARD_NAMES = List.of("{x}", "a%2Fb", "100%", "sp{a}ce/x", "q?x=1", "h#x",
            "日本/😀", "a+b", "semi;colon", "a;b/c;d", "x/;", ";lead", "k;v=1;w", "a;jsessionid=1", "...",
            ".hidden/x.", "a..b", "quote'\"", "back\\slash", "[br]", "~tilde");

    /** A key in a path: every segment percent-encoded, as a careful client writes it. */
    private static String path(String key) {
        StringBuilder path = new StringBuilder("records");
        for (String segment : key.split("/", -1)) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    @Test
    void awkwardNamesRoundTripThroughEveryCall() {
        for (String name : AWKWARD_NAMES) {
            String key = ns + "/" + name;
            String json = Json.write(key);
            Api.Reply created = api.post("records", "{\"key\":" + json + ",\"metadata\":{\"n\":1}}");
            assertEquals(201, created.status(), () -> name + ": " + created);
            assertEquals(key, created.json().path("key").asText());

            String location = created.header("Location");
            String relative = location.substring(location.indexOf("/metastore/") + "/metastore/".length());
            Api.Reply viaLocation = api.get(relative);
            assertEquals(200, viaLocation.status(), () -> name + " via " + location + ": " + viaLocation);
            assertEquals(key, viaLocation.json().path("key").asText(), () -> "Location " + location);

            assertEquals(200, api.put(path(key), "{\"metadata\":{\"n\":2}}").status(), name);
            assertEquals(200, api.patch(path(key), "{\"metadata\":{\"m\":3}}").status(), name);
            Api.Reply found = api.post("records/search", "{\"filter\":{\"field\":\"key\",\"op\":\"eq\",\"value\":"
                    + json + "}}");
            assertEquals(1, found.json().path("items").size(), () -> name + ": " + found);
            assertEquals(3, found.json().path("items").get(0).path("version").asInt());
            Api.Reply bulk = api.post("records/bulk", "{\"operations\":[{\"op\":\"patch\",\"key\":" + json
                    + ",\"metadata\":{\"b\":1}}]}");
            assertEquals(200, bulk.status(), () -> name + ": " + bulk);
            assertEquals(4, bulk.json().path("results").get(0).path("version").asInt());
            assertEquals(204, api.delete(path(key)).status(), name);
            assertProblem(404, api.get(path(key)));
        }
    }

    /**
     * Clients that follow RFC 3986 leave a ';' in a path unencoded (java.net.URI, OkHttp, curl). It is part of the name
     * like any other character: JAX-RS must not take it for a matrix parameter and address the key before it.
     */
    @Test
    void aRawSemicolonInAPathIsPartOfTheName() {
        Api.Reply created = api.put("records/" + ns + "/raw;b;c=1/d;", "{\"metadata\":{\"n\":1}}");
        assertEquals(201, created.status(), created::toString);
        assertEquals(ns + "/raw;b;c=1/d;", created.json().path("key").asText());
        assertEquals(200, api.get(path(ns + "/raw;b;c=1/d;")).status());
        assertEquals(200, api.patch("records/" + ns + "/raw;b;c=1/d;", "{\"metadata\":{\"m\":2}}").status());
        assertProblem(404, api.get("records/" + ns + "/raw/d"));
        assertEquals(204, api.delete("records/" + ns + "/raw;b;c=1/d;").status());
        assertEquals(1, Rows.count(ns + "/raw"), "no other record was written");
    }

    /**
     * What Liberty's web container refuses before Metastore sees the request (docs/limits.md): a path whose segment
     * before the last begins with ';', or any of whose segments begins with '.;' or '..;', answers its own 400
     * (CWWWC0005I, not problem+json), so records with such names can be reached only through search and bulk.
     */
    @Test
    void namesLibertyRefusesInPathsAreReachedThroughSearchAndBulk() {
        for (String name : List.of(";/x", "a/;b/c", ".;x", "a/..;b")) {
            String key = ns + "/" + name;
            String json = Json.write(key);
            assertEquals(201, api.post("records", "{\"key\":" + json + ",\"metadata\":{}}").status(), name);
            Api.Reply refused = api.refusedByContainer().get(path(key));
            assertEquals(400, refused.status(), () -> name + ": " + refused);
            assertTrue(refused.body().contains("CWWWC0005I"), () -> name + ": " + refused);
            assertEquals(1, api.post("records/search", "{\"filter\":{\"field\":\"key\",\"op\":\"eq\",\"value\":"
                    + json + "}}").json().path("items").size(), name);
            Api.Reply deleted = api.post("records/bulk", "{\"operations\":[{\"op\":\"delete\",\"key\":" + json + "}]}");
            assertEquals(204, deleted.json().path("results").get(0).path("status").asInt(), () -> name + ": " + deleted);
        }
    }

    @Test
    void namesWithEmptyOrDotSegmentsAnswer400AndStoreNothing() {
        for (String name : List.of("a//b", "a/", ".", "..", "dots/../up", "a/./b", "x/..")) {
            String json = Json.write(ns + "/" + name);
            assertProblem(400, api.post("records", "{\"key\":" + json + ",\"metadata\":{}}"));
            Api.Reply bulk = api.post("records/bulk", "{\"operations\":[{\"op\":\"create\",\"key\":" + json + "}]}");
            assertEquals(400, bulk.status(), () -> name + ": " + bulk);
        }
        assertProblem(400, api.put("records/" + ns + "/a%2F%2Fb", "{\"metadata\":{}}"));
        assertProblem(400, api.put("records/" + ns + "/dots%2F..%2Fup", "{\"metadata\":{}}"));
        assertEquals(0, Rows.count(ns + "/"));
    }
}
