package io.metastore.it;

import io.metastore.it.support.DatabaseProxy;
import io.metastore.it.support.LibertyTestDatabase;
import io.metastore.it.support.OutageUnderLoad;
import io.metastore.it.support.Rows;
import io.metastore.it.support.ServiceIT;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The network between the service and its database is cut under load and restored: requests fail fast with 503,
 * readiness goes DOWN then UP, the service recovers without a restart, and every write acknowledged before or during
 * the outage is still there. PostgreSQL itself keeps running; {@link PostgresStopIT} stops it for real.
 */
class DatabaseOutageIT extends ServiceIT {

    private final DatabaseProxy database = LibertyTestDatabase.proxy();

    @AfterEach
    void giveTheDatabaseBack() {
        database.restore();
    }

    @Test
    void outageAnswers503FastAndTheServiceRecoversByItself() throws Exception {
        OutageUnderLoad.Measurements measured = new OutageUnderLoad(api, server(), ns)
                .run(database::cut, Duration.ZERO, database::restore, Duration.ZERO, Rows::connect);
        System.out.println("DatabaseOutageIT, network cut: " + measured);
    }
}
