package io.metastore.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    private static int status(Throwable failure) {
        return DatabaseFailures.classify(failure).map(f -> Problem.of(f).status()).orElse(500);
    }

    @Test
    void classifiesBySqlStateThroughWrappers() {
        assertEquals(503, status(new RuntimeException(new SQLException("refused", "08001"))));
        assertEquals(503, status(new IllegalStateException(new RuntimeException(new SQLException("gone", "57P01")))));
        assertEquals(503, status(new SQLException("no such database", "3D000")));
        assertEquals(503, status(new SQLException("bad password", "28P01")));
        assertEquals(409, status(new SQLException("deadlock", "40P01")));
        assertEquals(409, status(new SQLException("serialization", "40001")));
        assertEquals(409, status(new SQLException("unique", "23505")));
        assertEquals(409, status(new SQLException("check", "23514")));
        assertEquals(400, status(new SQLException("bad value", "22P02")));
    }

    @Test
    void aStatementTimeoutIsUnavailabilityOfItsOwnKind() {
        Failure timeout = DatabaseFailures.classify(new SQLException("timeout", "57014")).orElseThrow();
        assertEquals(Failure.Kind.STATEMENT_TIMEOUT, timeout.kind());
        assertEquals(503, Problem.of(timeout).status());
    }

    @Test
    void postgresLimitsTheRequestHitAreClientErrors() {
        assertEquals(400, status(new SQLException("target lists can have at most 1664 entries", "54011")));
        assertEquals(400, status(new SQLException("cannot pass more than 100 arguments", "54023")));
        assertEquals(400, status(new SQLException("statement too complex", "54001")));
    }

    @Test
    void failuresPassThroughUnchanged() {
        Failure failed = Failure.conditionFailed("x");
        assertSame(failed, DatabaseFailures.classify(new RuntimeException(failed)).orElseThrow());
        assertEquals(412, status(failed));
    }

    @Test
    void unknownFailuresAreNotClassified() {
        assertTrue(DatabaseFailures.classify(new NullPointerException()).isEmpty());
        assertTrue(DatabaseFailures.classify(new SQLException("odd", "XX000")).isEmpty());
    }

    @Test
    void onlyUniqueViolationsDeadlocksAndSerializationFailuresAreLostRaces() {
        assertTrue(DatabaseFailures.lostRace(new RuntimeException(new SQLException("unique", "23505"))));
        assertTrue(DatabaseFailures.lostRace(new SQLException("deadlock", "40P01")));
        assertTrue(DatabaseFailures.lostRace(new SQLException("serialization", "40001")));
        assertFalse(DatabaseFailures.lostRace(new SQLException("check", "23514")));
        assertFalse(DatabaseFailures.lostRace(new SQLException("refused", "08001")));
        assertFalse(DatabaseFailures.lostRace(new IllegalStateException("no SQL at all")));
    }
}
