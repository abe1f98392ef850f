package io.metastore.it.support;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The database outage of issue 7, whichever way a test takes the database away (a cut relay, a stopped PostgreSQL):
 * under write load the database goes away, requests answer 503 problems fast, readiness goes DOWN while liveness
 * stays UP; the database comes back, and without a restart the service gets ready and writes again, with every write
 * it acknowledged before or during the outage stored.
 */
public final class OutageUnderLoad {

    /** No request may take longer: the worst case is a pool wait (5 s) plus a connect timeout (3 s), far below it. */
    public static final Duration FAIL_FAST = Duration.ofSeconds(20);
    public static final Duration RECOVERY = Duration.ofSeconds(90);
    private static final int WRITERS = 4;
    private static final int WRITES_BEFORE_OUTAGE = 40;
    private static final int WRITES_AFTER_RECOVERY = 20;
    /** How long the writers keep running into the outage after the probes. */
    private static final Duration HOLD = Duration.ofSeconds(2);

    private final Api api;
    private final Api server;
    private final String ns;

    /**
     * @param api a client holding {@code <ns>:write} on the service
     * @param server the server root, where /health lives
     */
    public OutageUnderLoad(Api api, Api server, String ns) {
        this.api = api;
        this.server = server;
        this.ns = ns;
    }

    /** What one outage looked like from outside, for the record (docs/benchmarks.md). */
    public record Measurements(Duration outage, Duration slowestWrite, Duration readyAfterReturn, int acknowledged) {

        @Override
        public String toString() {
            return ("database away %.1f s, slowest write %.1f s, ready %.1f s after the database returned,"
                    + " %d writes acknowledged").formatted(seconds(outage), seconds(slowestWrite),
                    seconds(readyAfterReturn), acknowledged);
        }

        private static double seconds(Duration duration) {
            return duration.toMillis() / 1000.0;
        }
    }

    /**
     * Runs the outage and asserts all of the above.
     *
     * @param takeDatabaseAway returns once the database is gone
     * @param giveDatabaseBack returns once the database accepts connections again
     * @param database connections to the service's database, to check what it stored
     */
    public Measurements run(Runnable takeDatabaseAway, Runnable giveDatabaseBack, Callable<Connection> database)
            throws Exception {
        WriteLoad load = WriteLoad.start(api, ns, WRITERS);
        Duration outage;
        Duration readyAfterReturn;
        try {
            load.awaitAcknowledged(WRITES_BEFORE_OUTAGE, Duration.ofSeconds(30));
            String before = load.anyAcknowledgedKey();
            long away = System.nanoTime();
            takeDatabaseAway.run();
            assertUnavailable(before);
            Thread.sleep(HOLD.toMillis());

            giveDatabaseBack.run();
            long back = System.nanoTime();
            outage = Duration.ofNanos(back - away);
            assertTrue(awaitReady(), "ready again within " + RECOVERY);
            readyAfterReturn = Duration.ofNanos(System.nanoTime() - back);
            assertEquals(200, api.get("records/" + before).status());
            load.awaitAcknowledged(load.acknowledgedCount() + WRITES_AFTER_RECOVERY, RECOVERY);
        } finally {
            load.stop();
        }
        load.assertOnlyCreatedOrUnavailable();
        Duration slowest = load.slowest();
        assertTrue(slowest.compareTo(FAIL_FAST) < 0, () -> "slowest write took " + slowest);
        load.assertAcknowledgedWritesStored(database);
        return new Measurements(outage, slowest, readyAfterReturn, load.acknowledgedCount());
    }

    private void assertUnavailable(String existingKey) {
        long started = System.nanoTime();
        assertProblem(503, api.get("records/" + existingKey));
        assertProblem(503, api.put("records/" + ns + "/during", "{\"metadata\":{}}"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(FAIL_FAST) < 0, () -> "two calls took " + took);
        assertEquals(503, server.get("health/ready").status());
        assertEquals(200, server.get("health/live").status(), "an outage makes the service unready, not dead");
    }

    private boolean awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (System.nanoTime() < deadline) {
            if (server.get("health/ready").status() == 200) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }
}
