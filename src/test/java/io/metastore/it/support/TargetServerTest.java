package io.metastore.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TargetServerTest {

    @Test
    void withoutAUrlOrDevModeTheTestsStartTheirOwnServer() {
        assertEquals(Optional.empty(), TargetServer.running(properties(Map.of())));
        // failsafe passes an unset it.url as an empty value
        assertEquals(Optional.empty(), TargetServer.running(properties(Map.of(TargetServer.URL_PROPERTY, " "))));
    }

    @Test
    void itUrlNamesTheServerRoot() {
        assertEquals(Optional.of(URI.create("http://localhost:9080/")),
                TargetServer.running(properties(Map.of(TargetServer.URL_PROPERTY, "http://localhost:9080"))));
        assertEquals(Optional.of(URI.create("https://metastore.example:8443/")),
                TargetServer.running(properties(Map.of(TargetServer.URL_PROPERTY, "https://metastore.example:8443/"))));
    }

    @Test
    void insideDevModeTheDevServerIsTheTarget() {
        assertEquals(Optional.of(URI.create("http://localhost:9080/")), TargetServer.running(properties(Map.of(
                TargetServer.DEV_MODE_HOST, "localhost", TargetServer.DEV_MODE_PORT, "9080"))));
    }

    @Test
    void anExplicitUrlWinsOverDevMode() {
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9999/")), TargetServer.running(properties(Map.of(
                TargetServer.URL_PROPERTY, "http://127.0.0.1:9999", TargetServer.DEV_MODE_PORT, "9080"))));
    }

    @Test
    void theRunningServersDatabaseIsReadAsTheServerReadsIt() {
        assertEquals("jdbc:postgresql://127.0.0.1:5432/postgres", TargetServer.databaseUrl(Map.of()));
        assertEquals("jdbc:postgresql://db:6543/meta", TargetServer.databaseUrl(Map.of("METASTORE_DB_HOST", "db",
                "METASTORE_DB_PORT", "6543", "METASTORE_DB_NAME", "meta")));
        assertEquals("jdbc:postgresql://x/y", TargetServer.databaseUrl(Map.of("METASTORE_DB_URL", "jdbc:postgresql://x/y",
                "METASTORE_DB_PORT", "6543")));
    }

    private static Properties properties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }
}
