package io.metastore.records.control;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a write transaction again when it lost a race that a fresh attempt wins: another transaction created the same
 * key first (unique violation), or PostgreSQL broke a deadlock or serialization conflict by aborting this one. The
 * next attempt sees the winner's committed row and proceeds as an update (or answers 409/412 by the usual rules).
 */
final class RaceRetry {

    static final int MAX_ATTEMPTS = 5;
    private static final Set<String> LOST_RACE = Set.of("23505", "40P01", "40001");

    private RaceRetry() {
    }

    static <T> T run(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException failure) {
                if (attempt == MAX_ATTEMPTS || !lostRace(failure)) {
                    throw failure;
                }
                pause(attempt);
            }
        }
    }

    static boolean lostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Set.of refuses contains(null), and a driver may leave the SQLState out
            if (t instanceof SQLException sql && sql.getSQLState() != null && LOST_RACE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A short random pause, growing with the attempt, so the racers do not collide again in lockstep. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
