package io.metastore.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Work of a few statements in a local transaction of its own on a pooled connection, for the components that speak SQL
 * without an entity manager or a container transaction (a search, history and change feed reads, an index
 * declaration): committed when the work returns, rolled back when it throws, and a database failure turned into the
 * {@link Failure} a client should see.
 */
public final class LocalTransaction {

    /** The work, on the transaction's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private LocalTransaction() {
    }

    /** @param what names the work in the exception of a failure that is a defect rather than an answer */
    public static <T> T run(DataSource database, String what, Work<T> work) {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw DatabaseFailures.classify(e).map(RuntimeException.class::cast)
                    .orElseGet(() -> new IllegalStateException(what + " failed", e));
        }
    }

    /**
     * A read of native SQL in a transaction of {@code isolation} (a {@link Connection} level), under the settings of
     * {@link #readSettings}.
     */
    public static <T> T read(DataSource database, int isolation, String statementTimeout, Work<T> work) {
        return run(database, "a read statement", connection -> {
            if (isolation == Connection.TRANSACTION_REPEATABLE_READ) {
                // for this transaction only: the pooled connection keeps its own level for the next user
                try (PreparedStatement level = connection.prepareStatement(
                        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")) {
                    level.execute();
                }
            }
            readSettings(connection, statementTimeout);
            return work.run(connection);
        });
    }

    /**
     * The settings a read statement runs under, for the rest of the current transaction only ({@code is_local}), so
     * they never leak to other users of the pooled connection: statements stop after {@code statementTimeout} (a
     * PostgreSQL duration such as {@code 5s}), every statement is planned with its values, and no JIT.
     */
    public static void readSettings(Connection connection, String statementTimeout) throws SQLException {
        try (PreparedStatement settings = connection.prepareStatement("SELECT set_config('statement_timeout', ?, true),"
                + " set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true)")) {
            settings.setString(1, statementTimeout);
            settings.execute();
        }
    }

    /** A rollback that fails too (the connection broke) must not hide why the work failed. */
    private static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
