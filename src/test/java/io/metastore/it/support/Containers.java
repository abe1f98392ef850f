package io.metastore.it.support;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The last resort for test databases: a throwaway PostgreSQL 15 container, when a Docker engine is available, started
 * once per test JVM and stopped when it exits (Testcontainers' reaper removes it even if the JVM is killed).
 */
final class Containers {

    private static String adminUrl;

    private Containers() {
    }

    /** The administrative JDBC URL (credentials included) of this JVM's container, started on first use. */
    static synchronized String postgresAdminUrl() {
        if (adminUrl == null) {
            adminUrl = startPostgres();
        }
        return adminUrl;
    }

    private static String startPostgres() {
        if (!dockerAvailable()) {
            throw new IllegalStateException("No test PostgreSQL: set METASTORE_TEST_DB_URL, start PostgreSQL on "
                    + "127.0.0.1:${METASTORE_DB_PORT:-5432} (not root? bin/embedded-postgres start, then "
                    + "METASTORE_DB_PORT=54329 mvn verify), or provide a Docker engine for Testcontainers");
        }
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-container-stop"));
        return container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                + "user=" + container.getUsername() + "&password=" + container.getPassword();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
