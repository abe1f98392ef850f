package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.Rows;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** POST /records/bulk: atomic and independent modes, limits, permissions and concurrent bulks. */
class BulkIT extends ServiceIT {



    private Api.Reply bulk(boolean atomic, List<String> operations) {
        return api.post("records/bulk", "{\"atomic\":" + atomic + ",\"operations\":[" + String.join(",", operations) + "]}");
    }

    private String op(String kind, String name, String rest) {
        return "{\"op\":\"" + kind + "\",\"key\":\"" + ns + "/" + name + "\"" + (rest.isEmpty() ? "" : "," + rest) + "}";
    }

    private static List<Integer> statuses(Api.Reply reply) {
        List<Integer> statuses = new ArrayList<>();
        reply.json().path("results").forEach(r -> statuses.add(r.path("status").asInt()));
        return statuses;
    }

    @Test
    void atomicBulkAppliesEveryKindOfOperationInOrder() {
        assertEquals(201, api.put("records/" + ns + "/j3", "{\"metadata\":{\"b\":1,\"c\":2}}").status());
        assertEquals(201, api.put("records/" + ns + "/j4", "{\"metadata\":{}}").status());
        Api.Reply reply = bulk(true, List.of(
                op("create", "j1", "\"metadata\":{}"),
                op("upsert", "j2", "\"metadata\":{\"a\":1}"),
                op("patch", "j3", "\"metadata\":{\"b\":null},\"tags\":[\"t\"],\"version\":1"),
                op("delete", "j4", ""),
                op("patch", "j1", "\"owner\":\"team\""),
                op("create", "j1", "\"metadata\":{},\"owner\":\"team\"")));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(List.of(201, 201, 200, 204, 200, 200), statuses(reply));
        JsonNode results = reply.json().path("results");
        assertEquals(ns + "/j1", results.get(0).path("key").asText());
        assertEquals(0, results.get(0).path("index").asInt());
        assertEquals(1, results.get(0).path("version").asLong());
        assertEquals(2, results.get(2).path("version").asLong());
        assertEquals(2, results.get(4).path("version").asLong(), "second write to j1 in one bulk adds one version");
        assertEquals(2, results.get(5).path("version").asLong(), "identical replay leaves j1 unchanged");
        JsonNode j1 = api.get("records/" + ns + "/j1").json();
        assertEquals(2, j1.path("version").asLong());
        assertEquals("team", j1.path("owner").asText());
        assertEquals("{\"c\":2}", api.get("records/" + ns + "/j3").json().path("metadata").toString());
        assertProblem(404, api.get("records/" + ns + "/j4"));
        assertEquals("svc", j1.path("createdBy").asText());
    }

    @Test
    void atomicRollbackLeavesNoTraceWhenThe999thOperationFails() {
        List<String> seed = IntStream.range(0, 500).mapToObj(i -> op("create", "r" + i, "\"metadata\":{\"i\":" + i + "}"))
                .toList();
        assertEquals(200, bulk(true, seed).status());
        List<String> before = Rows.snapshot(ns + "/");

        List<String> operations = new ArrayList<>();
        IntStream.range(0, 500).forEach(i -> operations.add(op("upsert", "r" + i, "\"metadata\":{\"i\":-1}")));
        IntStream.range(0, 500).forEach(i -> operations.add(op("create", "n" + i, "\"metadata\":{}")));
        operations.set(998, op("patch", "absent", "\"metadata\":{\"x\":1}"));
        Api.Reply reply = bulk(true, operations);

        assertProblemFreeStatus(404, reply);
        List<Integer> statuses = statuses(reply);
        assertEquals(1000, statuses.size());
        assertEquals(404, statuses.get(998));
        assertEquals(999, Collections.frequency(statuses, 424));
        assertEquals("not-found", reply.json().path("results").get(998).path("error").path("type").asText()
                .replaceAll(".*:", ""));
        assertEquals(before, Rows.snapshot(ns + "/"), "nothing applied, versions unchanged");
    }

    private static void assertProblemFreeStatus(int status, Api.Reply reply) {
        assertEquals(status, reply.status(), reply.body().length() > 600 ? reply.body().substring(0, 600) : reply.body());
    }

    @Test
    void atomicBulkReportsEveryFailingIndexAndTheRightStatus() {
        assertEquals(201, api.put("records/" + ns + "/v", "{\"metadata\":{}}").status());
        Api.Reply conflict = bulk(true, List.of(op("create", "a", "\"metadata\":{}"),
                op("upsert", "v", "\"metadata\":{},\"version\":7"),
                op("delete", "missing", "")));
        assertEquals(409, conflict.status(), conflict::toString);
        assertEquals(List.of(424, 409, 404), statuses(conflict));

        Api.Reply invalid = bulk(true, List.of(op("create", "b", "\"metadata\":[]"), op("bogus", "c", ""),
                op("upsert", "v", "\"metadata\":{},\"version\":7")));
        assertEquals(400, invalid.status(), invalid::toString);
        assertEquals(List.of(400, 400, 409), statuses(invalid));
        assertEquals("operations[0].metadata",
                invalid.json().path("results").get(0).path("error").path("errors").get(0).path("path").asText());

        Api.Reply forbidden = bulk(true, List.of(op("create", "d", "\"metadata\":{}"),
                "{\"op\":\"create\",\"key\":\"elsewhere/x\",\"metadata\":{}}", op("bogus", "e", "")));
        assertEquals(403, forbidden.status(), forbidden::toString);
        assertEquals(List.of(424, 403, 400), statuses(forbidden));
        assertEquals(List.of(ns + "/v v1 {} {} - live"), Rows.snapshot(ns + "/"), "nothing applied");
    }

    @Test
    void nonAtomicOperationsStandAlone() {
        Api.Reply reply = bulk(false, List.of(op("create", "ok1", "\"metadata\":{}"),
                op("patch", "absent", "\"owner\":\"x\""),
                "{\"op\":\"create\",\"key\":\"elsewhere/x\",\"metadata\":{}}",
                op("upsert", "ok2", "\"metadata\":{},\"version\":3"),
                op("upsert", "ok2", "\"metadata\":{\"a\":1}")));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(List.of(201, 404, 403, 409, 201), statuses(reply));
        assertEquals(2, Rows.count(ns + "/"));
    }

    @Test
    void limitsAndShapes() {
        List<String> tooMany = IntStream.range(0, 1001).mapToObj(i -> op("create", "x" + i, "")).toList();
        assertProblem(413, bulk(true, tooMany));
        assertProblem(400, api.post("records/bulk", "{\"operations\":{}}"));
        assertProblem(400, api.post("records/bulk", "{\"atomic\":\"yes\",\"operations\":[]}"));
        assertProblem(400, api.post("records/bulk", "{\"operations\":[],\"extra\":1}"));
        assertProblem(400, api.post("records/bulk", "[]"));
        assertEquals(0, Rows.count(ns + "/"));
    }

    @Test
    void aBulkWithNothingToApplyAnswersWithoutTouchingTheDatabase() {
        for (String atomic : List.of("true", "false")) {
            Api.Reply empty = api.post("records/bulk", "{\"atomic\":" + atomic + ",\"operations\":[]}");
            assertEquals(200, empty.status(), empty::toString);
            assertEquals("[]", empty.json().path("results").toString());
        }
        Api.Reply allRefused = api.post("records/bulk", "{\"operations\":[{\"op\":\"create\",\"key\":\"bad key\"},"
                + "{\"op\":\"nope\",\"key\":\"" + ns + "/x\"}]}");
        assertEquals(400, allRefused.status(), allRefused::toString);
        assertEquals(0, Rows.count(ns + "/"));
    }

    @Test
    void everyWriteOfAKeyRepeatedInAnAtomicBulkAnswersAVersionThatIsStored() {
        String key = ns + "/repeated";
        Api.Reply reply = api.post("records/bulk", "{\"operations\":[{\"op\":\"create\",\"key\":\"" + key
                + "\",\"metadata\":{}},{\"op\":\"patch\",\"key\":\"" + key + "\",\"metadata\":{}},"
                + "{\"op\":\"upsert\",\"key\":\"" + key + "\",\"metadata\":{}}]}");
        assertEquals(200, reply.status(), reply::toString);
        JsonNode results = reply.json().path("results");
        assertEquals(List.of(1, 2, 3), List.of(results.get(0).path("version").asInt(),
                results.get(1).path("version").asInt(), results.get(2).path("version").asInt()));
        Api.Reply read = api.get("records/" + key);
        assertEquals("\"3\"", read.header("ETag"), "the last answer is what is stored");
        assertEquals(200, api.put("records/" + key, "{\"metadata\":{\"x\":1}}", "If-Match", "\"3\"").status());
    }

    @Test
    void bulkAndSearchRemainUsableAsNamespaces() {
        Api admin = api.as(Tokens.token("ops", "bulk:write", "search:write"));
        String key = "bulk/x-" + UUID.randomUUID();
        assertEquals(201, admin.put("records/" + key, "{\"metadata\":{}}").status());
        assertEquals(key, admin.get("records/" + key).json().path("key").asText());
        assertEquals(204, admin.delete("records/" + key).status());
        String searchKey = "search/y-" + UUID.randomUUID();
        assertEquals(201, admin.put("records/" + searchKey, "{\"metadata\":{}}").status());
        assertEquals(200, admin.get("records/" + searchKey).status());
    }

    @Test
    void concurrentBulksOverOverlappingKeysInOppositeOrdersLoseNothing() throws Exception {
        int keys = 40;
        int clients = 8;
        int rounds = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Integer>>> runs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                boolean reversed = c % 2 == 1;
                int client = c;
                runs.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        List<String> ops = new ArrayList<>();
                        IntStream.range(0, keys).forEach(k -> ops.add(op("upsert", "k" + k,
                                "\"metadata\":{\"client\":" + client + "}")));
                        if (reversed) {
                            Collections.reverse(ops);
                        }
                        statuses.add(bulk(true, ops).status());
                    }
                    return statuses;
                }));
            }
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> run : runs) {
                all.addAll(run.get());
            }
            // Upserts carry no version, so nothing may refuse them: a deadlock or a lost creation race is retried
            // (and new keys are inserted in key order, so racing creators queue at the unique index, not deadlock).
            assertTrue(all.stream().allMatch(s -> s == 200), () -> "statuses " + all);
            long applied = all.size();
            List<String> versions = Rows.strings("SELECT DISTINCT version::text FROM metastore.metastore_records "
                    + "WHERE key >= ? AND key < ?", ns + "/k", ns + "/l");
            assertEquals(List.of(String.valueOf(applied)), versions,
                    () -> "every key written once per applied bulk: " + all.stream().collect(Collectors.groupingBy(s -> s,
                            Collectors.counting())));
        } finally {
            pool.shutdownNow();
        }
    }
}
