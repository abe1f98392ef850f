package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.Rows;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.Tokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens, namespace grants and audit principals on the single-record calls. */
class AuthIT extends ServiceIT {



    String key;
    Api owner;

    @BeforeEach
    void setUp() {
        key = ns + "/secret";
        owner = new Api(base, Tokens.token("alice", ns + ":write"));
        assertEquals(201, owner.put("records/" + key, "{\"metadata\":{\"classified\":\"launch codes\"}}").status());
    }

    @Test
    void everyUnacceptableTokenAnswers401() {
        List<String> before = Rows.snapshot(ns + "/");
        Instant past = Instant.now().minusSeconds(3600);
        Map<String, String> tokens = Map.of(
                "malformed", "not-a-jwt",
                "expired", Tokens.of("alice", ns + ":write").expiresAt(past).sign(),
                "not yet valid", Tokens.of("alice", ns + ":write").notBefore(Instant.now().plusSeconds(3600)).sign(),
                "wrong issuer", Tokens.of("alice", ns + ":write").issuer("someone-else").sign(),
                "wrong signature", Tokens.of("alice", ns + ":write").signedByStranger().sign(),
                "alg none", Tokens.of("alice", ns + ":write").unsigned().sign());
        tokens.forEach((why, token) -> {
            Api caller = owner.as(token);
            assertUnauthorized(why, caller.get("records/" + key));
            assertUnauthorized(why, caller.put("records/" + key, "{\"metadata\":{}}"));
        });
        assertUnauthorized("missing", new Api(base, null).get("records/" + key));
        assertUnauthorized("missing", new Api(base, null).post("records", "{\"key\":\"" + ns + "/x\"}"));
        assertEquals(before, Rows.snapshot(ns + "/"), "nothing written by rejected callers: content and version kept");
    }

    private static void assertUnauthorized(String why, Api.Reply reply) {
        assertProblem(401, reply);
        assertFalse(reply.body().contains("launch codes"), why);
    }

    @Test
    void everyEndpointAnswers403OutsideTheGrantsWithoutRevealingTheRecord() {
        Api stranger = owner.as(Tokens.token("mallory", "other:write"));
        Api reader = owner.as(Tokens.token("reader", ns + ":read"));
        List<String> before = Rows.snapshot(ns + "/");
        List<Api.Reply> forbidden = List.of(
                stranger.get("records/" + key),
                stranger.get("records/" + ns + "/absent"),
                stranger.post("records", "{\"key\":\"" + ns + "/new\",\"metadata\":{}}"),
                stranger.put("records/" + key, "{\"metadata\":{}}"),
                stranger.patch("records/" + key, "{\"owner\":\"mallory\"}"),
                stranger.delete("records/" + key),
                reader.put("records/" + key, "{\"metadata\":{}}"),
                reader.patch("records/" + key, "{\"owner\":\"reader\"}"),
                reader.delete("records/" + key),
                reader.post("records", "{\"key\":\"" + ns + "/new\",\"metadata\":{}}"));
        for (Api.Reply reply : forbidden) {
            JsonNode problem = assertProblem(403, reply);
            assertFalse(reply.body().contains("launch codes") || reply.body().contains("\"version\""), reply::toString);
            assertTrue(problem.path("detail").asText().contains(ns), reply::toString);
        }
        assertEquals(before, Rows.snapshot(ns + "/"), "nothing written by forbidden calls: content and version kept");
        assertEquals(200, reader.get("records/" + key).status(), "read grant reads");
        assertEquals(200, owner.as(Tokens.token("ops", "*:read")).get("records/" + key).status(), "*:read reads");
        assertEquals(200, owner.as(Tokens.token("ops", "*:write")).patch("records/" + key, "{\"owner\":\"ops\"}")
                .status(), "*:write writes");
        Api admin = owner.as(Tokens.token("keeper", ns + ":admin"));
        assertEquals(200, admin.get("records/" + key).status(), "admin reads");
        assertEquals(200, admin.patch("records/" + key, "{\"owner\":\"keeper\"}").status(), "admin writes");
        assertEquals(200, owner.as(Tokens.token("keeper", "*:admin")).patch("records/" + key, "{\"owner\":\"all\"}")
                .status(), "*:admin writes");
    }

    @Test
    void auditPrincipalsComeFromTheTokenSubject() {
        Api bob = owner.as(Tokens.token("bob", ns + ":write"));
        JsonNode updated = bob.put("records/" + key, "{\"metadata\":{},\"createdBy\":\"eve\",\"updatedBy\":\"eve\"}")
                .json();
        assertEquals("alice", updated.path("createdBy").asText());
        assertEquals("bob", updated.path("updatedBy").asText());
        assertEquals(List.of("alice bob"), Rows.strings(
                "SELECT created_by || ' ' || updated_by FROM metastore.metastore_records WHERE key = ?", key));
    }
}
