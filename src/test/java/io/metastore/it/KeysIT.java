package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
            "日本/😀", "a+b", "semi;colon", "...", ".hidden/x.", "a..b", "quote'\"", "back\\slash", "[br]", "~tilde");

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
