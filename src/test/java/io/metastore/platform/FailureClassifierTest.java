package io.metastore.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    private static int status(Throwable failure) {
        return FailureClassifier.classify(failure).map(ProblemException::status).orElse(500);
    }

    @Test
    void classifiesBySqlStateThroughWrappers() {
        assertEquals(503, status(new RuntimeException(new SQLException("refused", "08001"))));
        assertEquals(503, status(new IllegalStateException(new RuntimeException(new SQLException("gone", "57P01")))));
        assertEquals(503, status(new SQLException("timeout", "57014")));
        assertEquals(503, status(new SQLException("no such database", "3D000")));
        assertEquals(503, status(new SQLException("bad password", "28P01")));
        assertEquals(409, status(new SQLException("deadlock", "40P01")));
        assertEquals(409, status(new SQLException("serialization", "40001")));
        assertEquals(409, status(new SQLException("unique", "23505")));
        assertEquals(400, status(new SQLException("bad value", "22P02")));
    }

    @Test
    void optimisticLocksAreConflictsAndProblemsPassThrough() {
        assertEquals(409, status(new RuntimeException(new OptimisticLockException("stale"))));
        assertEquals(412, status(new RuntimeException(ProblemException.preconditionFailed("x"))));
    }

    @Test
    void unknownFailuresAreNotClassified() {
        assertTrue(FailureClassifier.classify(new NullPointerException()).isEmpty());
        assertTrue(FailureClassifier.classify(new SQLException("odd", "XX000")).isEmpty());
    }
}
