package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.neighbour.CatalogService;
import io.metastore.it.support.Api;
import io.metastore.it.support.Directories;
import io.metastore.it.support.ExtraServer;
import io.metastore.it.support.SigningKeys;
import io.metastore.it.support.TestDatabase;
import io.metastore.it.support.Tokens;
import io.metastore.it.support.Xml;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Metastore as the shared cluster runs it: a Liberty server whose own server.xml includes the fragment metastore.xml,
 * beside a neighbour service (its own JWT issuer, key and audience, its own datasource and schema, as the catalog
 * service has). Each application refuses the other's tokens, also when a request-url header tries to steer a request
 * to the other's trust; Metastore's migration and its switch leave the neighbour's schema and rows as they were; with
 * no audience configured, or with the committed development key, Metastore is not ready and accepts no token. Not an
 * Arquillian test: Arquillian manages the standalone test server, and this one is built from the fragment.
 */
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class SharedServerIT {

    private static final String PLATFORM_ISSUER = "https://platform-issuer.example";
    private static final String AUDIENCE = "metastore";
    private static final String TRUST_FILE = "owner-metastore-trust.xml";
    private static final String NO_TRUST_LINE = "Metastore accepts no token";
    private static final Duration STARTUP = Duration.ofMinutes(5);

    private final KeyPair platformKey = SigningKeys.generate();
    private final KeyPair catalogKey = SigningKeys.generate();

    @Test
    void metastoreAndItsNeighbourShareAServerWithoutSharingTrustOrData() throws Exception {
        TestDatabase database = TestDatabase.create("metastore_shared");
        Path keys = Files.createTempDirectory("shared-server-keys");
        Path platformPem = Files.writeString(keys.resolve("platform.pem"), SigningKeys.pem(platformKey.getPublic()));
        Path catalogPem = Files.writeString(keys.resolve("catalog.pem"), SigningKeys.pem(catalogKey.getPublic()));
        ExtraServer server = null;
        try {
            seedCatalog(database);
            List<String> catalogBefore = catalogContents(database);
            String name = System.getProperty("metastore.test.server.name", "metastore-it") + "-shared";
            server = ExtraServer.shared(name, database, sharedServerXml(database),
                    List.of(CatalogService.archive(catalogPem.toUri().toString())));
            server.configure(TRUST_FILE, trust(PLATFORM_ISSUER, platformPem.toUri().toString(), AUDIENCE));
            server.start();
            ExtraServer running = server;
            assertTrue(server.awaitReady(STARTUP), () -> running.root() + " not ready within " + STARTUP);

            bothServeAndEachRefusesTheOthersTokens(server);
            assertEquals(List.of(), server.logLines(NO_TRUST_LINE), "sound trust, yet Metastore refuses tokens");
            assertEquals(catalogBefore, catalogContents(database), "Metastore's migration touched the neighbour");

            withoutAnAudienceMetastoreIsNotReadyAndAcceptsNoToken(server, platformPem);
            withTheDevelopmentKeyMetastoreIsNotReadyAndAcceptsNoToken(server);
            switchedOffMetastoreLeavesTheNeighbourServing(server, platformPem);
            assertEquals(catalogBefore, catalogContents(database), "Metastore's switch touched the neighbour");
        } finally {
            if (server != null) {
                server.close();
            }
            database.drop();
            Directories.delete(keys);
        }
    }

    private void bothServeAndEachRefusesTheOthersTokens(ExtraServer server) {
        String ns = "shared";
        String metastoreToken = platformToken(ns + ":write").audience(AUDIENCE).sign();
        String catalogToken = catalogToken().sign();
        Api metastore = new Api(server.base(), metastoreToken);
        Api catalog = new Api(catalog(server), catalogToken);

        assertEquals(201, metastore.put("records/" + ns + "/k1", "{\"metadata\":{\"n\":1}}").status());
        assertEquals(200, metastore.get("records/" + ns + "/k1").status());
        Api.Reply items = catalog.get("items");
        assertEquals(200, items.status(), items::toString);
        assertEquals("existing catalog row\nsecond catalog row\n", items.body());

        assertEquals(401, catalog.as(metastoreToken).get("items").status(), "a Metastore token on the neighbour");
        assertEquals(401, metastore.as(catalogToken).get("records/" + ns + "/k1").status(),
                "a neighbour token on Metastore");
        assertEquals(401, metastore.as(platformToken(ns + ":write").audience(CatalogService.AUDIENCE).sign())
                .get("records/" + ns + "/k1").status(), "a platform token minted for another audience");
        assertEquals(401, metastore.as(platformToken(ns + ":write").sign()).get("records/" + ns + "/k1").status(),
                "a platform token without an audience");
        assertEquals(401, metastore.as(Tokens.token("dev", ns + ":write")).get("records/" + ns + "/k1").status(),
                "a token signed with the committed development key");

        // Liberty's authFilter reads a request header named like its condition before the real URL: Metastore's
        // filter refuses requests carrying it, and Metastore checks issuer and audience itself
        String steerToCatalog = "http://127.0.0.1/catalog/";
        String steerToMetastore = "http://127.0.0.1/metastore/";
        assertEquals(401, catalog.as(metastoreToken).get("items", "request-url", steerToMetastore).status(),
                "a Metastore token on the neighbour, steered to Metastore's trust");
        // signed with Metastore's key but naming the neighbour's issuer and audience: valid under the neighbour's
        // <mpJwt>, which the header selects, checked against the key of the application the request reaches
        String steered = platformToken(ns + ":write").issuer(CatalogService.ISSUER)
                .audience(CatalogService.AUDIENCE).sign();
        assertEquals(401, metastore.as(steered).get("records/" + ns + "/k1", "request-url", steerToCatalog).status(),
                "a token for the neighbour's issuer and audience, steered to the neighbour's trust");
        assertEquals(401, metastore.as(catalogToken).get("records/" + ns + "/k1", "request-url", steerToCatalog)
                .status(), "a neighbour token on Metastore, steered to the neighbour's trust");
        assertEquals(200, metastore.get("records/" + ns + "/k1").status(), "Metastore still serves its own callers");
    }

    private void withoutAnAudienceMetastoreIsNotReadyAndAcceptsNoToken(ExtraServer server, Path platformPem)
            throws Exception {
        server.configure(TRUST_FILE, trust(PLATFORM_ISSUER, platformPem.toUri().toString(), null));
        server.restart("metastore");
        JsonNode trust = trustCheck(server);
        assertEquals("DOWN", trust.path("status").asText(), trust::toString);
        assertEquals("METASTORE_JWT_AUDIENCES is not set (the aud the token issuer mints for Metastore)",
                trust.path("data").path("reason").asText());
        List<String> lines = server.logLines(NO_TRUST_LINE);
        assertEquals(1, lines.size(), () -> "one line says why: " + lines);
        assertTrue(lines.get(0).contains("METASTORE_JWT_AUDIENCES is not set"), lines.get(0));

        Api metastore = new Api(server.base(), null);
        for (Tokens token : List.of(platformToken("*:write"), platformToken("*:write").audience(AUDIENCE),
                platformToken("*:write").audience("${METASTORE_JWT_AUDIENCES}"))) {
            int status = metastore.as(token.sign()).get("records/shared/k1").status();
            assertTrue(status == 401 || status == 503, "a token was accepted without an audience: " + status);
        }
        assertEquals(200, new Api(catalog(server), catalogToken().sign()).get("items").status(),
                "the neighbour serves whatever Metastore's state");
    }

    private void withTheDevelopmentKeyMetastoreIsNotReadyAndAcceptsNoToken(ExtraServer server) throws Exception {
        Path devKey = Path.of("liberty/dev/jwt-public.pem").toAbsolutePath();
        server.configure(TRUST_FILE, trust(PLATFORM_ISSUER, devKey.toUri().toString(), AUDIENCE));
        server.restart("metastore");
        JsonNode trust = trustCheck(server);
        assertEquals("DOWN", trust.path("status").asText(), trust::toString);
        assertTrue(trust.path("data").path("reason").asText().contains("committed development key"), trust::toString);
        // anyone can sign this: the development key's private half is in the repository
        String forged = Tokens.of("mallory", "*:write").issuer(PLATFORM_ISSUER).audience(AUDIENCE).sign();
        Api.Reply reply = new Api(server.base(), forged).get("records/shared/k1");
        assertEquals(503, reply.status(), reply::toString);
        assertEquals("urn:metastore:problem:trust-not-configured", reply.json().path("type").asText());
    }

    private void switchedOffMetastoreLeavesTheNeighbourServing(ExtraServer server, Path platformPem)
            throws Exception {
        server.configure(TRUST_FILE, trust(PLATFORM_ISSUER, platformPem.toUri().toString(), AUDIENCE)
                .replace("</server>", "  <variable name=\"METASTORE_ENABLED\" value=\"false\"/>\n</server>"));
        server.restart("metastore");
        Api.Reply reply = new Api(server.base(), platformToken("*:write").audience(AUDIENCE).sign())
                .get("records/shared/k1");
        assertEquals(503, reply.status(), reply::toString);
        assertEquals("urn:metastore:problem:disabled", reply.json().path("type").asText());
        assertEquals(200, new Api(server.root(), null).get("health/ready").status());
        assertEquals(200, new Api(catalog(server), catalogToken().sign()).get("items").status());
    }

    private Tokens platformToken(String... grants) {
        return Tokens.of("svc", grants).issuer(PLATFORM_ISSUER).signedWith(platformKey.getPrivate());
    }

    private Tokens catalogToken() {
        return Tokens.of("reader").issuer(CatalogService.ISSUER).audience(CatalogService.AUDIENCE)
                .signedWith(catalogKey.getPrivate());
    }

    private static JsonNode trustCheck(ExtraServer server) {
        Api.Reply ready = new Api(server.root(), null).get("health/ready");
        assertEquals(503, ready.status(), ready::toString);
        for (JsonNode check : ready.json().path("checks")) {
            if (check.path("name").asText().equals("token-trust")) {
                return check;
            }
        }
        throw new AssertionError("no token-trust check in " + ready);
    }

    /** The minimal server.xml of a shared platform server, as its owner writes it (docs/operations.md). */
    private static String sharedServerXml(TestDatabase database) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <server description="shared platform server (SharedServerIT)">
                  <include location="metastore.xml"/>
                  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="${default.http.port}"
                                httpsPort="-1"/>
                  <!-- server-wide, set by the owner for Metastore's keys with an encoded slash -->
                  <webContainer skipEncodedCharVerification="true"/>
                %s
                </server>
                """.formatted(CatalogService.serverConfiguration(database.url(), database.user(),
                database.password()));
    }

    /** The owner's settings for Metastore's trust; a null audience leaves METASTORE_JWT_AUDIENCES unset. */
    private static String trust(String issuer, String keyLocation, String audience) {
        StringBuilder xml = new StringBuilder("<server>\n");
        Map.of("METASTORE_JWT_ISSUER", issuer, "METASTORE_JWT_PUBLIC_KEY_LOCATION", keyLocation)
                .forEach((name, value) -> variable(xml, name, value));
        if (audience != null) {
            variable(xml, "METASTORE_JWT_AUDIENCES", audience);
        }
        return xml.append("</server>\n").toString();
    }

    private static void variable(StringBuilder xml, String name, String value) {
        xml.append("  <variable name=\"").append(name).append("\" value=\"").append(Xml.attribute(value))
                .append("\"/>\n");
    }

    private static URL catalog(ExtraServer server) {
        try {
            return new URL(server.root(), "/catalog/");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the catalog service already has in the shared database: a schema, its Flyway history and rows. */
    private static void seedCatalog(TestDatabase database) throws Exception {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA catalog");
            sql.execute("CREATE TABLE catalog.flyway_schema_history (installed_rank int PRIMARY KEY, "
                    + "version varchar(50), description varchar(200) NOT NULL, success boolean NOT NULL)");
            sql.execute("INSERT INTO catalog.flyway_schema_history VALUES (1, '1', 'catalog items', true)");
            sql.execute("CREATE TABLE catalog.items (id bigint PRIMARY KEY, name text NOT NULL)");
            sql.execute("INSERT INTO catalog.items VALUES (1, 'existing catalog row'), (2, 'second catalog row')");
        }
    }

    /** Every table outside schema metastore, and the catalog's rows and history. */
    private static List<String> catalogContents(TestDatabase database) throws Exception {
        List<String> contents = new ArrayList<>();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            for (String query : List.of("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                            + "WHERE table_schema NOT IN ('metastore', 'pg_catalog', 'information_schema') ORDER BY 1",
                    "SELECT id || ' ' || name FROM catalog.items ORDER BY id",
                    "SELECT installed_rank || ' ' || version || ' ' || success FROM catalog.flyway_schema_history")) {
                try (ResultSet rows = sql.executeQuery(query)) {
                    while (rows.next()) {
                        contents.add(rows.getString(1));
                    }
                }
            }
        }
        return contents;
    }
}
