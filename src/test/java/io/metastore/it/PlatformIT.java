package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.Deployments;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server-level endpoints: health and OpenAPI. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PlatformIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.metastore();
    }

    @ArquillianResource
    URL base;

    private Api server() throws Exception {
        return new Api(new URL(base, "/"), null);
    }

    @Test
    void healthEndpointsReportUpWithDatabaseCheck() throws Exception {
        for (String path : List.of("health", "health/live", "health/ready", "health/started")) {
            Api.Reply reply = server().get(path);
            assertEquals(200, reply.status(), () -> path + ": " + reply);
            assertEquals("UP", reply.json().path("status").asText(), path);
        }
        JsonNode ready = server().get("health/ready").json();
        assertEquals("database", ready.path("checks").get(0).path("name").asText());
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
        assertEquals(200, server().get("openapi/ui/").status());
    }
}
