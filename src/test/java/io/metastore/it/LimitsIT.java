package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.Rows;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The limits that protect the shared database, at their boundaries and with their documented errors (docs/limits.md).
 * The statement timeout and the pool wait are shown for real: a test connection holds an exclusive lock on the
 * records table, so searches and writes block inside PostgreSQL exactly as a slow statement would. Body size with a
 * Content-Length and bulk size are covered by InputValidationIT and BulkIT; a chunked body, whose size the server
 * learns only while reading it, here.
 */
class LimitsIT extends ServiceIT {

    /** The server's defaults: metastore.search.statement-timeout and METASTORE_DB_POOL_WAIT, both 5 s. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POOL_WAIT = Duration.ofSeconds(5);
    private static final int POOL_MAX = 20;
    /** metastore.max-body-bytes. */
    private static final int MAX_BODY_BYTES = 1_048_576;
    /** Generous slack for a loaded CI machine; what matters is "bounded", not "exact". */
    private static final Duration SLACK = Duration.ofSeconds(10);



    @Test
    void aChunkedBodyIsCutOffJustPastTheLimit() {
        assertEquals(201, api.put("records/" + ns + "/kept", "{\"metadata\":{\"v\":1}}").status());
        List<String> before = digests();

        Api.Reply atLimit = api.sendChunked("PUT", "records/" + ns + "/kept", "application/json",
                bodyOfExactly(MAX_BODY_BYTES));
        assertEquals(200, atLimit.status(), () -> "a chunked body of exactly the limit is read whole: " + brief(atLimit));
        List<String> written = digests();
        assertTrue(!before.equals(written), "the body at the limit was written");

        JsonNode problem = refusedAsTooLarge(api.sendChunked("PUT", "records/" + ns + "/kept", "application/json",
                bodyOfExactly(MAX_BODY_BYTES + 1)));
        assertEquals("urn:metastore:problem:payload-too-large", problem.path("type").asText());
        refusedAsTooLarge(api.sendChunked("POST", "records", "application/json",
                ("{\"key\":\"" + ns + "/new\"," + new String(bodyOfExactly(2 * MAX_BODY_BYTES), UTF_8).substring(1))
                        .getBytes(UTF_8)));
        refusedAsTooLarge(api.sendChunked("POST", "records/search", "application/json",
                ("{\"filter\":{\"field\":\"metadata.blob\",\"op\":\"eq\",\"value\":\""
                        + "x".repeat(MAX_BODY_BYTES) + "\"}}").getBytes(UTF_8)));
        assertEquals(written, digests(), "nothing written by refused bodies");
    }

    /** A 413 problem; a failure shows the start of the answer only, which may hold a whole megabyte. */
    private static JsonNode refusedAsTooLarge(Api.Reply reply) {
        assertEquals(413, reply.status(), () -> brief(reply));
        return assertProblem(413, reply);
    }

    private static String brief(Api.Reply reply) {
        String text = reply.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** Key, version and a digest of the content of this test's rows: short, and changes with any write. */
    private List<String> digests() {
        return Rows.strings("SELECT key || ' v' || version || ' ' || md5(metadata::text)"
                + " FROM metastore.metastore_records WHERE key >= ? AND key < ? ORDER BY key", ns + "/", ns + "0");
    }

    /** A PUT body {@code {"metadata":{"blob":"xx..."}}} of exactly this many bytes. */
    private static byte[] bodyOfExactly(int bytes) {
        String frame = "{\"metadata\":{\"blob\":\"\"}}";
        return ("{\"metadata\":{\"blob\":\"" + "x".repeat(bytes - frame.length()) + "\"}}").getBytes(UTF_8);
    }

    @Test
    void jsonNestsAtMost128Levels() {
        assertEquals(201, api.put("records/" + ns + "/deep", "{\"metadata\":" + nested(127) + "}").status(),
                "128 levels, counting the body itself");
        JsonNode problem = assertProblem(400, api.put("records/" + ns + "/deeper", "{\"metadata\":" + nested(128) + "}"));
        assertTrue(problem.path("detail").asText().contains("nesting depth"), problem::toString);
    }

    @Test
    void filtersNestAtMost32Levels() {
        assertEquals(200, search("{\"filter\":" + notted(32) + "}").status(), "32 levels of not");
        assertEquals(List.of("filter" + ".not".repeat(32)),
                assertProblem(400, search("{\"filter\":" + notted(33) + "}")).findValuesAsText("path"));
    }

    @Test
    void pagesHoldOneTo1000Records() {
        assertEquals(200, search("{\"limit\":1}").status());
        assertEquals(200, search("{\"limit\":1000}").status());
        for (String limit : List.of("0", "1001", "-1", "\"x\"")) {
            assertEquals(List.of("limit"), assertProblem(400, search("{\"limit\":" + limit + "}"))
                    .findValuesAsText("path"), limit);
        }
    }

    @Test
    void aSearchPastTheStatementTimeoutAnswers503() throws Exception {
        try (Connection blocker = lockRecordsTable()) {
            long started = System.nanoTime();
            JsonNode problem = assertProblem(503, search("{\"filter\":{\"field\":\"key\",\"op\":\"starts_with\","
                    + "\"value\":\"" + ns + "/\"}}"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals("urn:metastore:problem:statement-timeout", problem.path("type").asText());
            assertTrue(took.compareTo(STATEMENT_TIMEOUT.minusMillis(500)) > 0
                    && took.compareTo(STATEMENT_TIMEOUT.plus(SLACK)) < 0, () -> "answered after " + took);
            blocker.rollback();
        }
    }

    @Test
    void aRequestFindingThePoolExhaustedAnswers503AfterTheWait() throws Exception {
        ExecutorService holders = Executors.newFixedThreadPool(POOL_MAX);
        try (Connection blocker = lockRecordsTable()) {
            // each write holds a pooled connection while PostgreSQL makes it wait for the table lock
            List<Future<Api.Reply>> writes = new ArrayList<>();
            for (int i = 0; i < POOL_MAX; i++) {
                String key = ns + "/held-" + i;
                writes.add(holders.submit(() -> api.put("records/" + key, "{\"metadata\":{}}")));
            }
            awaitLockWaiters(POOL_MAX);

            long started = System.nanoTime();
            JsonNode problem = assertProblem(503, api.get("records/" + ns + "/anything"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals("urn:metastore:problem:database-unavailable", problem.path("type").asText());
            assertTrue(took.compareTo(POOL_WAIT.minusMillis(500)) > 0 && took.compareTo(POOL_WAIT.plus(SLACK)) < 0,
                    () -> "answered after " + took);

            blocker.rollback(); // the held writes go through once the lock is gone
            for (Future<Api.Reply> write : writes) {
                assertEquals(201, write.get().status(), () -> "held write");
            }
        } finally {
            holders.shutdownNow();
        }
        assertEquals(POOL_MAX, Rows.count(ns + "/held-"));
    }

    private Api.Reply search(String body) {
        return api.post("records/search", body);
    }

    /** A connection holding ACCESS EXCLUSIVE on the records table until it rolls back or closes. */
    private static Connection lockRecordsTable() throws Exception {
        Connection connection = Rows.connect();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE metastore.metastore_records IN ACCESS EXCLUSIVE MODE");
        }
        return connection;
    }

    /**
     * Liberty's executor adds request threads gradually (a few per second), so on a loaded machine twenty parked
     * requests take a while to all reach PostgreSQL.
     */
    private static void awaitLockWaiters(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long waiting = 0;
        while (System.nanoTime() < deadline) {
            waiting = Long.parseLong(Rows.strings("SELECT count(*)::text FROM pg_stat_activity WHERE datname ="
                    + " current_database() AND application_name = 'metastore' AND wait_event_type = 'Lock'").get(0));
            if (waiting >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("only " + waiting + " of " + count + " writes reached the lock");
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String notted(int nots) {
        return "{\"not\":".repeat(nots) + "{\"field\":\"metadata.a\",\"op\":\"exists\"}" + "}".repeat(nots);
    }
}
