package io.metastore.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writers for the change feed and history tests: each mixes single writes (PUT, PATCH, DELETE, and identical POST
 * replays that write nothing) and bulks (atomic ones that apply, atomic ones that fail on purpose with a stale
 * version, and independent ones with one failing operation) over a few shared keys, so that transactions race for
 * the same rows and commit in other orders than they began. Every write the service acknowledged is remembered with
 * its version, its kind when the answer tells it, its answer when it has one, and its transaction when it was part of
 * an atomic bulk. {@link #assertFollowed} holds a feed consumer's items against them.
 */
public final class FeedWriters {

    /** An acknowledged write. {@code change} and {@code answer} may be null; {@code bulk} is -1 outside atomic bulks. */
    public record Ack(String key, long version, String change, JsonNode answer, int bulk) {
    }

    private final Api api;
    private final String ns;
    private final int keys;
    private final List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
    private final Set<Integer> statuses = Collections.synchronizedSet(new HashSet<>());
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger bulks = new AtomicInteger();
    private final AtomicInteger failedOnPurpose = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final boolean outageExpected;
    private final ExecutorService threads;
    private final List<Future<?>> writers = new ArrayList<>();

    private FeedWriters(Api api, String ns, int writerCount, int keys, boolean outageExpected) {
        this.api = api;
        this.ns = ns;
        this.keys = keys;
        this.outageExpected = outageExpected;
        this.threads = Executors.newFixedThreadPool(writerCount);
    }

    /**
     * Starts the writers, each writing {@code writesEach} times (or until {@link #stop}); with {@code outageExpected},
     * 503 answers and calls without an answer are allowed (the write may or may not have committed).
     */
    public static FeedWriters start(Api api, String ns, int writerCount, int writesEach, int keys,
                                    boolean outageExpected) {
        FeedWriters load = new FeedWriters(api, ns, writerCount, keys, outageExpected);
        for (int w = 0; w < writerCount; w++) {
            int writer = w;
            load.writers.add(load.threads.submit(() -> load.write(writer, writesEach)));
        }
        return load;
    }

    /** Waits for the writers to finish (after their current write when stopped); rethrows what a writer threw. */
    public List<Ack> finish() throws InterruptedException, ExecutionException {
        try {
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(unexpected.isEmpty(), () -> "unexpected answers: " + unexpected.subList(0,
                Math.min(5, unexpected.size())));
        return List.copyOf(acks);
    }

    public void stop() {
        running.set(false);
    }

    public int acknowledged() {
        return acks.size();
    }

    public int failedOnPurpose() {
        return failedOnPurpose.get();
    }

    public Set<Integer> statuses() {
        return Set.copyOf(statuses);
    }

    private void write(int writer, int writesEach) {
        Random random = new Random(writer * 7919L);
        String own = ns + "/own-" + writer;
        for (int i = 0; i < writesEach && running.get(); i++) {
            int dice = random.nextInt(100);
            String key = key(random);
            String body = "{\"metadata\":{\"w\":" + writer + ",\"i\":" + i + "},\"tags\":[\"t" + (i % 3) + "\"]}";
            try {
                if (dice < 40) {
                    single(api.put("records/" + key, body), key, 200, 201);
                } else if (dice < 48) {
                    single(api.patch("records/" + key, "{\"metadata\":{\"p\":" + i + "}}"), key, 200, 404);
                } else if (dice < 56) {
                    single(api.delete("records/" + key), key, 204, 404);
                } else if (dice < 76) {
                    atomicBulk(random, i, false);
                } else if (dice < 86) {
                    atomicBulk(random, i, true);
                } else if (dice < 94) {
                    independentBulk(random, i);
                } else {
                    createOrReplay(own, writer);
                }
            } catch (IllegalStateException noAnswer) {
                if (!outageExpected) {
                    unexpected.add(noAnswer.getMessage());
                }
            }
        }
    }

    /** The writer's own key: created by the first POST, replayed identically (200, nothing written) by the others. */
    private void createOrReplay(String own, int writer) {
        Api.Reply reply = api.post("records", "{\"key\":\"" + own + "\",\"metadata\":{\"own\":" + writer + "}}");
        statuses.add(reply.status());
        if (reply.status() == 200) {
            if (reply.json().path("version").asLong() != 1) {
                unexpected.add("an identical POST replay wrote: " + reply);
            }
        } else {
            single(reply, own, 201);
        }
    }

    private String key(Random random) {
        return ns + "/k" + random.nextInt(keys);
    }

    private void single(Api.Reply reply, String key, int... expected) {
        statuses.add(reply.status());
        if (!expectedStatus(reply.status(), expected)) {
            return;
        }
        switch (reply.status()) {
            case 201 -> {
                JsonNode answer = reply.json();
                long version = answer.path("version").asLong();
                acks.add(new Ack(key, version, version == 1 ? "created" : "revived", answer, -1));
            }
            case 200 -> {
                JsonNode answer = reply.json();
                if (!answer.path("version").asText().equals(reply.header("ETag").replace("\"", ""))) {
                    unexpected.add("ETag and version differ: " + reply);
                }
                acks.add(new Ack(key, answer.path("version").asLong(), "updated", answer, -1));
            }
            case 204 -> acks.add(new Ack(key, Long.parseLong(reply.header("ETag").replace("\"", "")), "deleted",
                    null, -1));
            default -> {
                // 404: nothing to patch or delete; nothing written
            }
        }
    }

    private boolean expectedStatus(int status, int... expected) {
        for (int e : expected) {
            if (e == status) {
                return true;
            }
        }
        if (!(outageExpected && status == 503)) {
            unexpected.add("status " + status);
        }
        return false;
    }

    private void atomicBulk(Random random, int i, boolean failOnPurpose) {
        List<String> chosen = distinctKeys(random, 2 + random.nextInt(3));
        StringBuilder operations = new StringBuilder();
        for (int k = 0; k < chosen.size(); k++) {
            boolean stale = failOnPurpose && k == chosen.size() - 1;
            operations.append(k == 0 ? "" : ",").append("{\"op\":\"upsert\",\"key\":\"").append(chosen.get(k))
                    .append("\",\"metadata\":{\"bulk\":").append(i).append("}").append(stale ? ",\"version\":999999"
                            : "").append("}");
        }
        Api.Reply reply = api.post("records/bulk", "{\"atomic\":true,\"operations\":[" + operations + "]}");
        statuses.add(reply.status());
        if (failOnPurpose) {
            if (reply.status() == 409) {
                failedOnPurpose.incrementAndGet();
            } else {
                expectedStatus(reply.status());
            }
            return;
        }
        if (expectedStatus(reply.status(), 200)) {
            int bulk = bulks.incrementAndGet();
            reply.json().path("results").forEach(result -> acks.add(bulkAck(result, bulk)));
        }
    }

    private void independentBulk(Random random, int i) {
        List<String> chosen = distinctKeys(random, 3);
        String operations = "{\"op\":\"upsert\",\"key\":\"" + chosen.get(0) + "\",\"metadata\":{\"ind\":" + i + "}},"
                + "{\"op\":\"upsert\",\"key\":\"" + chosen.get(1) + "\",\"metadata\":{},\"version\":999999},"
                + "{\"op\":\"upsert\",\"key\":\"" + chosen.get(2) + "\",\"metadata\":{\"ind\":" + i + "}}";
        Api.Reply reply = api.post("records/bulk", "{\"atomic\":false,\"operations\":[" + operations + "]}");
        statuses.add(reply.status());
        if (expectedStatus(reply.status(), 200)) {
            for (JsonNode result : reply.json().path("results")) {
                int status = result.path("status").asInt();
                if (status == 200 || status == 201) {
                    acks.add(bulkAck(result, -1));
                } else if (status != 409 && !(outageExpected && status == 503)) {
                    unexpected.add("independent bulk operation: " + result);
                }
            }
        }
    }

    private static Ack bulkAck(JsonNode result, int bulk) {
        long version = result.path("version").asLong();
        String change = result.path("status").asInt() == 200 ? "updated" : version == 1 ? "created" : "revived";
        return new Ack(result.path("key").asText(), version, change, null, bulk);
    }

    private List<String> distinctKeys(Random random, int count) {
        Set<String> chosen = new HashSet<>();
        while (chosen.size() < count) {
            chosen.add(key(random));
        }
        return new ArrayList<>(chosen);
    }

    /**
     * A consumer's items hold every acknowledged write exactly once, and no other write when {@code exactly} (a run
     * without outage, where every write has a definite answer); a key's versions in ascending order; an atomic bulk's
     * writes next to each other; each item's change kind as the answer said it.
     */
    public static void assertFollowed(String who, List<JsonNode> seen, List<Ack> acks, boolean exactly) {
        Map<String, Integer> position = new HashMap<>();
        Map<String, Long> lastVersion = new HashMap<>();
        for (int i = 0; i < seen.size(); i++) {
            JsonNode item = seen.get(i);
            String id = item.path("key").asText() + "@" + item.path("version").asLong();
            Integer earlier = position.put(id, i);
            assertTrue(earlier == null, () -> who + " saw " + id + " twice");
            Long previous = lastVersion.put(item.path("key").asText(), item.path("version").asLong());
            assertTrue(previous == null || previous < item.path("version").asLong(),
                    () -> who + " saw " + id + " after version " + previous);
        }
        Map<Integer, List<Integer>> bulkPositions = new TreeMap<>();
        for (Ack ack : acks) {
            String id = ack.key() + "@" + ack.version();
            Integer at = position.get(id);
            assertTrue(at != null, () -> who + " never saw the acknowledged write " + id);
            if (ack.change() != null) {
                assertEquals(ack.change(), seen.get(at).path("change").asText(), () -> who + ": the change of " + id);
            }
            if (ack.bulk() >= 0) {
                bulkPositions.computeIfAbsent(ack.bulk(), b -> new ArrayList<>()).add(at);
            }
        }
        if (exactly) {
            assertEquals(acks.size(), seen.size(), () -> who + " saw writes nobody acknowledged");
        }
        bulkPositions.forEach((bulk, at) -> {
            List<Integer> sorted = at.stream().sorted().toList();
            assertEquals(sorted.get(0) + sorted.size() - 1, sorted.get(sorted.size() - 1),
                    () -> who + ": the writes of one atomic bulk apart, at " + sorted);
        });
    }

    /**
     * Each key's history, read through the API, is exactly the acknowledged writes' versions, and each entry of a
     * write whose answer carried the record equals that answer.
     */
    public static void assertHistories(Api api, List<Ack> acks) {
        Map<String, List<Ack>> byKey = new TreeMap<>();
        acks.forEach(ack -> byKey.computeIfAbsent(ack.key(), k -> new ArrayList<>()).add(ack));
        byKey.forEach((key, written) -> {
            List<JsonNode> entries = new ArrayList<>();
            String cursor = null;
            do {
                Api.Reply page = api.get("history/" + key + "?limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
                assertEquals(200, page.status(), page::toString);
                page.json().path("items").forEach(entries::add);
                cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
            } while (cursor != null);
            List<Long> versions = entries.stream().map(e -> e.path("version").asLong()).toList();
            List<Long> acknowledged = written.stream().map(Ack::version).sorted(Collections.reverseOrder()).toList();
            assertEquals(acknowledged, versions, () -> "the history of " + key);
            for (Ack ack : written) {
                if (ack.answer() != null) {
                    assertEquals(ack.answer(), entries.get(versions.indexOf(ack.version())),
                            () -> "the entry of " + key + " at version " + ack.version());
                }
            }
        });
    }
}
