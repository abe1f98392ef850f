package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.ServerLog;
import io.metastore.it.support.Tokens;
import io.metastore.platform.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Metrics on /metrics, the JSON access line in messages.log and the X-Request-Id echo, on the real server. */
class ObservabilityIT extends ServiceIT {

    private static final String SECRET = "metadata-secret-" + UUID.randomUUID();



    private final String token = Tokens.token("obs-alice", "obs:write");

    private Api api() {
        return new Api(base, token);
    }

    @Test
    void metricsCountRequestsByRouteTemplateWithBucketsAndNeverNameAKey() throws Exception {
        List<String> before = samples();
        String name = "m-" + UUID.randomUUID();
        assertEquals(201, api().post("records", "{\"key\":\"obs/" + name + "\",\"metadata\":{}}").status());
        assertEquals(200, api().get("records/obs/" + name).status());
        assertEquals(404, api().get("records/obs/absent-" + name).status());
        assertEquals(200, api().post("records/search", "{\"filter\":{\"field\":\"key\",\"op\":\"eq\","
                + "\"value\":\"obs/" + name + "\"}}").status());
        assertEquals(200, api().post("records/bulk", "{\"atomic\":false,\"operations\":[{\"op\":\"upsert\","
                + "\"key\":\"obs/" + name + "\",\"metadata\":{}},{\"op\":\"frobnicate\",\"key\":\"obs/x\"}]}").status());
        assertEquals(404, api().get("no-such-resource").status());

        String metrics = server().get("metrics").body();
        List<String> after = metrics.lines().filter(line -> !line.startsWith("#")).toList();
        assertRose(1, before, after, "metastore_requests_total{", "route=\"/records\"", "method=\"POST\"",
                "status=\"201\"");
        assertRose(1, before, after, "metastore_requests_total{", "route=\"/records/{key}\"", "method=\"GET\"",
                "status=\"200\"");
        assertRose(1, before, after, "metastore_requests_total{", "route=\"/records/{key}\"", "method=\"GET\"",
                "status=\"404\"");
        assertRose(1, before, after, "metastore_requests_total{", "route=\"/records/search\"", "status=\"200\"");
        assertRose(1, before, after, "metastore_requests_total{", "route=\"/records/bulk\"", "status=\"200\"");
        assertRose(1, before, after, "metastore_requests_total{", "route=\"unmatched\"", "status=\"404\"");
        assertRose(2, before, after, "metastore_request_duration_seconds_count{", "route=\"/records/{key}\"",
                "method=\"GET\"");
        assertRose(2, before, after, "metastore_request_duration_seconds_bucket{", "route=\"/records/{key}\"",
                "method=\"GET\"", "le=\"+Inf\"");
        assertSample(after, "metastore_request_duration_seconds_bucket{", "route=\"/records/{key}\"", "le=\"0.005\"");
        assertSample(after, "metastore_request_duration_seconds_bucket{", "route=\"/records/{key}\"", "le=\"5.0\"");
        assertRose(1, before, after, "metastore_search_duration_seconds_count{");
        assertSample(after, "metastore_search_duration_seconds_bucket{", "le=\"0.25\"");
        assertRose(1, before, after, "metastore_search_rows_bucket{", "le=\"1.0\"");
        assertRose(1, before, after, "metastore_bulk_operations_total{", "op=\"upsert\"", "status=\"200\"");
        assertRose(1, before, after, "metastore_bulk_operations_total{", "op=\"invalid\"", "status=\"400\"");
        assertSample(after, "connectionpool_", "datasource=\"jdbc_metastore\"");
        assertFalse(metrics.contains(name), "a record name leaked into /metrics");
        assertFalse(metrics.contains("frobnicate"), "a client-chosen op leaked into a label");
    }

    @Test
    void accessLineIsJsonWithIdentifiersAndTimingsButNoContentOrToken() throws Exception {
        String requestId = "it-" + UUID.randomUUID();
        Api.Reply created = api().post("records", "{\"key\":\"obs/log-" + requestId + "\",\"metadata\":{\"s\":\""
                + SECRET + "\"}}", "X-Request-Id", requestId);
        assertEquals(201, created.status(), created::toString);
        assertEquals(requestId, created.header("X-Request-Id"));

        String line = ServerLog.await(l -> l.contains(requestId) && l.contains("io.metastore.access"))
                .orElseThrow(() -> new AssertionError("no access line for " + requestId + " in " + ServerLog.file()));
        JsonNode access = Json.MAPPER.readTree(line);
        assertEquals("io.metastore.access", access.path("module").asText());
        assertEquals(requestId, access.path("ext_requestId").asText(), access::toString);
        assertEquals("obs-alice", access.path("ext_principal").asText());
        assertEquals("obs", access.path("ext_namespace").asText());
        assertEquals("/records", access.path("ext_route").asText());
        assertEquals("POST", access.path("ext_method").asText());
        assertTrue(access.path("ext_status_int").isInt(), access::toString);
        assertEquals(201, access.path("ext_status_int").asInt());
        assertTrue(access.path("ext_durationMs_float").isNumber()
                && access.path("ext_durationMs_float").doubleValue() > 0, access::toString);
        assertTrue(access.path("message").asText().startsWith("POST /records 201 "), access::toString);

        String log = ServerLog.text();
        assertFalse(log.contains(SECRET), "metadata content reached messages.log");
        assertFalse(log.contains(token), "a bearer token reached messages.log");
        assertFalse(log.contains(token.substring(token.lastIndexOf('.') + 1)), "a token signature reached messages.log");
    }

    @Test
    void requestIdIsEchoedWhenSaneAndReplacedOtherwiseOnEveryAnswer() throws Exception {
        assertEquals("abc-123", api().get("records/obs/absent", "X-Request-Id", "abc-123").header("X-Request-Id"));
        assertEquals("on-error", api().get("records/no-slash-no-key", "X-Request-Id", "on-error")
                .header("X-Request-Id"), "400 answers carry it too");
        String tooLong = "x".repeat(129);
        String replaced = api().get("records/obs/absent", "X-Request-Id", tooLong).header("X-Request-Id");
        assertNotEquals(tooLong, replaced);
        assertEquals(replaced, UUID.fromString(replaced).toString());
        String generated = api().get("records/obs/absent").header("X-Request-Id");
        assertEquals(generated, UUID.fromString(generated).toString());
        Api.Reply unauthorized = new Api(base, null).get("records/obs/absent", "X-Request-Id", "no-token");
        assertEquals(401, unauthorized.status());
        assertEquals("no-token", unauthorized.header("X-Request-Id"), "the container's 401 echoes it too");
    }

    @Test
    void requestsTheContainerRefusesAreCountedAndLoggedToo() throws Exception {
        List<String> before = samples();
        String requestId = "refused-" + UUID.randomUUID();
        Api.Reply refused = new Api(base, "not-a-jwt").delete("records/obs/refused", "X-Request-Id", requestId);
        assertEquals(401, refused.status());

        String line = ServerLog.await(l -> l.contains(requestId) && l.contains("io.metastore.access"))
                .orElseThrow(() -> new AssertionError("no access line for " + requestId + " in " + ServerLog.file()));
        JsonNode access = Json.MAPPER.readTree(line);
        assertEquals(requestId, access.path("ext_requestId").asText(), access::toString);
        assertEquals("-", access.path("ext_principal").asText());
        assertEquals("-", access.path("ext_namespace").asText());
        assertEquals("unmatched", access.path("ext_route").asText());
        assertEquals("DELETE", access.path("ext_method").asText());
        assertEquals(401, access.path("ext_status_int").asInt());
        assertTrue(access.path("ext_durationMs_float").isMissingNode(), access::toString);
        assertOnlyItsOwnLinesCarry(requestId);

        assertRose(1, before, samples(), "metastore_requests_total{", "route=\"unmatched\"", "method=\"DELETE\"",
                "status=\"401\"");
    }

    /** A pooled thread must not lend a request's id to the lines of the requests it serves next. */
    private void assertOnlyItsOwnLinesCarry(String requestId) throws Exception {
        String next = "next-" + UUID.randomUUID();
        api().get("records/obs/absent", "X-Request-Id", next);
        new Api(base, null).get("records/obs/absent", "X-Request-Id", next + "-401");
        ServerLog.await(l -> l.contains(next + "-401")).orElseThrow();
        List<String> carrying = ServerLog.lines().stream().filter(l -> l.contains(requestId)).toList();
        assertEquals(1, carrying.size(), () -> "lines carrying " + requestId + ": " + carrying);
    }

    /** The samples of /metrics, without comments: lines such as {@code name{label="value",...} 3.0}. */
    private List<String> samples() {
        return server().get("metrics").body().lines().filter(line -> !line.startsWith("#")).toList();
    }

    /**
     * The series with the prefix and labels rose by exactly {@code increase} between the two readings (one series, or
     * the sum of several that the labels do not tell apart); one missing before counts as 0. Nothing else calls the
     * test server while a test runs, so the increase is exactly what the test sent.
     */
    private static void assertRose(long increase, List<String> before, List<String> after, String prefix,
                                   String... labels) {
        assertSample(after, prefix, labels);
        double rose = sum(after, prefix, labels) - sum(before, prefix, labels);
        assertEquals(increase, rose, 0.0, () -> prefix + String.join(",", labels) + "} rose by " + rose);
    }

    private static double sum(List<String> samples, String prefix, String... labels) {
        return samples.stream().filter(s -> s.startsWith(prefix) && List.of(labels).stream().allMatch(s::contains))
                .mapToDouble(s -> Double.parseDouble(s.substring(s.lastIndexOf(' ') + 1))).sum();
    }

    private static void assertSample(List<String> samples, String prefix, String... labels) {
        assertTrue(samples.stream().anyMatch(s -> s.startsWith(prefix) && List.of(labels).stream().allMatch(s::contains)),
                () -> "no sample " + prefix + String.join(",", labels) + "} in\n" + String.join("\n", samples.stream()
                        .filter(s -> s.startsWith(prefix.substring(0, Math.min(prefix.length(), 12)))).toList()));
    }
}
