package io.metastore.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * The one reading of PostgreSQL's SQLSTATEs: which failures a fresh attempt of the same transaction wins (a lost race),
 * and which {@link Failure} a client should see for the rest. Exceptions arrive wrapped several times (Hibernate, JTA,
 * the EJB container), so every cause is looked at.
 */
public final class DatabaseFailures {

    /** What a SQLSTATE says about a failed statement. */
    enum Cause {
        /** Another transaction created the same key first, or PostgreSQL broke a deadlock or serialization conflict. */
        LOST_RACE,
        /** No connection, the server shutting down or starting, too many connections, a read-only standby, or a
         * misconfigured connection (missing database, rejected credentials). */
        UNREACHABLE,
        STATEMENT_TIMEOUT,
        /** A value in the request PostgreSQL cannot store or compare (class 22). */
        DATA,
        /** The request exceeds one of PostgreSQL's limits (class 54: too many columns, arguments, too complex). */
        LIMIT,
        /** Any other integrity violation (class 23). */
        INTEGRITY,
        OTHER;

        static Cause of(String state) {
            if (state.equals("23505") || state.equals("40P01") || state.equals("40001")) {
                return LOST_RACE;
            }
            if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300") || state.equals("25006")
                    || state.equals("3D000") || state.startsWith("28")) {
                return UNREACHABLE;
            }
            if (state.equals("57014")) {
                return STATEMENT_TIMEOUT;
            }
            if (state.startsWith("22")) {
                return DATA;
            }
            if (state.startsWith("54")) {
                return LIMIT;
            }
            return state.startsWith("23") ? INTEGRITY : OTHER;
        }
    }

    private DatabaseFailures() {
    }

    /** Whether the same transaction, run again, would see the winner's committed rows and proceed. */
    public static boolean lostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && Cause.of(sql.getSQLState()) == Cause.LOST_RACE) {
                return true;
            }
        }
        return false;
    }

    /** The failure a client should see, or empty when this is a defect rather than an answer. */
    public static Optional<Failure> classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof Failure known) {
                return Optional.of(known);
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                    || t.getClass().getName().startsWith("com.ibm.websphere.ce.cm.ConnectionWaitTimeout")) {
                return Optional.of(Failure.databaseUnreachable());
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                Optional<Failure> bySqlState = bySqlState(Cause.of(sql.getSQLState()));
                if (bySqlState.isPresent()) {
                    return bySqlState;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> bySqlState(Cause cause) {
        return Optional.ofNullable(switch (cause) {
            case LOST_RACE -> Failure.conflict("A concurrent transaction touched the same records; retry");
            case UNREACHABLE -> Failure.databaseUnreachable();
            case STATEMENT_TIMEOUT -> Failure.statementTimeout();
            case DATA -> Failure.malformed("PostgreSQL cannot store or compare a value in the request");
            case LIMIT -> Failure.malformed("The request exceeds a limit of PostgreSQL; make it smaller");
            case INTEGRITY -> Failure.conflict("The write conflicts with a concurrent write; retry");
            case OTHER -> null;
        });
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
