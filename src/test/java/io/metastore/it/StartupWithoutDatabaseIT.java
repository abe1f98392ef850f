package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.DatabaseProxy;
import io.metastore.it.support.ExtraServer;
import io.metastore.it.support.Migrations;
import io.metastore.it.support.TestDatabase;
import io.metastore.it.support.Tokens;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service starts while its database cannot be reached: it comes up anyway, answers 503 problems, stays live but
 * not ready, and retries its schema migration; once the database is reachable, the next retry migrates it and only then
 * is the service ready. Not an Arquillian test: the database must be away before the server starts, so the test
 * starts a server of its own, reaching a fresh database through a relay it cuts ({@link DatabaseProxy}).
 */
class StartupWithoutDatabaseIT {

    private static final String CANNOT_MIGRATE = "Metastore cannot migrate its schema";
    /** SchemaMigration's retry interval. */
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration STARTUP = Duration.ofMinutes(5);
    /** A retry that starts just before the database returns may still fail: the next one must succeed. */
    private static final Duration MIGRATED_AFTER_RETURN = RETRY.multipliedBy(2).plusSeconds(10);

    @Test
    void withTheDatabaseAwayItRetriesTheMigrationAndIsReadyOnlyOnceMigrated() throws Exception {
        TestDatabase database = TestDatabase.create("metastore_away");
        String prefix = System.getProperty("metastore.test.server.name", "metastore-it");
        try (DatabaseProxy relay = new DatabaseProxy(database.host(), database.port())) {
            relay.cut();
            ExtraServer server = ExtraServer.create(prefix + "-away", database,
                    database.urlVia("127.0.0.1", relay.port()));
            try {
                server.start();
                Api root = new Api(server.root(), null);
                Api api = new Api(server.base(), Tokens.token("svc", "away:write"));
                assertTrue(server.awaitLogLines(CANNOT_MIGRATE, 2, STARTUP), "the migration failed and was retried");
                assertEquals(200, root.get("health/live").status(), "up, although the database is away");
                assertEquals(503, root.get("health/ready").status(), "not ready without the database");
                assertProblem(503, api.put("records/away/first", "{\"metadata\":{}}"));
                assertEquals(List.of(), schemaHistory(database), "nothing migrated while the database is away");

                relay.restore();
                long restored = System.nanoTime();
                // readiness polled faster than the retry: it must stay DOWN until the migration is complete
                while (root.get("health/ready").status() != 200) {
                    assertTrue(System.nanoTime() - restored < MIGRATED_AFTER_RETURN.toNanos(),
                            "not ready within " + MIGRATED_AFTER_RETURN + " of the database's return");
                    Thread.sleep(100);
                }
                assertEquals(Migrations.successfulHistory(), schemaHistory(database), "ready only once migrated");
                assertEquals(201, api.put("records/away/first", "{\"metadata\":{}}").status());
                assertEquals(1, server.logLines(Migrations.APPLIED_LOG_TEXT).size(), "migrated once");
            } finally {
                server.close();
            }
        } finally {
            database.drop();
        }
    }

    /** Flyway's history of schema metastore as {@code "<version> <success>"}; empty when there is none yet. */
    private static List<String> schemaHistory(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT version || ' ' || success FROM metastore.flyway_schema_history"
                     + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            List<String> history = new ArrayList<>();
            while (rows.next()) {
                history.add(rows.getString(1));
            }
            return history;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined table: not even the history exists
                return List.of();
            }
            throw e;
        }
    }
}
