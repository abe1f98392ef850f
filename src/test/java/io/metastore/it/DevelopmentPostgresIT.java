package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.Directories;
import io.metastore.it.support.ExtraServer;
import io.metastore.it.support.LoopbackPort;
import io.metastore.it.support.NonRootUser;
import io.metastore.it.support.Tokens;
import io.metastore.platform.DevelopmentPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first run with only Java and Maven: the server that {@code mvn liberty:run} and {@code liberty:dev} run (the
 * JVM option pom.xml gives it, written here into jvm.options) finds nothing answering on its configured PostgreSQL.
 * Run as a regular user (the OS user postgres when the tests run as root), it starts bin/embedded-postgres there,
 * says so in one line, becomes ready and serves, and leaves that PostgreSQL running after it stops. Run as root, it
 * starts nothing and prints the usual hint instead.
 */
class DevelopmentPostgresIT {

    private static final String STARTS = "so Metastore starts the development PostgreSQL there";
    private static final String HINT = "Metastore cannot migrate its schema";
    /** The first start fetches the PostgreSQL binaries (and Maven's dependency plugin) for a user who never did. */
    private static final Duration FIRST_START = Duration.ofMinutes(8);

    private Path home;
    private Path script;
    private int port;
    private ExtraServer server;

    @BeforeEach
    void aServerWhoseDatabaseIsAbsent() throws IOException {
        home = NonRootUser.temporaryDirectory("metastore-devpg-");
        // a copy the regular user can read wherever the checkout lives (CI may clone under /root)
        script = Files.copy(Path.of("bin/embedded-postgres"), home.resolve("embedded-postgres"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("r-xr-xr-x"));
        port = LoopbackPort.free();
        String prefix = System.getProperty("metastore.test.server.name", "metastore-it");
        // where nothing answers yet: bin/embedded-postgres's superuser, no password
        server = ExtraServer.create(prefix + "-devpg", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", "");
        server.writeFile("jvm.options", "-D" + DevelopmentPostgres.SCRIPT_PROPERTY + "=" + script + "\n");
    }

    @AfterEach
    void stopEverything() throws IOException {
        try {
            server.close();
        } finally {
            try {
                NonRootUser.run(List.of(script.toString(), "stop"), home, environment(), home.resolve("stop.out"),
                        Duration.ofMinutes(1));
            } finally {
                Directories.delete(home);
            }
        }
    }

    @Test
    void aRegularUserGetsTheDevelopmentPostgresStartedAndItOutlivesTheServer() throws Exception {
        server.runAsRegularUser(environment());
        server.start();
        assertTrue(server.awaitReady(FIRST_START), () -> "not ready within " + FIRST_START + ": "
                + server.logLines("PostgreSQL"));
        assertEquals(1, server.logLines(STARTS).size(), () -> "one line says so: " + server.logLines("PostgreSQL"));
        assertTrue(server.logLines(STARTS).get(0).contains("127.0.0.1:" + port));
        assertEquals(List.of(), server.logLines(HINT), "no other line about the database");
        assertEquals(List.of(), server.logLines("did not start"));

        Api api = new Api(server.base(), Tokens.token("dev", "devpg:write"));
        assertEquals(201, api.put("records/devpg/first", "{\"metadata\":{\"a\":1}}").status());
        assertEquals(1, api.get("records/devpg/first").json().path("metadata").path("a").asInt());

        server.close();
        assertTrue(LoopbackPort.answers(port), "the development PostgreSQL keeps running after Metastore stops");
    }

    @Test
    void rootGetsTheHintAndNoPostgres() throws Exception {
        assumeTrue(NonRootUser.testsRunAsRoot(), "only root can see what root gets");
        server.start();
        assertTrue(server.awaitLogLines(HINT, 1, Duration.ofMinutes(5)), "the hint naming the settings");
        assertEquals(List.of(), server.logLines(STARTS));
        assertFalse(LoopbackPort.answers(port), "no PostgreSQL was started");
    }

    private Map<String, String> environment() {
        return Map.of("METASTORE_EMBEDDED_PG_HOME", home.resolve("postgres").toString());
    }

}
