package io.metastore.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on RFC 9457 answers. */
public final class Problems {

    private Problems() {
    }

    /** The reply is a refusal of the client's request (4xx) with a well-formed problem+json body. */
    public static JsonNode assertClientProblem(Api.Reply reply) {
        assertTrue(reply.status() >= 400 && reply.status() < 500, () -> "not a 4xx: " + reply);
        return assertProblem(reply.status(), reply);
    }

    /**
     * The reply has this status and a well-formed problem+json body that leaks no stack trace nor the container's private
     * headers; a 503 says when to retry.
     */
    public static JsonNode assertProblem(int status, Api.Reply reply) {
        assertEquals(status, reply.status(), () -> "unexpected answer: " + reply);
        assertTrue(reply.contentType() != null && reply.contentType().startsWith("application/problem+json"),
                () -> "not problem+json: " + reply.contentType() + " " + reply.body());
        if (status == 503) {
            assertTrue(reply.header("Retry-After") != null && reply.header("Retry-After").matches("\\d+"),
                    () -> "a 503 without Retry-After seconds: " + reply.headers().map());
        }
        assertNull(reply.header("$WSEP"), () -> "the container's private error-page header: " + reply.headers().map());
        JsonNode problem = reply.json();
        assertEquals(status, problem.path("status").asInt(), () -> "status member: " + reply.body());
        assertTrue(problem.path("type").isTextual() && problem.path("title").isTextual()
                && problem.path("detail").isTextual(), () -> "incomplete problem: " + reply.body());
        assertFalse(reply.body().contains("\tat ") || reply.body().contains("Exception"),
                () -> "stack trace or exception leaked: " + reply.body());
        return problem;
    }
}
