package io.metastore.it.support;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** The last resort for a test database: a throwaway PostgreSQL 15 container, when a Docker engine is available. */
final class Containers {

    private Containers() {
    }

    static TestDatabase startPostgres(String databaseName) {
        if (!dockerAvailable()) {
            throw new IllegalStateException("No test PostgreSQL: set METASTORE_TEST_DB_URL, start PostgreSQL on "
                    + "127.0.0.1:${METASTORE_DB_PORT:-5432} (not root? bin/embedded-postgres start, then "
                    + "METASTORE_DB_PORT=54329 mvn verify), or provide a Docker engine for Testcontainers");
        }
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
        container.start();
        String adminUrl = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                + "user=" + container.getUsername() + "&password=" + container.getPassword();
        return TestDatabase.onContainer(adminUrl, databaseName, container::stop);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
