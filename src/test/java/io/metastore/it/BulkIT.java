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
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /**
     * Eight clients each send six atomic bulks that upsert the same 30 keys plus 10 keys new to that round (so every
     * round is a creation race too), each client in an order of its own, all at once. No bulk may be refused or lose
     * a write, and each is isolated: a reader never sees some keys of a bulk without the others, and at the end every
     * key holds the whole content of one bulk, the same for all keys of a set.
     */
    @Test
    void concurrentBulksOverOverlappingKeysInAnyOrderAreIsolatedAndLoseNothing() throws Exception {
        int shared = 30;
        int perRound = 10;
        int clients = 8;
        int rounds = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            Future<Integer> reader = pool.submit(() -> readConsistentSnapshots(writing, shared));
            List<Future<List<Integer>>> runs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                runs.add(pool.submit(() -> {
                    Random order = new Random(client);
                    List<Integer> statuses = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        String content = "\"metadata\":{\"client\":" + client + ",\"round\":" + round + "}";
                        List<String> ops = new ArrayList<>();
                        for (int k = 0; k < shared; k++) {
                            ops.add(op("upsert", "k" + k, content));
                        }
                        for (int k = 0; k < perRound; k++) {
                            ops.add(op("upsert", "r" + round + "-n" + k, content));
                        }
                        Collections.shuffle(ops, order);
                        statuses.add(bulk(true, ops).status());
                    }
                    return statuses;
                }));
            }
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> run : runs) {
                all.addAll(run.get());
            }
            writing.set(false);
            // Upserts carry no version, so nothing may refuse them: a deadlock or a lost creation race is retried
            // (and new keys are inserted in key order, so racing creators queue at the unique index, not deadlock).
            assertTrue(all.stream().allMatch(s -> s == 200), () -> "statuses " + all);
            assertTrue(reader.get() > 0, "the reader saw the shared keys while bulks ran");

            assertOneBulksWholeContent(ns + "/k", shared, all.size());
            for (int round = 0; round < rounds; round++) {
                String content = assertOneBulksWholeContent(ns + "/r" + round + "-", perRound, clients);
                assertTrue(content.contains("\"round\": " + round), content);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    /**
     * Searches the shared keys again and again while bulks run; every answer (one statement, so one snapshot) holds
     * none of them or all, at one version with one bulk's content. Returns how many answers held them all.
     */
    private int readConsistentSnapshots(AtomicBoolean writing, int shared) {
        int complete = 0;
        while (writing.get()) {
            Api.Reply reply = api.post("records/search", "{\"filter\":{\"field\":\"key\",\"op\":\"starts_with\","
                    + "\"value\":\"" + ns + "/k\"},\"fields\":[\"version\",\"metadata\"],\"limit\":1000}");
            assertEquals(200, reply.status(), reply::toString);
            JsonNode items = reply.json().path("items");
            if (items.isEmpty()) {
                continue;
            }
            assertEquals(shared, items.size(), reply::toString);
            Set<String> states = new HashSet<>();
            items.forEach(item -> states.add(item.path("version") + " " + item.path("metadata")));
            assertEquals(1, states.size(), () -> "one snapshot mixes bulks: " + states);
            complete++;
        }
        return complete;
    }

    /** Every key under the prefix (there are {@code keys}) has this version and the same content; returns it. */
    private static String assertOneBulksWholeContent(String keyPrefix, int keys, int version) {
        List<String> rows = Rows.strings("SELECT version || ' ' || metadata::text FROM metastore.metastore_records"
                + " WHERE key >= ? AND key < ?", keyPrefix, keyPrefix + Character.MAX_VALUE);
        assertEquals(keys, rows.size(), keyPrefix);
        assertEquals(1, new HashSet<>(rows).size(), () -> keyPrefix + " holds several bulks' content: " + rows);
        assertTrue(rows.get(0).startsWith(version + " "), () -> keyPrefix + ": one version per applied bulk: " + rows);
        return rows.get(0);
    }
}
