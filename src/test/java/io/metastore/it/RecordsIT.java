package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.Rows;
import io.metastore.it.support.ServiceIT;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record lifecycle over HTTP, status by status, as API.md states it. */
class RecordsIT extends ServiceIT {



    private String create(String name, String body) {
        Api.Reply reply = api.post("records", "{\"key\":\"" + ns + "/" + name + "\"," + body + "}");
        assertEquals(201, reply.status(), reply::toString);
        return ns + "/" + name;
    }

    @Test
    void createAnswers201WithLocationEtagAndServerFields() {
        Api.Reply reply = api.post("records", "{\"key\":\"" + ns + "/asset-1\",\"metadata\":{\"size\":1200,"
                + "\"owner\":{\"team\":\"data\"}},\"tags\":[\"prod\",\"pii\"],\"owner\":\"team-data\","
                + "\"version\":99,\"createdBy\":\"mallory\"}");
        assertEquals(201, reply.status(), reply::toString);
        assertEquals("\"1\"", reply.header("ETag"));
        assertTrue(reply.header("Location").endsWith("/metastore/records/" + ns + "/asset-1"), reply.header("Location"));
        JsonNode record = reply.json();
        assertEquals(ns + "/asset-1", record.path("key").asText());
        assertEquals(ns, record.path("namespace").asText());
        assertEquals(1200, record.path("metadata").path("size").asInt());
        assertEquals("[\"prod\",\"pii\"]", record.path("tags").toString());
        assertEquals("team-data", record.path("owner").asText());
        assertEquals(1, record.path("version").asLong());
        assertEquals("svc", record.path("createdBy").asText());
        assertEquals("svc", record.path("updatedBy").asText());
        assertTrue(record.path("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
        assertTrue(record.path("deletedAt").isNull());
    }

    @Test
    void createDefaultsMetadataTagsAndOwner() {
        JsonNode record = api.post("records", "{\"key\":\"" + ns + "/bare\"}").json();
        assertEquals("{}", record.path("metadata").toString());
        assertEquals("[]", record.path("tags").toString());
        assertTrue(record.path("owner").isNull());
    }

    @Test
    void createIsIdempotentOnKeyAndConflictsOnOtherContent() {
        String key = create("idem", "\"metadata\":{\"a\":1.0},\"tags\":[\"x\"]");
        Api.Reply replay = api.post("records", "{\"key\":\"" + key + "\",\"metadata\":{\"a\":1},\"tags\":[\"x\"]}");
        assertEquals(200, replay.status(), replay::toString);
        assertEquals(1, replay.json().path("version").asLong());
        assertProblem(409, api.post("records", "{\"key\":\"" + key + "\",\"metadata\":{\"a\":2},\"tags\":[\"x\"]}"));
        assertEquals(1, api.get("records/" + key).json().path("version").asLong());
    }

    @Test
    void getAnswersEtagAnd304ForCurrentVersion() {
        String key = create("etag", "\"metadata\":{}");
        Api.Reply reply = api.get("records/" + key);
        assertEquals(200, reply.status());
        assertEquals("\"1\"", reply.header("ETag"));
        assertEquals(304, api.get("records/" + key, "If-None-Match", "\"1\"").status());
        assertEquals(200, api.get("records/" + key, "If-None-Match", "\"7\"").status());
        assertEquals(200, api.get("records/" + key.replace("/", "%2F")).status(), "percent-encoded slash");
        assertProblem(404, api.get("records/" + ns + "/never-created"));
    }

    @Test
    void keysMayContainSlashes() {
        String key = create("dir/sub/file.txt", "\"metadata\":{\"p\":1}");
        assertEquals(key, api.get("records/" + key).json().path("key").asText());
    }

    @Test
    void putCreatesThenReplacesWholeContent() {
        String key = ns + "/put-1";
        Api.Reply created = api.put("records/" + key, "{\"metadata\":{\"a\":1,\"b\":2},\"tags\":[\"t\"],\"owner\":\"o\"}");
        assertEquals(201, created.status(), created::toString);
        Api.Reply replaced = api.put("records/" + key, "{\"metadata\":{\"c\":3}}");
        assertEquals(200, replaced.status(), replaced::toString);
        JsonNode record = replaced.json();
        assertEquals("{\"c\":3}", record.path("metadata").toString());
        assertEquals("[]", record.path("tags").toString());
        assertTrue(record.path("owner").isNull());
        assertEquals(2, record.path("version").asLong());
        assertEquals("\"2\"", replaced.header("ETag"));
    }

    @Test
    void putPreconditionsAnswer412ForIfMatchAnd409ForBodyVersion() {
        String key = create("pre", "\"metadata\":{}");
        assertProblem(412, api.put("records/" + key, "{\"metadata\":{\"x\":1}}", "If-Match", "\"5\""));
        assertProblem(409, api.put("records/" + key, "{\"metadata\":{\"x\":1},\"version\":5}"));
        assertEquals(200, api.put("records/" + key, "{\"metadata\":{\"x\":1}}", "If-Match", "\"1\"").status());
        assertEquals(200, api.put("records/" + key, "{\"metadata\":{\"x\":2},\"version\":2}").status());
        assertEquals(200, api.put("records/" + key, "{\"metadata\":{\"x\":3}}", "If-Match", "*").status());
        assertEquals(4, api.get("records/" + key).json().path("version").asLong());
    }

    @Test
    void expectedVersionOnAbsentKeyAnswers412Or409() {
        assertProblem(412, api.put("records/" + ns + "/absent", "{\"metadata\":{}}", "If-Match", "\"1\""));
        assertProblem(409, api.put("records/" + ns + "/absent", "{\"metadata\":{},\"version\":1}"));
        assertEquals(0, Rows.count(ns + "/"));
    }

    @Test
    void patchMergesMetadataAndReplacesTagsAndOwner() {
        String key = create("patch", "\"metadata\":{\"a\":1,\"b\":{\"c\":2,\"d\":3}},\"tags\":[\"t1\"],\"owner\":\"o1\"");
        Api.Reply patched = api.patch("records/" + key,
                "{\"metadata\":{\"a\":null,\"b\":{\"d\":null,\"e\":4},\"f\":[1]},\"owner\":\"o2\"}");
        assertEquals(200, patched.status(), patched::toString);
        JsonNode record = patched.json();
        assertEquals("{\"b\":{\"c\":2,\"e\":4},\"f\":[1]}", record.path("metadata").toString());
        assertEquals("[\"t1\"]", record.path("tags").toString());
        assertEquals("o2", record.path("owner").asText());
        assertEquals(2, record.path("version").asLong());
        assertEquals("[\"new\"]", api.patch("records/" + key, "{\"tags\":[\"new\"]}").json().path("tags").toString());
    }

    @Test
    void patchRejectsOtherMembersWrongContentTypeAbsentKeysAndStaleVersions() {
        String key = create("patch-bad", "\"metadata\":{\"a\":1}");
        assertProblem(400, api.patch("records/" + key, "{\"version\":3}"));
        assertProblem(400, api.patch("records/" + key, "{\"key\":\"x/y\"}"));
        assertProblem(415, api.send("PATCH", "records/" + key, "application/json", "{\"owner\":\"x\"}"));
        assertProblem(404, api.patch("records/" + ns + "/absent", "{\"owner\":\"x\"}"));
        assertProblem(412, api.patch("records/" + key, "{\"owner\":\"x\"}", "If-Match", "\"9\""));
        assertEquals(List.of(key + " v1 {\"a\": 1} {} - live"), Rows.snapshot(key));
    }

    @Test
    void softDeleteHidesRecordAndPutRevivesWithHigherVersion() {
        String key = create("del", "\"metadata\":{\"a\":1}");
        Api.Reply deleted = api.delete("records/" + key);
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals("\"2\"", deleted.header("ETag"));
        assertProblem(404, api.get("records/" + key));
        assertProblem(404, api.delete("records/" + key));
        assertProblem(404, api.patch("records/" + key, "{\"owner\":\"x\"}"));
        List<String> stored = Rows.strings("SELECT version || ' ' || (deleted_at = updated_at) FROM "
                + "metastore.metastore_records WHERE key = ?", key);
        assertEquals(List.of("2 true"), stored, "a soft delete is a write: deletedAt = updatedAt, version bumped");

        Api.Reply revived = api.put("records/" + key, "{\"metadata\":{\"b\":2}}");
        assertEquals(201, revived.status(), revived::toString);
        assertEquals(3, revived.json().path("version").asLong());
        assertTrue(revived.json().path("deletedAt").isNull());
        assertEquals("{\"b\":2}", api.get("records/" + key).json().path("metadata").toString());
    }

    @Test
    void postRevivesSoftDeletedKey() {
        String key = create("revive-post", "\"metadata\":{}");
        api.delete("records/" + key);
        Api.Reply revived = api.post("records", "{\"key\":\"" + key + "\",\"metadata\":{\"v\":2}}");
        assertEquals(201, revived.status(), revived::toString);
        assertEquals(3, revived.json().path("version").asLong());
    }

    @Test
    void deleteHonoursIfMatch() {
        String key = create("del-if", "\"metadata\":{}");
        assertProblem(412, api.delete("records/" + key, "If-Match", "\"3\""));
        assertEquals(204, api.delete("records/" + key, "If-Match", "\"1\"").status());
    }

    @Test
    void exactNumbersSurviveTheRoundTrip() {
        String key = create("numbers", "\"metadata\":{\"big\":123456789012345678901234567890,\"dec\":0.1,"
                + "\"tiny\":1e-20,\"precise\":1.00000000000000000001,\"unicode\":\"日本 \\ud83d\\ude00\"}");
        JsonNode metadata = api.get("records/" + key).json().path("metadata");
        assertEquals("123456789012345678901234567890", metadata.path("big").bigIntegerValue().toString());
        assertEquals("0.1", metadata.path("dec").decimalValue().toPlainString());
        assertEquals(0, new java.math.BigDecimal("1e-20").compareTo(metadata.path("tiny").decimalValue()));
        assertEquals("1.00000000000000000001", metadata.path("precise").decimalValue().toPlainString(),
                "no rounding through double on the way in or out of jsonb");
        assertEquals("日本 \uD83D\uDE00", metadata.path("unicode").asText());
    }

    @Test
    void unknownPathsAndMethodsAnswerProblems() {
        assertProblem(404, api.get("nothing-here"));
        JsonNode problem = assertProblem(400, api.get("records/no-slash"));
        assertNotNull(problem.path("errors").get(0));
        assertNull(problem.get("stackTrace"));
    }

    /**
     * A read that accepts no JSON answers 406; a delete sends no representation, so whatever it accepts (a generated
     * client accepts only the problem type of its error answers) it is carried out.
     */
    @Test
    void acceptMattersOnlyWhereARepresentationIsSent() {
        String key = create("accept", "\"metadata\":{}");
        assertProblem(406, api.get("records/" + key, "Accept", "text/plain"));
        Api.Reply deleted = api.delete("records/" + key, "Accept", "application/problem+json");
        assertEquals(204, deleted.status(), deleted::toString);
    }
}
