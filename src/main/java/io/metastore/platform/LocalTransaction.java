package io.metastore.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Native SQL in a local transaction of its own on a pooled connection, for the reads that JPQL cannot express (search,
 * history, the change feed): one or two statements need neither an entity manager nor a container transaction. The
 * transaction scopes the settings made with {@code is_local} (a statement timeout, custom plans, no JIT), which end with
 * it and never leak to other users of the pooled connection.
 */
public final class LocalTransaction {

    /** The work done inside the transaction, on its connection. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private LocalTransaction() {
    }

    /**
     * Runs {@code work} in a new transaction (of {@code isolation}, a {@link Connection} level) whose statements stop
     * after {@code statementTimeout} (a PostgreSQL duration such as {@code 5s}); a database failure becomes the
     * {@link Failure} a client should see.
     */
    public static <T> T run(DataSource database, int isolation, String statementTimeout, Work<T> work) {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (isolation == Connection.TRANSACTION_REPEATABLE_READ) {
                    // for this transaction only: the pooled connection keeps its own level for the next user
                    try (PreparedStatement level = connection.prepareStatement(
                            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")) {
                        level.execute();
                    }
                }
                try (PreparedStatement settings = connection.prepareStatement("SELECT set_config('statement_timeout', "
                        + "?, true), set_config('plan_cache_mode', 'force_custom_plan', true), "
                        + "set_config('jit', 'off', true)")) {
                    settings.setString(1, statementTimeout);
                    settings.execute();
                }
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw DatabaseFailures.classify(e).map(RuntimeException.class::cast)
                    .orElseGet(() -> new IllegalStateException("a read statement failed", e));
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
