package io.metastore.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writers that create one new record after another in a namespace ({@code <ns>/w<writer>-<i>} with metadata
 * {@code {"i": i}}) until stopped, remembering every write the service acknowledged with 201, every status it answered
 * and the slowest answer: the load under which a test takes the database away.
 */
public final class WriteLoad {

    private static final int MAX_WRITES_PER_WRITER = 100_000;

    private final String ns;
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    private final Set<Integer> statuses = ConcurrentHashMap.newKeySet();
    private final Set<String> unavailableNotProblems = ConcurrentHashMap.newKeySet();
    private final Set<String> noAnswers = ConcurrentHashMap.newKeySet();
    private final AtomicLong slowestNanos = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;
    private final List<Future<?>> writers = new ArrayList<>();

    private WriteLoad(String ns, int writerCount) {
        this.ns = ns;
        this.threads = Executors.newFixedThreadPool(writerCount);
    }

    /** Starts the writers; each writes through {@code api}, which must hold {@code <ns>:write}. */
    public static WriteLoad start(Api api, String ns, int writerCount) {
        WriteLoad load = new WriteLoad(ns, writerCount);
        for (int w = 0; w < writerCount; w++) {
            int writer = w;
            load.writers.add(load.threads.submit(() -> load.write(api, writer)));
        }
        return load;
    }

    private void write(Api api, int writer) {
        for (int i = 0; running.get() && i < MAX_WRITES_PER_WRITER; i++) {
            String key = ns + "/w" + writer + "-" + i;
            long sent = System.nanoTime();
            Api.Reply reply;
            try {
                reply = api.put("records/" + key, "{\"metadata\":{\"i\":" + i + "}}");
            } catch (IllegalStateException noAnswer) {
                // e.g. the client's timeout: counted against the service, and the writer goes on
                noAnswers.add(noAnswer.getMessage());
                continue;
            } finally {
                slowestNanos.accumulateAndGet(System.nanoTime() - sent, Math::max);
            }
            statuses.add(reply.status());
            if (reply.status() == 201) {
                acknowledged.put(key, i);
            } else if (reply.status() == 503 && !isProblem(reply)) {
                unavailableNotProblems.add(reply.toString());
            }
        }
    }

    private static boolean isProblem(Api.Reply reply) {
        return reply.contentType() != null && reply.contentType().startsWith("application/problem+json");
    }

    /** Waits until the writers have had {@code count} writes acknowledged in all; fails after the timeout. */
    public void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(acknowledged.size() >= count,
                () -> acknowledged.size() + " of " + count + " writes acknowledged within " + timeout);
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /** A key whose creation the service acknowledged. */
    public String anyAcknowledgedKey() {
        return acknowledged.keySet().iterator().next();
    }

    public Duration slowest() {
        return Duration.ofNanos(slowestNanos.get());
    }

    /** Stops the writers after their current request and waits for them; rethrows what a writer failed with. */
    public void stop() throws InterruptedException, ExecutionException {
        running.set(false);
        try {
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Every write got an answer, every answer was a 201 or a 503 problem, and at least one was a 503: the writers ran
     * into the outage.
     */
    public void assertOnlyCreatedOrUnavailable() {
        assertTrue(noAnswers.isEmpty(), () -> "writes without an answer: " + noAnswers);
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 503), () -> "statuses under outage: " + statuses);
        assertTrue(statuses.contains(503), "the outage was seen by the writers");
        assertTrue(unavailableNotProblems.isEmpty(), () -> "503 without problem+json: " + unavailableNotProblems);
    }

    /** Every write answered 201 is in the database (reached through {@code database}) with the value it wrote. */
    public void assertAcknowledgedWritesStored(Callable<Connection> database) throws Exception {
        Map<String, String> stored = new HashMap<>();
        try (Connection connection = database.call(); PreparedStatement query = connection.prepareStatement(
                "SELECT key, metadata->>'i' FROM metastore.metastore_records"
                        + " WHERE key >= ? AND key < ? AND deleted_at IS NULL")) {
            // '0' follows '/' in code-point order, so the range is exactly the keys of this namespace
            query.setString(1, ns + "/");
            query.setString(2, ns + "0");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        List<String> lostOrChanged = acknowledged.entrySet().stream()
                .filter(write -> !String.valueOf(write.getValue()).equals(stored.get(write.getKey())))
                .map(write -> write.getKey() + " wrote " + write.getValue() + ", stored " + stored.get(write.getKey()))
                .sorted().toList();
        assertTrue(lostOrChanged.isEmpty(), () -> lostOrChanged.size() + " of " + acknowledged.size()
                + " acknowledged writes lost or changed, first ones: "
                + lostOrChanged.subList(0, Math.min(10, lostOrChanged.size())));
    }
}
