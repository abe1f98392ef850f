package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GET /history/{key}: every successful write (single or bulk, soft delete and revive included) adds exactly one entry
 * equal to the write's answer; failed writes, failed atomic bulks and identical POST replays add none; pages newest
 * first; one version; grants and parameter checks.
 */
class HistoryIT extends ServiceIT {

    private JsonNode written(int status, Api.Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
        return reply.json();
    }

    /** Every entry of the key, newest first, read in pages of {@code limit}. */
    private List<JsonNode> history(String key, int limit) {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply page = api.get("history/" + key + "?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page::toString);
            page.json().path("items").forEach(entries::add);
            assertTrue(page.json().path("items").size() <= limit, page::toString);
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
        } while (cursor != null);
        return entries;
    }

    @Test
    void everyWriteAddsOneEntryEqualToItsAnswerAndFailedWritesNone() {
        String key = ns + "/asset";
        JsonNode created = written(201, api.post("records", "{\"key\":\"" + key + "\",\"metadata\":{\"size\":1200,"
                + "\"owner\":{\"team\":\"data\"},\"ratio\":1.50,\"labels\":[\"gold\",null,true]},\"tags\":[\"prod\"],"
                + "\"owner\":\"team-data\"}"));
        written(200, api.post("records", "{\"key\":\"" + key + "\",\"metadata\":{\"size\":1200,\"owner\":{\"team\":"
                + "\"data\"},\"ratio\":1.50,\"labels\":[\"gold\",null,true]},\"tags\":[\"prod\"],\"owner\":\"team-data\"}"));
        assertProblem(409, api.post("records", "{\"key\":\"" + key + "\",\"metadata\":{}}"));
        JsonNode replaced = written(200, api.as(Tokens.token("bob", ns + ":write"))
                .put("records/" + key, "{\"metadata\":{\"size\":1300},\"tags\":[\"prod\",\"pii\"]}"));
        assertProblem(412, api.put("records/" + key, "{\"metadata\":{}}", "If-Match", "\"1\""));
        assertProblem(409, api.put("records/" + key, "{\"metadata\":{},\"version\":1}"));
        JsonNode patched = written(200, api.patch("records/" + key, "{\"metadata\":{\"size\":null,\"n\":\"ü\"}}"));
        Api.Reply deleted = api.delete("records/" + key);
        assertEquals(204, deleted.status(), deleted::toString);
        assertProblem(404, api.delete("records/" + key));
        assertProblem(404, api.patch("records/" + key, "{\"owner\":\"x\"}"));
        JsonNode revived = written(201, api.put("records/" + key, "{\"metadata\":{\"back\":true}}"));

        List<JsonNode> entries = history(key, 50);
        assertEquals(5, entries.size(), entries::toString);
        assertEquals(revived, entries.get(0));
        JsonNode deletion = entries.get(1);
        assertEquals("\"4\"", deleted.header("ETag"));
        assertEquals(4, deletion.path("version").asLong());
        assertTrue(deletion.path("deletedAt").isTextual(), deletion::toString);
        assertEquals(deletion.path("deletedAt"), deletion.path("updatedAt"));
        assertEquals(patched.path("metadata"), deletion.path("metadata"));
        assertEquals("svc", deletion.path("updatedBy").asText());
        assertEquals(patched, entries.get(2));
        assertEquals(replaced, entries.get(3));
        assertEquals("bob", entries.get(3).path("updatedBy").asText());
        assertEquals(created, entries.get(4));
        assertEquals(revived, api.get("records/" + key).json(), "the newest entry is the record as it stands");
    }

    @Test
    void oneVersionIsTheRecordAsItWas() {
        String key = ns + "/v";
        JsonNode first = written(201, api.put("records/" + key, "{\"metadata\":{\"a\":1}}"));
        written(200, api.put("records/" + key, "{\"metadata\":{\"a\":2}}"));
        assertEquals(first, written(200, api.get("history/" + key + "?version=1")));
        assertProblem(404, api.get("history/" + key + "?version=3"));
        assertProblem(404, api.get("history/" + ns + "/never"));
        assertProblem(404, api.get("history/" + ns + "/never?version=1"));
    }

    @Test
    void bulkWritesAddOneEntryEachAndFailedAtomicBulksNone() {
        String a = ns + "/a";
        String b = ns + "/b";
        written(201, api.put("records/" + b, "{\"metadata\":{\"b\":0}}"));
        Api.Reply applied = api.post("records/bulk", "{\"operations\":[{\"op\":\"create\",\"key\":\"" + a
                + "\",\"metadata\":{\"a\":1}},{\"op\":\"upsert\",\"key\":\"" + b + "\",\"metadata\":{\"b\":1}},"
                + "{\"op\":\"patch\",\"key\":\"" + a + "\",\"metadata\":{\"a\":2}},{\"op\":\"delete\",\"key\":\"" + b
                + "\"}]}");
        assertEquals(200, applied.status(), applied::toString);
        Api.Reply failed = api.post("records/bulk", "{\"operations\":[{\"op\":\"upsert\",\"key\":\"" + a
                + "\",\"metadata\":{\"a\":3}},{\"op\":\"patch\",\"key\":\"" + ns + "/absent\",\"metadata\":{}}]}");
        assertEquals(404, failed.status(), failed::toString);
        Api.Reply independent = api.post("records/bulk", "{\"atomic\":false,\"operations\":[{\"op\":\"upsert\","
                + "\"key\":\"" + a + "\",\"metadata\":{\"a\":4}},{\"op\":\"upsert\",\"key\":\"" + a + "\","
                + "\"metadata\":{},\"version\":1}]}");
        assertEquals(200, independent.status(), independent::toString);

        List<JsonNode> ofA = history(a, 2);
        assertEquals(List.of(3L, 2L, 1L), ofA.stream().map(e -> e.path("version").asLong()).toList());
        assertEquals("{\"a\":4}", ofA.get(0).path("metadata").toString());
        assertEquals("{\"a\":2}", ofA.get(1).path("metadata").toString());
        assertEquals(api.get("records/" + a).json(), ofA.get(0));
        List<JsonNode> ofB = history(b, 1);
        assertEquals(List.of(3L, 2L, 1L), ofB.stream().map(e -> e.path("version").asLong()).toList());
        assertTrue(ofB.get(0).path("deletedAt").isTextual(), ofB::toString);
        assertEquals("{\"b\":1}", ofB.get(1).path("metadata").toString());
        for (JsonNode result : applied.json().path("results")) {
            JsonNode entry = written(200, api.get("history/" + result.path("key").asText() + "?version="
                    + result.path("version").asLong()));
            assertEquals(result.path("version"), entry.path("version"));
        }
        assertProblem(404, api.get("history/" + ns + "/absent"));
    }

    @Test
    void pagesAreNewestFirstAndEndExactly() {
        String key = ns + "/paged";
        for (int i = 0; i < 6; i++) {
            written(i == 0 ? 201 : 200, api.put("records/" + key, "{\"metadata\":{\"i\":" + i + "}}"));
        }
        for (int limit : new int[] {1, 3, 4, 6, 7}) {
            assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), history(key, limit).stream()
                    .map(e -> e.path("version").asLong()).toList(), "limit " + limit);
        }
        JsonNode full = written(200, api.get("history/" + key + "?limit=6"));
        assertTrue(full.path("nextCursor").isNull(), full::toString);
        JsonNode first = written(200, api.get("history/" + key));
        assertEquals(6, first.path("items").size());
    }

    @Test
    void readNeedsTheReadGrantOnTheNamespace() {
        String key = ns + "/granted";
        written(201, api.put("records/" + key, "{\"metadata\":{}}"));
        Api reader = api.as(Tokens.token("reader", ns + ":read"));
        assertEquals(200, reader.get("history/" + key).status());
        Api stranger = api.as(Tokens.token("stranger", "other:read"));
        assertProblem(403, stranger.get("history/" + key));
        assertProblem(403, stranger.get("history/" + ns + "/never"));
        assertEquals(401, api.as(null).get("history/" + key).status());
    }

    @Test
    void badParametersAnswer400NamingThem() {
        String key = ns + "/params";
        written(201, api.put("records/" + key, "{\"metadata\":{}}"));
        written(200, api.put("records/" + key, "{\"metadata\":{}}"));
        String otherKeysCursor = written(200, api.get("history/" + key + "?limit=1")).path("nextCursor").asText();
        written(201, api.put("records/" + ns + "/other", "{\"metadata\":{}}"));
        for (String query : List.of("limit=0", "limit=1001", "limit=abc", "limit=-1", "limit=1.5", "limit=")) {
            assertEquals(List.of("limit"), assertBadRequest(api.get("history/" + key + "?" + query)), query);
        }
        for (String query : List.of("version=0", "version=x", "version=99999999999999999999", "version=1&limit=2",
                "version=1&cursor=abc")) {
            assertEquals(List.of("version"), assertBadRequest(api.get("history/" + key + "?" + query)), query);
        }
        for (String cursor : List.of("abc", "e30", otherKeysCursor)) {
            assertEquals(List.of("cursor"), assertBadRequest(api.get("history/" + ns + "/other?cursor=" + cursor)),
                    cursor);
        }
        assertEquals(List.of("key"), assertBadRequest(api.get("history/" + ns)));
    }

    private static List<String> assertBadRequest(Api.Reply reply) {
        assertProblem(400, reply);
        return reply.errorPaths();
    }
}
