package io.metastore.it.support;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * Which Liberty server the integration tests talk to. By default the one {@code mvn verify} creates and Arquillian
 * starts, on {@code it.http.port} with a database of the run's own. With {@code -Dit.url=http://host:port} (the server
 * root), or inside {@code mvn liberty:dev}, which hands its server's host and port to the tests it runs, it is a server
 * that already runs: its build and its database are its own, and the tests only call it (see
 * {@link RunningServerContainer}).
 */
public final class TargetServer {

    /** Set by failsafe from {@code it.url}; blank when not given. */
    static final String URL_PROPERTY = "metastore.test.url";
    /** What liberty:dev sets for the integration tests it runs. */
    static final String DEV_MODE_HOST = "liberty.hostname";
    static final String DEV_MODE_PORT = "liberty.http.port";

    private TargetServer() {
    }

    /** The root of the running server the tests target, or empty when they start their own. */
    public static Optional<URI> running() {
        return running(System.getProperties());
    }

    static Optional<URI> running(Properties properties) {
        String url = properties.getProperty(URL_PROPERTY, "").strip();
        if (!url.isEmpty()) {
            return Optional.of(URI.create(url.endsWith("/") ? url : url + "/"));
        }
        String devModePort = properties.getProperty(DEV_MODE_PORT, "").strip();
        if (!devModePort.isEmpty()) {
            return Optional.of(URI.create("http://" + properties.getProperty(DEV_MODE_HOST, "localhost") + ":"
                    + devModePort + "/"));
        }
        return Optional.empty();
    }

    /**
     * A connection to the running server's database, named as the server reads it (liberty/metastore.xml): by the
     * METASTORE_DB_* environment variables of the shell that runs both, with the same defaults.
     */
    static Connection connectToDatabase() throws SQLException {
        Map<String, String> env = System.getenv();
        return DriverManager.getConnection(databaseUrl(env), env.getOrDefault("METASTORE_DB_USER", "postgres"),
                env.getOrDefault("METASTORE_DB_PASSWORD", ""));
    }

    static String databaseUrl(Map<String, String> env) {
        String url = env.getOrDefault("METASTORE_DB_URL", "");
        return !url.isBlank() ? url : "jdbc:postgresql://" + env.getOrDefault("METASTORE_DB_HOST", "127.0.0.1") + ":"
                + env.getOrDefault("METASTORE_DB_PORT", "5432") + "/" + env.getOrDefault("METASTORE_DB_NAME", "postgres");
    }

    /**
     * Skips the calling test when the tests target a running server: it needs what only a {@code mvn verify} run has
     * (its own server's log files, the relay in front of its database, servers beside it, the packaged build).
     */
    public static void requireOwnServer(String need) {
        running().ifPresent(url -> Assumptions.abort("needs " + need + ", which only mvn verify provides; the tests "
                + "target the running server " + url));
    }
}
