package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.ServiceIT;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The server-level endpoints: health and OpenAPI. */
class PlatformIT extends ServiceIT {



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
        assertTrue(paths.has("/metastore/records") || paths.has("/records"), paths::toString);
        String keyPath = paths.has("/metastore/records/{key}") ? "/metastore/records/{key}" : "/records/{key}";
        for (String method : List.of("get", "put", "patch", "delete")) {
            assertTrue(paths.path(keyPath).has(method), method);
        }
        JsonNode schemas = document.path("components").path("schemas");
        for (String schema : List.of("Record", "RecordCreate", "RecordReplace", "RecordMergePatch", "Problem")) {
            assertTrue(schemas.has(schema), () -> schema + " missing in " + schemas.fieldNames());
        }
        String prefix = "#/components/schemas/";
        List<String> references = document.findValuesAsText("$ref");
        assertTrue(references.contains(prefix + "SearchRequest") && references.contains(prefix + "BulkResponse"),
                references::toString);
        for (String reference : references) {
            assertTrue(reference.startsWith(prefix) && schemas.has(reference.substring(prefix.length())),
                    () -> reference + " resolves to no schema of " + schemas.fieldNames());
        }
        assertEquals(200, server().get("openapi/ui/").status());
    }
}
