package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.Directories;
import io.metastore.it.support.LoopbackPort;
import io.metastore.it.support.SigningKeys;
import io.metastore.it.support.TargetServer;
import io.metastore.it.support.TestDatabase;
import io.metastore.it.support.Tokens;
import io.metastore.platform.Json;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar that {@code mvn package} builds starts with {@code java -jar} and the environment variables the
 * README shows, on a port of its own, with production defaults: it trusts the configured issuer for the configured
 * audience only (not the committed development key, not a token without audience), serves a record round trip, and
 * writes its console as JSON lines.
 */
class RunnableJarIT {

    private static final Path JAR = Path.of("target/metastore-runnable.jar");
    private static final String ISSUER = "https://issuer.example";
    private static final String AUDIENCE = "metastore";
    /** Unpacking the runtime and starting the server; slow on a busy CI machine. */
    private static final Duration STARTUP = Duration.ofMinutes(5);

    private TestDatabase database;
    private Path work;
    private Process jar;

    @BeforeEach
    void aDatabaseAndAFolder() throws IOException {
        TargetServer.requireOwnServer("the runnable jar of this build");
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: mvn package builds it (unless -DskipLibertyPackage)");
        database = TestDatabase.create("metastore_jar");
        work = Files.createTempDirectory("metastore-jar-");
    }

    @AfterEach
    void stopAndDelete() throws Exception {
        try {
            if (jar != null) {
                jar.destroy();
                if (!jar.waitFor(2, TimeUnit.MINUTES)) {
                    jar.destroyForcibly().waitFor();
                }
            }
        } finally {
            try {
                database.drop();
            } finally {
                Directories.delete(work);
            }
        }
    }

    @Test
    void javaDashJarServesWithProductionDefaults() throws Exception {
        KeyPair issuerKey = SigningKeys.generate();
        Path publicKey = Files.writeString(work.resolve("issuer.pem"), SigningKeys.pem(issuerKey.getPublic()));
        int port = LoopbackPort.free();
        Path console = work.resolve("console.log");
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(console.toFile());
        Map<String, String> environment = command.environment();
        environment.put("DEFAULT_HTTP_PORT", String.valueOf(port));
        environment.put("DEFAULT_HTTPS_PORT", "-1");
        environment.put("METASTORE_DB_URL", "jdbc:postgresql://" + database.host() + ":" + database.port() + "/"
                + database.name());
        environment.put("METASTORE_DB_USER", database.user());
        environment.put("METASTORE_DB_PASSWORD", database.password());
        environment.put("METASTORE_JWT_ISSUER", ISSUER);
        environment.put("METASTORE_JWT_AUDIENCES", AUDIENCE);
        environment.put("METASTORE_JWT_PUBLIC_KEY_LOCATION", publicKey.toUri().toString());
        // the dotted settings (metastore.bulk.max-operations) in their environment spelling
        environment.put("METASTORE_BULK_MAX_OPERATIONS", "2");
        environment.put("METASTORE_MAX_BODY_BYTES", "2048");
        // where the jar unpacks the runtime (by default a folder in the home directory)
        environment.put("WLP_JAR_EXTRACT_DIR", work.resolve("extracted").toString());
        jar = command.start();

        Api root = new Api(new URL("http://127.0.0.1:" + port + "/"), null);
        assertTrue(root.awaitReady(STARTUP), () -> "not ready within " + STARTUP + ":\n" + tail(console));

        Api api = new Api(new URL("http://127.0.0.1:" + port + "/metastore/"), Tokens.of("svc", "jar:write")
                .issuer(ISSUER).audience(AUDIENCE).signedWith(issuerKey.getPrivate()).sign());
        assertEquals(201, api.put("records/jar/first", "{\"metadata\":{\"size\":1200}}").status());
        assertEquals(1200, api.get("records/jar/first").json().path("metadata").path("size").asInt());

        assertEquals(413, api.post("records/bulk", "{\"operations\":[" + String.join(",", List.of(upsert("a"),
                upsert("b"), upsert("c"))) + "]}").status(), "METASTORE_BULK_MAX_OPERATIONS=2");
        assertEquals(200, api.post("records/bulk", "{\"operations\":[" + upsert("a") + "," + upsert("b") + "]}")
                .status());
        assertEquals(413, api.put("records/jar/big", "{\"metadata\":{\"text\":\"" + "x".repeat(2048) + "\"}}")
                .status(), "METASTORE_MAX_BODY_BYTES=2048");

        assertEquals(401, api.as(Tokens.token("svc", "jar:write")).get("records/jar/first").status(),
                "the committed development key is not trusted");
        assertEquals(401, api.as(Tokens.of("svc", "jar:write").issuer(ISSUER).signedWith(issuerKey.getPrivate())
                .sign()).get("records/jar/first").status(), "a token without audience is refused");

        JsonNode ready = jsonLine(console, "CWWKF0011I");
        assertEquals("CWWKF0011I", ready.path("ibm_messageId").asText(), "the console writes JSON lines");
    }

    private static String upsert(String name) {
        return "{\"op\":\"upsert\",\"key\":\"jar/" + name + "\",\"metadata\":{}}";
    }

    private static JsonNode jsonLine(Path console, String messageId) throws IOException {
        for (String line : Files.readAllLines(console, StandardCharsets.UTF_8)) {
            if (line.contains(messageId)) {
                return Json.MAPPER.readTree(line);
            }
        }
        throw new AssertionError("no line with " + messageId + ":\n" + tail(console));
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }
}
