package io.metastore.platform;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Work of a few statements in a local transaction of its own on a pooled connection, for the components that speak SQL
 * without an entity manager or a container transaction (a search, an index declaration): committed when the work
 * returns, rolled back when it throws, and a database failure turned into the {@link Failure} a client should see.
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

    /** A rollback that fails too (the connection broke) must not hide why the work failed. */
    private static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
