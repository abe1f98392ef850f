package io.metastore.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives the Liberty server of an integration-test run its own database: creates it before Arquillian starts the
 * server, points the server at it through a configDropins override, and drops it when the run ends. Active only in
 * the failsafe run, which names the server directory in {@code metastore.test.server.dir}, and only when the tests
 * start their own server ({@link TargetServer}): a running server keeps its database. The server reaches the
 * database through a {@link DatabaseProxy}, so a test can simulate an outage.
 *
 * <p>The new database also gets what another platform service would already have in the shared instance (its own
 * Flyway history and a table in {@code public}), so the tests can show Metastore never touches them.
 */
public class LibertyTestDatabase implements LauncherSessionListener {

    public static final String URL_PROPERTY = "metastore.test.db.url";
    private static final String OVERRIDE_FILE = "configDropins/overrides/metastore-test-database.xml";

    private static DatabaseProxy proxy;
    private TestDatabase database;
    private Path override;

    /** The relay between the test server and its database, for tests that take the database away. */
    public static DatabaseProxy proxy() {
        TargetServer.requireOwnServer("the relay in front of the test server's database");
        if (proxy == null) {
            throw new IllegalStateException("No database relay: run the integration tests through mvn verify");
        }
        return proxy;
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String serverDir = System.getProperty("metastore.test.server.dir");
        if (serverDir == null || TargetServer.running().isPresent() || database != null) {
            return;
        }
        database = TestDatabase.create("metastore_it");
        System.setProperty(URL_PROPERTY, database.url());
        seedNeighbourService();
        try {
            proxy = new DatabaseProxy(database.host(), database.port());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the database relay: " + e.getMessage(), e);
        }
        writeServerOverride(Path.of(serverDir));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (database != null) {
            deleteServerOverride();
            proxy.close();
            database.drop();
            database = null;
        }
    }

    private void seedNeighbourService() {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    CREATE TABLE public.flyway_schema_history (
                      installed_rank int PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL,
                      type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum int,
                      installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
                      execution_time int NOT NULL, success boolean NOT NULL)""");
            sql.execute("INSERT INTO public.flyway_schema_history VALUES "
                    + "(1, '1', 'catalog items', 'SQL', 'V1__catalog_items.sql', 12345, 'catalog', now(), 5, true)");
            sql.execute("CREATE TABLE public.catalog_items (id bigint PRIMARY KEY, name text NOT NULL)");
            sql.execute("INSERT INTO public.catalog_items VALUES (1, 'existing catalog row')");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the neighbour service's tables: " + e.getMessage(), e);
        }
    }

    private void writeServerOverride(Path serverDir) {
        override = serverDir.resolve(OVERRIDE_FILE);
        try {
            ServerOverride.write(override, System.getProperty("metastore.test.http.port", "9180"),
                    database.urlVia("127.0.0.1", proxy.port()), database.user(), database.password());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot configure the test server in " + serverDir, e);
        }
    }

    /** So that a later liberty:run in the same build folder uses the configured database again. */
    private void deleteServerOverride() {
        try {
            Files.deleteIfExists(override);
        } catch (IOException e) {
            System.err.println("Could not delete " + override + ": " + e.getMessage());
        }
    }
}
