package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.DatabaseProxy;
import io.metastore.it.support.LibertyTestDatabase;
import io.metastore.it.support.Rows;
import io.metastore.it.support.ServiceIT;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under load and comes back: requests fail fast with 503, readiness goes DOWN then UP, the
 * service recovers without a restart, and every write acknowledged before or during the outage is still there.
 */
class DatabaseOutageIT extends ServiceIT {

    private static final Duration FAIL_FAST = Duration.ofSeconds(10);
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    private static final int WRITERS = 4;



    private final DatabaseProxy database = LibertyTestDatabase.proxy();

    @AfterEach
    void giveTheDatabaseBack() {
        database.restore();
    }

    @Test
    void outageAnswers503FastAndTheServiceRecoversByItself() throws Exception {
        Api server = server();
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        AtomicLong slowestNanos = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(load.submit(() -> {
                for (int i = 0; running.get() && i < 100_000; i++) {
                    String key = ns + "/w" + writer + "-" + i;
                    long sent = System.nanoTime();
                    Api.Reply reply = api.put("records/" + key, "{\"metadata\":{\"i\":" + i + "}}");
                    slowestNanos.accumulateAndGet(System.nanoTime() - sent, Math::max);
                    statuses.add(reply.status());
                    if (reply.status() == 201) {
                        acknowledged.put(key, i);
                    }
                }
            }));
        }
        try {
            awaitAcknowledged(acknowledged, 40);
            String before = acknowledged.keySet().iterator().next();
            database.cut();

            long started = System.nanoTime();
            assertProblem(503, api.get("records/" + before));
            assertProblem(503, api.put("records/" + ns + "/during", "{\"metadata\":{}}"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(FAIL_FAST.multipliedBy(2)) < 0, () -> "two calls took " + took);
            assertEquals(503, server.get("health/ready").status());
            assertEquals(200, server.get("health/live").status(), "an outage makes the service unready, not dead");
            Thread.sleep(2000);

            database.restore();
            assertTrue(waitUntilReady(server), "ready again within " + RECOVERY);
            assertEquals(200, api.get("records/" + before).status());
        } finally {
            running.set(false);
            for (Future<?> writer : writers) {
                writer.get();
            }
            load.shutdownNow();
        }
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 503), () -> "statuses under outage: " + statuses);
        assertTrue(statuses.contains(503), "the outage was seen by the writers");
        // no request hangs: the worst case is a pool wait (5 s) plus a connect timeout (3 s), far below this bound
        Duration slowest = Duration.ofNanos(slowestNanos.get());
        assertTrue(slowest.compareTo(FAIL_FAST.multipliedBy(2)) < 0, () -> "slowest write took " + slowest);
        List<String> stored = Rows.strings("SELECT key FROM metastore.metastore_records WHERE key >= ? AND key < ?",
                ns + "/", ns + "0");
        assertTrue(stored.containsAll(acknowledged.keySet()),
                () -> "acknowledged writes lost: " + acknowledged.keySet().stream().filter(k -> !stored.contains(k)).toList());
    }

    private static void awaitAcknowledged(Map<String, Integer> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (acknowledged.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(acknowledged.size() >= count, "the writers got going before the outage");
    }

    private static boolean waitUntilReady(Api server) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (System.nanoTime() < deadline) {
            if (server.get("health/ready").status() == 200) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }
}
