package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.DatabaseProxy;
import io.metastore.it.support.Deployments;
import io.metastore.it.support.LibertyTestDatabase;
import io.metastore.it.support.ServerLog;
import io.metastore.it.support.Tokens;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * METASTORE_ENABLED=false, set the way a shared server would (a server variable; the environment variable of the same
 * name reaches the same MicroProfile Config property): the application deploys without touching the database, even
 * an unreachable one, answers 503 "disabled" and keeps the server ready; switched back on, it serves again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SwitchIT {

    private static final String APP = "metastore";
    private static final String CONFIG_UPDATED = "CWWKG0017I";
    private static final String DISABLED_LINE = "Metastore is disabled (METASTORE_ENABLED=false)";
    private static final String MIGRATION_FAILED = "Metastore cannot migrate its schema";
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.metastore();
    }

    @ArquillianResource
    Deployer deployer;

    private final Api server = new Api(url("/"), null);
    private final Api api = new Api(url("/metastore/"), Tokens.token("switch-alice", "*:write"));

    @Test
    void switchedOffTheApplicationNeitherMigratesNorServesAndTheServerStaysReady() throws Exception {
        DatabaseProxy database = LibertyTestDatabase.proxy();
        long disabledLines = ServerLog.count(DISABLED_LINE);
        long migrationFailures = ServerLog.count(MIGRATION_FAILED);
        setSwitch(false);
        database.cut();
        deployer.deploy(APP);
        try {
            assertTrue(ServerLog.awaitMore(DISABLED_LINE, disabledLines), "no line saying Metastore is disabled");
            Api.Reply reply = api.get("records/assets/a1");
            assertEquals(503, reply.status(), reply::toString);
            assertEquals("urn:metastore:problem:disabled", reply.json().path("type").asText());
            Api.Reply ready = server.get("health/ready");
            assertEquals(200, ready.status(), "a disabled Metastore must not hold the shared server unready: " + ready);
            assertEquals(migrationFailures, ServerLog.count(MIGRATION_FAILED), "a migration was attempted");
        } finally {
            deployer.undeploy(APP);
            database.restore();
            setSwitch(true);
        }
        deployer.deploy(APP);
        try {
            // ready once its first probe of the fresh pool answers, which a loaded machine may hold past one probe
            assertTrue(server.awaitReady(READY_WITHIN), () -> "switched on again, it migrates and is ready within "
                    + READY_WITHIN + ": " + server.get("health/ready"));
            assertEquals(404, api.get("records/assets/absent").status());
        } finally {
            deployer.undeploy(APP);
        }
    }

    /** A configDropins override, applied by the running server before the next deployment reads it. */
    private static void setSwitch(boolean enabled) throws IOException {
        Path override = Path.of(System.getProperty("metastore.test.server.dir"),
                "configDropins/overrides/metastore-test-switch.xml");
        long updates = ServerLog.count(CONFIG_UPDATED);
        if (enabled) {
            Files.deleteIfExists(override);
        } else {
            Files.createDirectories(override.getParent());
            Files.writeString(override, "<server><variable name=\"METASTORE_ENABLED\" value=\"false\"/></server>\n");
        }
        assertTrue(ServerLog.awaitMore(CONFIG_UPDATED, updates), "the server did not apply " + override);
    }

    private static URL url(String path) {
        try {
            return new URL("http://localhost:" + System.getProperty("metastore.test.http.port", "9180") + path);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
