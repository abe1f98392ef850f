package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.Deployments;
import io.metastore.it.support.Migrations;
import io.metastore.it.support.Rows;
import io.metastore.it.support.ServerLog;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starting the application twice migrates once, inside schema metastore, and leaves other schemas untouched: the
 * second start finds every migration applied, applies none and leaves Flyway's history as it was.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MigrationIT {

    private static final String APP = "metastore";

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.metastore();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void startingTwiceMigratesOnceAndLeavesTheNeighbourAlone() throws Exception {
        List<String> historyAfterFirstStart = List.of();
        for (int start = 1; start <= 2; start++) {
            long migrationLines = ServerLog.count(Migrations.APPLIED_LOG_TEXT);
            deployer.deploy(APP);
            try {
                assertEquals(200, server().get("health/ready").status(), "ready after start " + start);
                assertTrue(ServerLog.awaitMore(Migrations.APPLIED_LOG_TEXT, migrationLines),
                        "start " + start + " logged its migration");
                assertEquals(Migrations.successfulHistory(), Rows.strings("SELECT version || ' ' || success"
                        + " FROM metastore.flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank"));
                // every column Flyway writes when it applies a migration, installed_on to the microsecond
                List<String> history = Rows.strings("SELECT h::text FROM metastore.flyway_schema_history h"
                        + " ORDER BY installed_rank");
                if (start == 1) {
                    historyAfterFirstStart = history;
                } else {
                    assertEquals(historyAfterFirstStart, history, "the second start rewrote the history");
                    String line = lastLine(Migrations.APPLIED_LOG_TEXT);
                    assertTrue(line.contains("(0 " + Migrations.APPLIED_LOG_TEXT + ")"),
                            () -> "the second start applied something: " + line);
                }
                assertNeighbourUntouched();
            } finally {
                deployer.undeploy(APP);
            }
        }
    }

    private static String lastLine(String text) {
        List<String> lines = ServerLog.lines().stream().filter(line -> line.contains(text)).toList();
        return lines.get(lines.size() - 1);
    }

    private static void assertNeighbourUntouched() {
        assertEquals(List.of("1 catalog items true"), Rows.strings(
                "SELECT version || ' ' || description || ' ' || success FROM public.flyway_schema_history"));
        assertEquals(List.of("existing catalog row"), Rows.strings("SELECT name FROM public.catalog_items"));
        assertEquals(List.of("catalog_items", "flyway_schema_history"), Rows.strings(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"));
    }

    private static Api server() throws Exception {
        return new Api(new URL("http://localhost:" + System.getProperty("metastore.test.http.port", "9180") + "/"),
                null);
    }
}
