package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.Rows;
import io.metastore.it.support.ServiceIT;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input answers a 4xx problem naming what is wrong, and changes nothing. */
class InputValidationIT extends ServiceIT {



    String existing;
    List<String> before;

    @BeforeEach
    void setUp() {
        existing = ns + "/existing";
        assertEquals(201, api.post("records", "{\"key\":\"" + existing + "\",\"metadata\":{\"a\":1}}").status());
        before = Rows.snapshot(ns + "/");
    }

    private void assertNothingChanged() {
        assertEquals(before, Rows.snapshot(ns + "/"));
    }

    @Test
    void malformedJson() {
        assertProblem(400, api.post("records", "{\"key\":\"" + ns + "/x\",\"metadata\":{"));
        assertProblem(400, api.put("records/" + existing, "{\"metadata\": {\"a\": 1,}}"));
        assertProblem(400, api.put("records/" + existing, "{\"metadata\":{}} trailing"));
        assertProblem(400, api.put("records/" + existing, "{\"metadata\":{\"a\":1,\"a\":2}}"));
        assertProblem(400, api.put("records/" + existing, ""));
        assertNothingChanged();
    }

    @Test
    void stringsPostgresCannotStore() {
        assertEquals(List.of("metadata.s"), assertProblemPaths(
                api.put("records/" + existing, "{\"metadata\":{\"s\":\"a\\u0000b\"}}")));
        assertEquals(List.of("metadata.k\u0000"), assertProblemPaths(
                api.put("records/" + existing, "{\"metadata\":{\"k\\u0000\":1}}")));
        assertEquals(List.of("tags[0]"), assertProblemPaths(
                api.put("records/" + existing, "{\"metadata\":{},\"tags\":[\"\\u0000\"]}")));
        assertEquals(List.of("metadata.s"), assertProblemPaths(
                api.put("records/" + existing, "{\"metadata\":{\"s\":\"\\ud800\"}}")));
        assertProblem(400, api.put("records/" + existing, "{\"metadata\":{\"n\":1e999999}}"));
        assertNothingChanged();
    }

    @Test
    void invalidKeys() {
        for (String key : List.of("no-slash", "/name", ns + "/", "UPPER/x", "-bad/x", ns + "/has space",
                ns + "/tab\\t", ns + "/" + "x".repeat(513), "a".repeat(64) + "/x")) {
            assertProblem(400, api.post("records", "{\"key\":\"" + key + "\",\"metadata\":{}}"));
        }
        assertProblem(400, api.post("records", "{\"key\":42}"));
        assertProblem(400, api.put("records/" + ns + "%20x/y", "{\"metadata\":{}}"));
        assertNothingChanged();
    }

    @Test
    void oversizedBody() {
        String big = "{\"metadata\":{\"blob\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}";
        assertProblem(413, api.put("records/" + existing, big));
        assertProblem(413, api.post("records", "{\"key\":\"" + ns + "/big\"," + big.substring(1)));
        assertNothingChanged();
    }

    @Test
    void metadataThatIsNotAnObject() {
        for (String metadata : List.of("[1,2]", "\"text\"", "42", "true", "null")) {
            assertEquals(List.of("metadata"), assertProblemPaths(
                    api.put("records/" + existing, "{\"metadata\":" + metadata + "}")), metadata);
        }
        assertProblem(400, api.put("records/" + existing, "[]"));
        assertNothingChanged();
    }

    @Test
    void invalidTagsOwnerAndVersion() {
        assertEquals(List.of("tags[1]"), assertProblemPaths(
                api.put("records/" + existing, "{\"metadata\":{},\"tags\":[\"a\",\"a\"]}")));
        assertEquals(List.of("tags[0]"), assertProblemPaths(
                api.put("records/" + existing, "{\"metadata\":{},\"tags\":[1]}")));
        assertEquals(List.of("tags"), assertProblemPaths(api.put("records/" + existing, "{\"tags\":\"a\"}")));
        assertEquals(List.of("owner"), assertProblemPaths(api.put("records/" + existing, "{\"owner\":{}}")));
        assertEquals(List.of("version"), assertProblemPaths(api.put("records/" + existing, "{\"version\":\"1\"}")));
        assertNothingChanged();
    }

    @Test
    void wrongContentTypes() {
        assertProblem(415, api.send("POST", "records", "text/plain", "{\"key\":\"" + ns + "/t\"}"));
        assertProblem(415, api.send("PUT", "records/" + existing, "application/xml", "<a/>"));
        assertNothingChanged();
    }

    @Test
    void numbersPostgresWritesOutLongerThan200CharactersAreRefusedAtTheirPath() {
        assertEquals(List.of("metadata.n"), assertProblemPaths(
                api.put("records/" + existing, "{\"metadata\":{\"n\":1e200}}")));
        assertEquals(List.of("metadata.a[1].small"), assertProblemPaths(
                api.put("records/" + existing, "{\"metadata\":{\"a\":[1,{\"small\":1.5e-199}]}}")));
        assertEquals(List.of("operations[0].metadata.n"), api.post("records/bulk", "{\"operations\":[{\"op\":"
                + "\"upsert\",\"key\":\"" + existing + "\",\"metadata\":{\"n\":-1e199}}]}").json()
                .path("results").get(0).path("error").path("errors").findValuesAsText("path"));
        assertProblem(400, api.patch("records/" + existing, "{\"metadata\":{\"n\":1e300}}"));
        assertNothingChanged();
    }

    /**
     * Compares the bodies as sent: a JSON library on the client side may print a decimal its own way. Members are
     * compared one by one, as jsonb keeps an object's members in an order of its own.
     */
    @Test
    void everyReadReturnsANumberInPostgresTextForm() {
        String digits199 = "1" + "0".repeat(198);
        String key = ns + "/numbers";
        Api.Reply written = api.put("records/" + key, "{\"metadata\":{\"big\":1e198,\"tiny\":1.5e-10,"
                + "\"kept\":1.50,\"e\":15.0e-1}}");
        assertEquals(201, written.status(), written::toString);
        List<String> members = List.of("\"big\":" + digits199, "\"tiny\":0.00000000015", "\"kept\":1.50",
                "\"e\":1.50");
        assertHolds(written, members);
        assertHolds(api.get("records/" + key), members);
        Api.Reply found = api.post("records/search", "{\"filter\":{\"field\":\"metadata.big\",\"op\":\"gt\","
                + "\"value\":1},\"fields\":[\"metadata.big\",\"metadata.tiny\"],"
                + "\"sort\":[{\"field\":\"metadata.big\"}]}");
        assertEquals(200, found.status(), found::toString);
        assertHolds(found, members.subList(0, 2));
        String stored = Rows.strings("SELECT metadata::text FROM metastore.metastore_records WHERE key = ?", key).get(0);
        assertTrue(stored.contains("\"tiny\": 0.00000000015") && stored.contains("\"big\": " + digits199), stored);
    }

    private static void assertHolds(Api.Reply reply, List<String> members) {
        for (String member : members) {
            assertTrue(reply.body().contains(member), () -> member + " not in " + reply);
        }
    }

    @Test
    void tagAndOwnerLengthsCountCharactersNotUtf16Units() {
        String emoji200 = "\uD83D\uDE00".repeat(200);
        Api.Reply accepted = api.put("records/" + existing, "{\"metadata\":{},\"tags\":[\"" + emoji200
                + "\"],\"owner\":\"" + "\uD83D\uDE00".repeat(256) + "\"}");
        assertEquals(200, accepted.status(), accepted::toString);
        before = Rows.snapshot(ns + "/");
        assertEquals(List.of("tags[0]"), assertProblemPaths(api.put("records/" + existing,
                "{\"metadata\":{},\"tags\":[\"" + "\uD83D\uDE00".repeat(257) + "\"]}")));
        assertEquals(List.of("owner"), assertProblemPaths(api.put("records/" + existing,
                "{\"metadata\":{},\"owner\":\"" + "\uD83D\uDE00".repeat(257) + "\"}")));
        assertEquals(List.of("owner"), assertProblemPaths(api.put("records/" + existing,
                "{\"metadata\":{},\"owner\":\"\"}")));
        assertNothingChanged();
    }

    @Test
    void unknownMembersOfAWriteAnswer400NamingThem() {
        assertEquals(List.of("metdata"), assertProblemPaths(api.post("records",
                "{\"key\":\"" + ns + "/typo\",\"metdata\":{\"a\":1}}")));
        assertEquals(List.of("metdata"), assertProblemPaths(api.put("records/" + existing,
                "{\"metdata\":{\"a\":2}}")));
        assertEquals(List.of("key"), assertProblemPaths(api.put("records/" + existing,
                "{\"key\":\"" + ns + "/other\",\"metadata\":{}}")));
        assertNothingChanged();
        Api.Reply roundTrip = api.put("records/" + existing, api.get("records/" + existing).body());
        assertEquals(200, roundTrip.status(), () -> "a record read can be sent back: " + roundTrip);
    }

    private static List<String> assertProblemPaths(Api.Reply reply) {
        assertProblem(400, reply);
        List<String> paths = reply.errorPaths();
        assertTrue(!paths.isEmpty(), reply::toString);
        return paths;
    }
}
