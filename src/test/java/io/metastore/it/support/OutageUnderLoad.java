package io.metastore.it.support;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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

    /** Scheduling on a loaded machine, added once to each measured interval; the configuration allows the rest. */
    private static final Duration SLACK = Duration.ofSeconds(2);
    /** No request may take longer than the configuration lets it wait (pool wait plus connect timeout). */
    private static final Duration ANSWER_WITHIN = ConfiguredTimeouts.unavailableAnswer().plus(SLACK);
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    private static final Duration WARM_UP = Duration.ofSeconds(30);
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
     * Runs the outage and asserts all of the above, the whole drill within the sum of its own waits.
     *
     * @param takeDatabaseAway returns once the database is gone, within {@code takingAwayTakes}
     * @param giveDatabaseBack returns once the database accepts connections again, within {@code givingBackTakes}
     * @param database connections to the service's database, to check what it stored
     */
    public Measurements run(Runnable takeDatabaseAway, Duration takingAwayTakes, Runnable giveDatabaseBack,
                            Duration givingBackTakes, Callable<Connection> database) {
        Duration drill = WARM_UP.plus(takingAwayTakes).plus(ANSWER_WITHIN.multipliedBy(4)).plus(HOLD)
                .plus(givingBackTakes).plus(RECOVERY).plus(ANSWER_WITHIN).plus(RECOVERY).plus(ANSWER_WITHIN);
        return assertTimeoutPreemptively(drill,
                () -> run(takeDatabaseAway, giveDatabaseBack, database), "the drill took longer than its own waits");
    }

    private Measurements run(Runnable takeDatabaseAway, Runnable giveDatabaseBack, Callable<Connection> database)
            throws Exception {
        WriteLoad load = WriteLoad.start(api, ns, WRITERS);
        Duration outage;
        Duration readyAfterReturn;
        try {
            load.awaitAcknowledged(WRITES_BEFORE_OUTAGE, WARM_UP);
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
        assertTrue(slowest.compareTo(ANSWER_WITHIN) < 0, () -> "slowest write took " + slowest + ", over the "
                + ConfiguredTimeouts.unavailableAnswer() + " the configuration allows");
        load.assertAcknowledgedWritesStored(database);
        return new Measurements(outage, slowest, readyAfterReturn, load.acknowledgedCount());
    }

    private void assertUnavailable(String existingKey) {
        long started = System.nanoTime();
        assertProblem(503, api.get("records/" + existingKey));
        assertProblem(503, api.put("records/" + ns + "/during", "{\"metadata\":{}}"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Duration allowed = ConfiguredTimeouts.unavailableAnswer().multipliedBy(2).plus(SLACK);
        assertTrue(took.compareTo(allowed) < 0, () -> "two calls took " + took + ", over " + allowed);
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
