package io.metastore.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

/**
 * A PostgreSQL cluster of a test's own ({@link PrivatePostgres}) with a fresh database and a Liberty server of the
 * test's own pointed at it ({@link ExtraServer}), for tests that stop PostgreSQL itself: the shared PostgreSQL must
 * never be stopped, and the Arquillian server is not involved.
 */
public final class PostgresUnderServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final PrivatePostgres postgres;
    private TestDatabase database;
    private ExtraServer server;

    private PostgresUnderServer(PrivatePostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the cluster, creates the database and starts the server, ready, within two minutes. */
    public static PostgresUnderServer start(String databasePrefix, String serverSuffix) throws InterruptedException {
        PostgresUnderServer started = new PostgresUnderServer(PrivatePostgres.startNew());
        try {
            started.database = TestDatabase.createOn(started.postgres.adminUrl(), databasePrefix);
            String prefix = System.getProperty("metastore.test.server.name", "metastore-it");
            started.server = ExtraServer.create(prefix + serverSuffix, started.database);
            started.server.start();
            assertTrue(started.server.awaitReady(STARTUP), () -> started.server.base() + " not ready within " + STARTUP);
            return started;
        } catch (RuntimeException | Error | InterruptedException e) {
            started.close();
            throw e;
        }
    }

    public PrivatePostgres postgres() {
        return postgres;
    }

    public TestDatabase database() {
        return database;
    }

    public ExtraServer server() {
        return server;
    }

    /** A test that failed while PostgreSQL was down leaves it down; the next test needs it running. */
    public void startPostgresIfStopped() {
        if (!postgres.running()) {
            postgres.start();
        }
    }

    /** The database goes with the cluster, so only the server needs stopping. */
    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            postgres.close();
        }
    }
}
