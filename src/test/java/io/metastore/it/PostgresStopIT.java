package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.ExtraServer;
import io.metastore.it.support.OutageUnderLoad;
import io.metastore.it.support.PrivatePostgres;
import io.metastore.it.support.TestDatabase;
import io.metastore.it.support.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PostgreSQL itself is stopped under write load and started again ({@link DatabaseOutageIT} only cuts the network to
 * it): requests answer 503 problems fast, readiness goes DOWN then UP, the service recovers without a restart, and
 * every write acknowledged before or during the outage is stored. The shared PostgreSQL must not be stopped, so the
 * test runs a cluster of its own ({@link PrivatePostgres}) and a Liberty server of its own pointed at it
 * ({@link ExtraServer}); the Arquillian server is not involved. Both stop modes run against the same two servers. Each
 * drill is bounded by its own waits ({@link OutageUnderLoad}), which include pg_ctl's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStopIT {

    private static final Duration STARTUP = Duration.ofMinutes(2);

    private PrivatePostgres postgres;
    private TestDatabase database;
    private ExtraServer server;

    @BeforeAll
    void startPostgresAndLiberty() throws InterruptedException {
        postgres = PrivatePostgres.startNew();
        database = TestDatabase.createOn(postgres.adminUrl(), "metastore_stop");
        String prefix = System.getProperty("metastore.test.server.name", "metastore-it");
        server = ExtraServer.create(prefix + "-pgstop", database);
        server.start();
        assertTrue(server.awaitReady(STARTUP), () -> server.base() + " not ready within " + STARTUP);
    }

    /** The database goes with the cluster, so only the servers need stopping. */
    @AfterAll
    void stopLibertyAndPostgres() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** A test that failed while PostgreSQL was down leaves it down; the next stop mode needs it running. */
    @AfterEach
    void startPostgresAgain() {
        if (!postgres.running()) {
            postgres.start();
        }
    }

    @ParameterizedTest(name = "pg_ctl stop -m {0}")
    @EnumSource(PrivatePostgres.Shutdown.class)
    void stoppedPostgresAnswers503FastAndTheServiceRecoversByItself(PrivatePostgres.Shutdown shutdown)
            throws Exception {
        String ns = "stop-" + shutdown;
        Api api = new Api(server.base(), Tokens.token("svc", ns + ":write"));
        OutageUnderLoad.Measurements measured = new OutageUnderLoad(api, new Api(server.root(), null), ns)
                .run(() -> postgres.stop(shutdown), PrivatePostgres.COMMAND_LIMIT, postgres::start,
                        PrivatePostgres.COMMAND_LIMIT, database::connect);
        System.out.println("PostgresStopIT, pg_ctl stop -m " + shutdown + ": " + measured);
    }
}
