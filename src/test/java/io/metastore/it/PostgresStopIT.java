package io.metastore.it;

import io.metastore.it.support.Api;
import io.metastore.it.support.ExtraServer;
import io.metastore.it.support.OutageUnderLoad;
import io.metastore.it.support.PostgresUnderServer;
import io.metastore.it.support.PrivatePostgres;
import io.metastore.it.support.Tokens;
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

    private PostgresUnderServer cluster;

    @BeforeAll
    void startPostgresAndLiberty() throws InterruptedException {
        cluster = PostgresUnderServer.start("metastore_stop", "-pgstop");
    }

    @AfterAll
    void stopLibertyAndPostgres() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void startPostgresAgain() {
        cluster.startPostgresIfStopped();
    }

    @ParameterizedTest(name = "pg_ctl stop -m {0}")
    @EnumSource(PrivatePostgres.Shutdown.class)
    void stoppedPostgresAnswers503FastAndTheServiceRecoversByItself(PrivatePostgres.Shutdown shutdown)
            throws Exception {
        String ns = "stop-" + shutdown;
        ExtraServer server = cluster.server();
        PrivatePostgres postgres = cluster.postgres();
        Api api = new Api(server.base(), Tokens.token("svc", ns + ":write"));
        OutageUnderLoad.Measurements measured = new OutageUnderLoad(api, new Api(server.root(), null), ns)
                .run(() -> postgres.stop(shutdown), PrivatePostgres.COMMAND_LIMIT, postgres::start,
                        PrivatePostgres.COMMAND_LIMIT, cluster.database()::connect);
        System.out.println("PostgresStopIT, pg_ctl stop -m " + shutdown + ": " + measured);
    }
}
