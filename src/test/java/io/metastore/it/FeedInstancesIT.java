package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.ExtraServer;
import io.metastore.it.support.FeedConsumer;
import io.metastore.it.support.FeedWriters;
import io.metastore.it.support.TestDatabase;
import io.metastore.it.support.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Two Metastore instances on one database, with a history retention of seconds so that a test can watch it work: a
 * consumer following one instance sees every write made through the other; entries older than the retention are
 * pruned except each key's newest; a cursor older than the retention answers 410; and an instance holds at most
 * metastore.changes.max-waiting waiting calls, answering 503 with Retry-After beyond. Not an Arquillian test: it starts
 * its own two servers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class FeedInstancesIT {

    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final Duration RETENTION = Duration.ofSeconds(8);
    private static final int MAX_WAITING = 3;

    private TestDatabase database;
    private final List<ExtraServer> servers = new ArrayList<>();
    private Api first;
    private Api second;

    @BeforeAll
    void startTwoServers() throws Exception {
        database = TestDatabase.create("metastore_feed");
        String prefix = System.getProperty("metastore.test.server.name", "metastore-it");
        for (String name : List.of("-feed-a", "-feed-b")) {
            ExtraServer server = ExtraServer.create(prefix + name, database);
            server.configure("zz-feed.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <server>
                      <variable name="metastore.history.retention" value="%s"/>
                      <variable name="metastore.history.prune-interval" value="PT1S"/>
                      <variable name="metastore.changes.max-waiting" value="%d"/>
                    </server>
                    """.formatted(RETENTION, MAX_WAITING));
            servers.add(server);
        }
        CompletableFuture.allOf(servers.stream().map(s -> CompletableFuture.runAsync(s::start))
                .toArray(CompletableFuture[]::new)).join();
        for (ExtraServer server : servers) {
            assertTrue(server.awaitReady(STARTUP), () -> server.base() + " not ready within " + STARTUP);
        }
        String token = Tokens.token("svc", "*:write");
        first = new Api(servers.get(0).base(), token);
        second = new Api(servers.get(1).base(), token);
        // a fresh server's first write takes seconds (class loading, JIT), longer than the retention these tests use
        List<Api> both = List.of(first, second);
        for (int s = 0; s < both.size(); s++) {
            assertEquals(201, both.get(s).put("records/warm/up-" + s, "{\"metadata\":{}}").status());
            String cursor = both.get(s).get("changes").json().path("cursor").asText();
            assertEquals(200, both.get(s).get("changes?since=" + cursor).status());
        }
    }

    @AfterAll
    void stopServers() {
        try {
            CompletableFuture.allOf(servers.stream().map(s -> CompletableFuture.runAsync(s::close))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            database.drop();
        }
    }

    @Test
    void aConsumerOfOneInstanceSeesEveryWriteMadeThroughTheOther() throws Exception {
        FeedConsumer consumer = FeedConsumer.start(first, 10, 1, "across");
        FeedWriters writers = FeedWriters.start(second, "across", 6, 25, 8, false);
        List<FeedWriters.Ack> acks = writers.finish();
        List<JsonNode> seen = consumer.drain(Duration.ofMinutes(2));
        FeedWriters.assertFollowed("the consumer of the other instance", seen, acks, true);
    }

    @Test
    void aWaitingCallOnOneInstanceWakesForAWriteThroughTheOther() throws Exception {
        String cursor = first.get("changes?namespace=woken").json().path("cursor").asText();
        CompletableFuture<Api.Reply> waiting = CompletableFuture.supplyAsync(() -> first.get(
                "changes?namespace=woken&wait=30&since=" + cursor));
        Thread.sleep(1000);
        assertEquals(201, second.put("records/woken/a", "{\"metadata\":{}}").status());
        Api.Reply answer = waiting.get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(1, answer.json().path("items").size(), answer::toString);
    }

    @Test
    void oldEntriesArePrunedExceptEachKeysNewestAndAnAgedCursorAnswers410() throws Exception {
        String cursor = first.get("changes").json().path("cursor").asText();
        assertEquals(201, first.put("records/pruned/a", "{\"metadata\":{\"v\":1}}").status());
        assertEquals(200, first.put("records/pruned/a", "{\"metadata\":{\"v\":2}}").status());
        assertEquals(201, first.put("records/pruned/only", "{\"metadata\":{}}").status());
        assertProblem(404, first.delete("records/pruned/deleted"));
        assertEquals(201, first.put("records/pruned/deleted", "{\"metadata\":{}}").status());
        assertEquals(204, first.delete("records/pruned/deleted").status());
        assertEquals(5, first.get("changes?since=" + cursor).json().path("items").size(),
                "the young cursor reads all five writes");

        long deadline = System.nanoTime() + RETENTION.multipliedBy(4).toNanos();
        // each run prunes below its own boundary, so the two keys written a moment apart may go in different runs
        while ((versions(second.get("history/pruned/a")).size() > 1
                || versions(second.get("history/pruned/deleted")).size() > 1) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(List.of(2L), versions(second.get("history/pruned/a")), "pruned to the newest entry");
        assertProblem(404, second.get("history/pruned/a?version=1"));
        assertEquals(List.of(1L), versions(second.get("history/pruned/only")), "a key's only entry stays");
        assertEquals(List.of(2L), versions(second.get("history/pruned/deleted")), "a soft delete's entry stays");
        assertTrue(second.get("history/pruned/deleted").json().path("items").get(0).path("deletedAt").isTextual());

        Api.Reply gone = second.get("changes?since=" + cursor);
        assertProblem(410, gone);
        assertEquals(200, second.get("changes").status(), "a fresh cursor is served");
    }

    @Test
    void anInstanceHoldsAtMostMaxWaitingCallsAndAnswers503Beyond() throws Exception {
        String cursor = first.get("changes?namespace=quiet").json().path("cursor").asText();
        String waitCall = "changes?namespace=quiet&wait=6&since=" + cursor;
        // threads of their own: the common pool may run one task at a time on a small machine
        ExecutorService callers = Executors.newFixedThreadPool(MAX_WAITING);
        List<Future<Api.Reply>> waiting = new ArrayList<>();
        for (int i = 0; i < MAX_WAITING; i++) {
            waiting.add(callers.submit(() -> first.get(waitCall)));
        }
        Thread.sleep(2000);
        Api.Reply refused = first.get(waitCall);
        assertProblem(503, refused);
        List<String> gauge = new Api(servers.get(0).root(), null).get("metrics").body().lines()
                .filter(line -> line.startsWith("metastore_changes_waiting")).toList();
        assertEquals(1, gauge.size(), gauge::toString);
        assertTrue(gauge.get(0).endsWith(" " + MAX_WAITING + ".0"), gauge::toString);
        assertEquals(200, second.get("changes?namespace=quiet&wait=1&since=" + cursor).status(),
                "the limit is per instance");
        assertEquals(200, first.get("changes?since=" + cursor).status(), "a call that does not wait is served");
        try {
            for (Future<Api.Reply> call : waiting) {
                Api.Reply answer = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, answer.status(), answer::toString);
                assertEquals(0, answer.json().path("items").size());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(200, first.get("changes?namespace=quiet&wait=1&since=" + cursor).status(),
                "the waiting calls ended, so another may wait");
    }

    private static List<Long> versions(Api.Reply history) {
        assertEquals(200, history.status(), history::toString);
        List<Long> versions = new ArrayList<>();
        history.json().path("items").forEach(entry -> versions.add(entry.path("version").asLong()));
        return versions;
    }
}
