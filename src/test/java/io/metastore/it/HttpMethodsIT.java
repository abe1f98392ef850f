package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.Problems;
import io.metastore.it.support.RawHttp;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.Tokens;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Request methods a client may invent: each answers a problem+json (501 for a method HTTP does not define, 405 with
 * Allow for a defined one the route lacks), and none becomes a metric label value, since every label value must come
 * from a closed set or /metrics grows by one series per invented method.
 */
class HttpMethodsIT extends ServiceIT {

    /**
     * Not defined by RFC 9110 or RFC 5789. (A lower-case {@code get} is not tried: Liberty's HTTP channel reads method
     * names without regard to case and serves it as GET before the application sees it.)
     */
    private static final List<String> INVENTED = List.of("M1", "M2", "FROBNICATE", "PROPFIND", "QUERY");

    @Test
    void undefinedMethodsAnswer501ProblemAndNeverBecomeALabel() {
        String bearer = "Bearer " + Tokens.token("svc", ns + ":write");
        for (String method : INVENTED) {
            for (String path : List.of("/metastore/records/" + ns + "/x", "/metastore/records",
                    "/metastore/records/search", "/metastore/nowhere")) {
                Api.Reply reply = RawHttp.send(base, method, path, "Authorization", bearer);
                Problems.assertProblem(501, reply);
            }
            // without a token the container refuses first; that answer must not mint a series either
            Problems.assertProblem(401, RawHttp.send(base, method, "/metastore/records/" + ns + "/x"));
        }

        String metrics = server().get("metrics").body();
        Set<String> methodLabels = metastoreSamples(metrics)
                .flatMap(sample -> Stream.of(sample.split("[{,]")))
                .filter(label -> label.startsWith("method=")).collect(Collectors.toSet());
        for (String method : INVENTED) {
            assertFalse(methodLabels.contains("method=\"" + method + "\""), () -> method + " became a label: "
                    + methodLabels);
        }
        assertTrue(methodLabels.contains("method=\"other\""), methodLabels::toString);
        assertTrue(metastoreSamples(metrics).anyMatch(s -> s.startsWith("metastore_requests_total{")
                && s.contains("method=\"other\"") && s.contains("status=\"501\"")), "501s are counted as other");
        assertTrue(metastoreSamples(metrics).anyMatch(s -> s.startsWith("metastore_requests_total{")
                && s.contains("method=\"other\"") && s.contains("status=\"401\"")), "401s are counted as other");
    }

    @Test
    void aDefinedMethodTheRouteLacksAnswers405WithAllow() {
        assertAllows(api.delete("records"), "POST");
        assertAllows(api.get("records"), "POST");
        assertAllows(api.patch("records", "{}"), "POST");
        assertAllows(RawHttp.send(base, "TRACE", "/metastore/records/" + ns + "/x",
                "Authorization", "Bearer " + Tokens.token("svc", ns + ":write")), "GET");
    }

    private static void assertAllows(Api.Reply reply, String method) {
        Problems.assertProblem(405, reply);
        String allow = reply.header("Allow");
        assertNotNull(allow, () -> "405 without Allow: " + reply.headers().map());
        assertTrue(Stream.of(allow.split(",")).map(String::trim).anyMatch(method::equals),
                () -> "Allow: " + allow + " lacks " + method);
    }

    private static Stream<String> metastoreSamples(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("metastore_"));
    }
}
