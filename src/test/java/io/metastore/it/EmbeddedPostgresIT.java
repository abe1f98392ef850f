package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metastore.it.support.Directories;
import io.metastore.it.support.LoopbackPort;
import io.metastore.it.support.NonRootUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/embedded-postgres}, the PostgreSQL the README offers developers who are not root: run as a regular user
 * (the OS user postgres when the tests run as root), it fetches its binaries through Maven, creates a cluster the
 * service's migrations apply to, listens where it says, keeps its data across stop and start, and refuses root.
 */
class EmbeddedPostgresIT {

    private static final Path SCRIPT = Path.of("bin/embedded-postgres").toAbsolutePath();
    /** The first start may fetch the binaries (and Maven's dependency plugin) for a user who never did. */
    private static final Duration FIRST_START = Duration.ofMinutes(5);

    private Path home;
    private Path script;
    private int port;

    @BeforeEach
    void aHomeOfItsOwn() throws IOException {
        home = NonRootUser.temporaryDirectory("metastore-embedded-");
        // a copy the regular user can read wherever the checkout lives (CI may clone under /root)
        script = Files.copy(SCRIPT, home.resolve("embedded-postgres"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("r-xr-xr-x"));
        port = LoopbackPort.free();
    }

    @AfterEach
    void stopAndDelete() throws IOException {
        try {
            run("stop");
        } finally {
            Directories.delete(home);
        }
    }

    @Test
    void aRegularUserGetsAPostgresForTheServiceThatKeepsItsDataAcrossRestarts() throws Exception {
        Run started = run("start");
        assertEquals(0, started.exitCode(), started::output);
        assertTrue(started.output().contains("is running on 127.0.0.1:" + port), started::output);
        assertTrue(started.output().contains("METASTORE_DB_PORT=" + port + " mvn liberty:run"), started::output);
        assertEquals(0, run("status").exitCode());

        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        Flyway.configure().dataSource(url, "postgres", "").schemas("metastore").defaultSchema("metastore")
                .createSchemas(true).locations("classpath:db/migration").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            assertEquals("15", single(statement, "SELECT current_setting('server_version_num')::int / 10000"));
            assertEquals("UTF8", single(statement, "SHOW server_encoding"));
            statement.execute("INSERT INTO metastore.metastore_records (key, metadata, tags, version, created_at, "
                    + "created_by, updated_at, updated_by) VALUES ('dev/kept', '{\"kept\":true}', '{}', 1, now(), "
                    + "'it', now(), 'it')");
        }

        Run stopped = run("stop");
        assertEquals(0, stopped.exitCode(), stopped::output);
        assertEquals(3, run("status").exitCode(), "status after stop");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "").close());

        assertEquals(0, run("start").exitCode());
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            assertEquals("{\"kept\": true}", single(statement,
                    "SELECT metadata::text FROM metastore.metastore_records WHERE key = 'dev/kept'"));
        }
        Run again = run("start");
        assertTrue(again.output().contains("already running") && again.output().contains("127.0.0.1:" + port),
                again::output);
    }

    @Test
    void rootIsSentToTheMachinesPostgres() throws Exception {
        assumeTrue(NonRootUser.testsRunAsRoot(), "only root can see the refusal");
        Path output = Files.createTempFile("embedded-postgres-as-root", ".out");
        try {
            Process process = new ProcessBuilder(SCRIPT.toString(), "start").redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            assertEquals(1, process.waitFor());
            String said = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(said.contains("refuses to run as root") && said.contains("pg_ctlcluster"), said);
        } finally {
            Files.delete(output);
        }
    }

    private Run run(String action) {
        Path output = home.resolve(action + ".out");
        int exitCode = NonRootUser.run(List.of(script.toString(), action), home,
                Map.of("METASTORE_EMBEDDED_PG_HOME", home.resolve("postgres").toString(),
                        "METASTORE_DB_PORT", String.valueOf(port)),
                output, FIRST_START);
        try {
            return new Run(exitCode, Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
