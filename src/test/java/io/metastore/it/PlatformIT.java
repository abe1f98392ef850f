package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.DeclaredResponses;
import io.metastore.it.support.ServiceIT;
import io.metastore.platform.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server-level endpoints: health and OpenAPI. */
class PlatformIT extends ServiceIT {

    private static final String REDOCLY_VERSION = "2.77.0";

    @Test
    void healthEndpointsReportUpWithDatabaseCheck() throws Exception {
        for (String path : List.of("health", "health/live", "health/ready", "health/started")) {
            Api.Reply reply = server().get(path);
            assertEquals(200, reply.status(), () -> path + ": " + reply);
            assertEquals("UP", reply.json().path("status").asText(), path);
        }
        Set<String> checks = new TreeSet<>();
        server().get("health/ready").json().path("checks").forEach(check -> checks.add(check.path("name").asText()));
        assertEquals(Set.of("database", "token-trust"), checks);
    }

    @Test
    void openApiDescribesEveryRecordCallAndSchema() throws Exception {
        Api.Reply reply = server().get("openapi", "Accept", "application/json");
        assertEquals(200, reply.status());
        JsonNode document = reply.json();
        JsonNode paths = document.path("paths");
        for (String method : List.of("get", "put", "patch", "delete")) {
            assertTrue(paths.path("/records/{key}").has(method), method);
        }
        JsonNode schemas = document.path("components").path("schemas");
        for (String schema : List.of("Record", "RecordCreate", "RecordReplace", "RecordMergePatch", "Problem", "Filter")) {
            assertTrue(schemas.has(schema), () -> schema + " missing in " + schemas.fieldNames());
        }
        List<String> references = document.findValuesAsText("$ref");
        assertTrue(references.contains("#/components/schemas/SearchRequest")
                && references.contains("#/components/schemas/BulkResponse"), references::toString);
        for (String reference : references) {
            JsonNode target = document;
            for (String part : reference.substring(2).split("/")) {
                target = target.path(part);
            }
            assertTrue(reference.startsWith("#/components/") && target.isObject(),
                    () -> reference + " resolves to nothing in the document");
        }
        assertEquals(200, server().get("openapi/ui/").status());
    }

    /**
     * The server serves the document the build generated from the annotations, not one of its own: Liberty's
     * annotation scan is off (it cost seconds of every start), so the packaged document must stay what the annotations
     * say, and the tests' response check ({@link DeclaredResponses}) reads the same one.
     */
    @Test
    void servedDocumentIsTheOneGeneratedFromTheAnnotations() {
        JsonNode served = server().get("openapi", "Accept", "application/json").json();
        JsonNode generated = DeclaredResponses.document().tree();
        assertTrue(generated.equals(served), () -> "the served document differs from target/openapi.yaml at "
                + firstDifference("", generated, served));
        assertEquals("/metastore", served.path("servers").path(0).path("url").asText());
    }

    /** The JSON pointer of the first member where the two documents differ. */
    private static String firstDifference(String pointer, JsonNode expected, JsonNode actual) {
        if (expected.isContainerNode() && expected.getNodeType() == actual.getNodeType()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
                names.add(Integer.toString(i));
            }
            for (String name : names) {
                JsonNode left = expected.isArray() ? expected.path(Integer.parseInt(name)) : expected.path(name);
                JsonNode right = actual.isArray() ? actual.path(Integer.parseInt(name)) : actual.path(name);
                if (!left.equals(right)) {
                    return firstDifference(pointer + "/" + name, left, right);
                }
            }
        }
        return pointer + ": " + expected + " generated, " + actual + " served";
    }

    /** Redocly CLI's recommended rules, pinned with the CLI, on the document as served (npm fetches it once). */
    @Test
    void redoclyRecommendedRulesFindNothing() throws Exception {
        Path document = Files.createTempFile("openapi", ".yaml");
        try {
            Files.writeString(document, server().get("openapi").body());
            Process lint = new ProcessBuilder("npx", "--yes", "@redocly/cli@" + REDOCLY_VERSION, "lint",
                    "--extends=recommended", "--format=json", document.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(lint.waitFor(5, TimeUnit.MINUTES), "redocly did not finish");
            JsonNode result = Json.MAPPER.readTree(report.substring(report.indexOf('{')));
            assertEquals(REDOCLY_VERSION, result.path("version").asText(), report);
            assertEquals(0, result.path("totals").path("errors").asInt(-1), report);
            assertEquals(0, result.path("totals").path("warnings").asInt(-1), report);
            assertEquals(0, lint.exitValue(), report);
        } finally {
            Files.delete(document);
        }
    }
}
