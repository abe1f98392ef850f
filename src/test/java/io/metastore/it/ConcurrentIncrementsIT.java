package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.Rows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Read-modify-write increments on a few hot records from many clients, each guarded by If-Match and retried on 412:
 * no increment is lost or applied twice, and nothing answers 5xx. CI runs 32 clients x 60 increments on 10 records
 * (about a minute on a shared 2-core machine); {@code -Dmetastore.it.increments.per-client=500} is the full run
 * recorded in docs/benchmarks.md.
 */
class ConcurrentIncrementsIT extends ServiceIT {

    private static final int CLIENTS = Integer.getInteger("metastore.it.increments.clients", 32);
    private static final int PER_CLIENT = Integer.getInteger("metastore.it.increments.per-client", 60);
    private static final int RECORDS = 10;
    /** Stops a run that makes no progress instead of hanging CI; generous for the full 32 x 500 run. */
    private static final Duration DEADLINE = Duration.ofMinutes(Long.getLong("metastore.it.increments.minutes", 15));



    @Test
    void everyAcknowledgedIncrementIsCountedOnce() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int r = 0; r < RECORDS; r++) {
            String key = ns + "/hot-" + r;
            assertEquals(201, api.put("records/" + key, "{\"metadata\":{\"counter\":0}}").status());
            keys.add(key);
        }
        Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
        keys.forEach(key -> acknowledged.put(key, new LongAdder()));
        Map<Integer, LongAdder> unexpected = new ConcurrentHashMap<>();
        LongAdder retries = new LongAdder();
        long deadline = System.nanoTime() + DEADLINE.toNanos();

        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(c); // each client's choice of records is reproducible
                running.add(clients.submit(() -> {
                    for (int i = 0; i < PER_CLIENT && System.nanoTime() < deadline; i++) {
                        String key = keys.get(random.nextInt(RECORDS));
                        while (System.nanoTime() < deadline) {
                            Api.Reply read = api.get("records/" + key);
                            if (read.status() != 200) {
                                unexpected.computeIfAbsent(read.status(), s -> new LongAdder()).increment();
                                break;
                            }
                            long counter = read.json().path("metadata").path("counter").asLong();
                            Api.Reply write = api.put("records/" + key,
                                    "{\"metadata\":{\"counter\":" + (counter + 1) + "}}", "If-Match", read.header("ETag"));
                            if (write.status() == 200) {
                                acknowledged.get(key).increment();
                                break;
                            }
                            if (write.status() != 412) {
                                unexpected.computeIfAbsent(write.status(), s -> new LongAdder()).increment();
                                break;
                            }
                            retries.increment();
                        }
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long total = acknowledged.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("ConcurrentIncrementsIT: %d clients x %d increments on %d records: %d acknowledged, "
                        + "%d retries on 412, in %d ms (%.0f increments/s)%n", CLIENTS, PER_CLIENT, RECORDS, total,
                retries.sum(), took.toMillis(), total * 1000.0 / Math.max(1, took.toMillis()));

        assertTrue(unexpected.isEmpty(), () -> "answers other than 200 and 412: " + unexpected);
        assertEquals((long) CLIENTS * PER_CLIENT, total, "every client finished its increments before the deadline");
        Map<String, String> expected = new TreeMap<>();
        acknowledged.forEach((key, count) -> expected.put(key, "counter " + count.sum() + " version " + (1 + count.sum())));
        Map<String, String> stored = new TreeMap<>();
        for (String row : Rows.strings("SELECT key || ' ' || (metadata->>'counter') || ' ' || version"
                + " FROM metastore.metastore_records WHERE key >= ? AND key < ?", ns + "/", ns + "0")) {
            String[] parts = row.split(" ");
            stored.put(parts[0], "counter " + parts[1] + " version " + parts[2]);
        }
        assertEquals(expected, stored, "each counter equals its acknowledged increments, each version one more");
    }
}
