package io.metastore.platform;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Turns exceptions that escape the persistence layer (often wrapped several times by Hibernate, JTA and the EJB
 * container) into the problem a client should see. Decisions are taken on PostgreSQL's SQLSTATE where there is one.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static Optional<ProblemException> classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException problem) {
                return Optional.of(problem);
            }
            if (t instanceof OptimisticLockException
                    || t.getClass().getName().equals("org.hibernate.StaleObjectStateException")) {
                return Optional.of(ProblemException.conflict("The record was changed by a concurrent write; retry"));
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                    || t.getClass().getName().startsWith("com.ibm.websphere.ce.cm.ConnectionWaitTimeout")) {
                return Optional.of(databaseUnavailable());
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                Optional<ProblemException> bySqlState = bySqlState(sql.getSQLState());
                if (bySqlState.isPresent()) {
                    return bySqlState;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ProblemException> bySqlState(String state) {
        // connection failures, server shutting down or starting, too many connections, read-only standby,
        // and a misconfigured connection (missing database, rejected credentials)
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300") || state.equals("25006")
                || state.equals("3D000") || state.startsWith("28")) {
            return Optional.of(databaseUnavailable());
        }
        if (state.equals("57014")) {
            return Optional.of(new ProblemException(503, "statement-timeout", "Query timed out",
                    "The database cancelled the statement after the configured timeout; narrow the filter"));
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return Optional.of(ProblemException.conflict("A concurrent transaction touched the same records; retry"));
        }
        if (state.startsWith("22")) {
            return Optional.of(ProblemException.badRequest("PostgreSQL cannot store or compare a value in the request"));
        }
        if (state.startsWith("23")) {
            return Optional.of(ProblemException.conflict("The write conflicts with a concurrent write; retry"));
        }
        return Optional.empty();
    }

    public static ProblemException databaseUnavailable() {
        return new ProblemException(503, "database-unavailable", "Database unavailable",
                "The metadata database cannot be reached right now; retry later");
    }
}
