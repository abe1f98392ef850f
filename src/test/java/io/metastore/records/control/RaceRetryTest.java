package io.metastore.records.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.metastore.platform.DatabaseFailures;
import io.metastore.platform.Failure;
import io.metastore.platform.Problem;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Which failures {@link RaceRetry} runs a transaction again for, and how often. The failures are built as they reach
 * it from the persistence layer: PostgreSQL's SQLException wrapped by Hibernate and the container.
 */
class RaceRetryTest {

    /** A transaction that fails with the next of the given failures on each attempt, and succeeds once they run out. */
    private static final class Transaction implements Supplier<String> {
        private final List<RuntimeException> failures;
        private int attempts;

        Transaction(List<RuntimeException> failures) {
            this.failures = failures;
        }

        @Override
        public String get() {
            attempts++;
            if (attempts <= failures.size()) {
                throw failures.get(attempts - 1);
            }
            return "committed";
        }
    }

    private static RuntimeException lostRace(String sqlState) {
        return new RuntimeException("transaction rolled back",
                new PersistenceException("could not execute statement", new SQLException("lost", sqlState)));
    }

    private static List<RuntimeException> repeated(int times, String sqlState) {
        List<RuntimeException> failures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            failures.add(lostRace(sqlState));
        }
        return failures;
    }

    @Test
    void aLostRaceIsRunAgainUntilAnAttemptWins() {
        for (String sqlState : List.of("23505", "40P01", "40001")) {
            Transaction transaction = new Transaction(repeated(RaceRetry.MAX_ATTEMPTS - 1, sqlState));
            assertEquals("committed", RaceRetry.run(transaction), sqlState);
            assertEquals(RaceRetry.MAX_ATTEMPTS, transaction.attempts, sqlState);
        }
    }

    @Test
    void outOfAttemptsTheLastFailureSurfacesAndAnswers409() {
        List<RuntimeException> failures = repeated(RaceRetry.MAX_ATTEMPTS + 1, "40P01");
        Transaction transaction = new Transaction(failures);

        RuntimeException surfaced = assertThrows(RuntimeException.class, () -> RaceRetry.run(transaction));

        assertEquals(RaceRetry.MAX_ATTEMPTS, transaction.attempts, "no attempt beyond the limit");
        assertSame(failures.get(RaceRetry.MAX_ATTEMPTS - 1), surfaced, "the last attempt's own failure, unwrapped");
        assertEquals(409, DatabaseFailures.classify(surfaced).map(f -> Problem.of(f).status()).orElse(500),
                "a race lost on every attempt is a conflict the client may retry");
    }

    @Test
    void otherFailuresAreNotRetried() {
        List<RuntimeException> others = List.of(
                Failure.conditionFailed("expected version 1"),
                new RuntimeException(new SQLException("value too long", "22001")),
                new RuntimeException(new SQLException("connection refused", "08001")),
                new RuntimeException(new SQLException("no state")),
                new IllegalStateException("not a database failure"));
        for (RuntimeException failure : others) {
            Transaction transaction = new Transaction(List.of(failure, lostRace("40P01")));
            assertSame(failure, assertThrows(RuntimeException.class, () -> RaceRetry.run(transaction)));
            assertEquals(1, transaction.attempts, failure::toString);
        }
    }
}
