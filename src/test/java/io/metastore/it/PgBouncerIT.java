package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.ExtraServer;
import io.metastore.it.support.PgBouncer;
import io.metastore.it.support.TestDatabase;
import io.metastore.it.support.Tokens;
import io.metastore.it.support.Xml;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Metastore behind a real PgBouncer in transaction mode, as shared PostgreSQL instances are usually run: the service's
 * connections (METASTORE_DB_URL with {@code prepareThreshold=0}, docs/operations.md) share a pool of two server
 * connections, so consecutive transactions of one Liberty connection run on different PostgreSQL sessions; the
 * schema migration goes directly to PostgreSQL (METASTORE_DB_MIGRATION_URL). Concurrent writers run CRUD with
 * preconditions, search and atomic bulks through it, and every answer is the one a direct connection gives.
 * Not an Arquillian test: the server is one this test starts, pointed at PgBouncer.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class PgBouncerIT {

    private static final int SERVER_CONNECTIONS = 2;
    private static final int THREADS = 8;
    private static final int ROUNDS = 12;
    private static final Duration STARTUP = Duration.ofMinutes(4);

    @Test
    void crudSearchAndBulkThroughTransactionPooling() throws Exception {
        TestDatabase database = TestDatabase.create("metastore_bouncer");
        String prefix = System.getProperty("metastore.test.server.name", "metastore-it");
        try (PgBouncer bouncer = PgBouncer.start(database, SERVER_CONNECTIONS);
             ExtraServer server = ExtraServer.create(prefix + "-bouncer", database,
                     database.urlVia("127.0.0.1", bouncer.port()) + "&prepareThreshold=0")) {
            server.configure("pgbouncer-migration.xml", """
                    <server>
                      <variable name="METASTORE_DB_MIGRATION_URL" value="%s"/>
                    </server>
                    """.formatted(Xml.attribute(database.url())));
            server.start();
            assertTrue(server.awaitReady(STARTUP), () -> server.base() + " not ready within " + STARTUP);

            String ns = "bouncer";
            Api api = new Api(server.base(), Tokens.token("svc", ns + ":write"));
            Api.Reply now = api.get("changes?namespace=" + ns);
            assertEquals(200, now.status(), now::toString);
            Queue<String> unexpected = new ConcurrentLinkedQueue<>();
            ExecutorService writers = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String writer = ns + "/t" + t;
                    running.add(writers.submit(() -> {
                        for (int round = 0; round < ROUNDS; round++) {
                            exercise(api, writer, round, unexpected);
                        }
                    }));
                }
                for (Future<?> writer : running) {
                    writer.get();
                }
            } finally {
                writers.shutdownNow();
            }
            assertTrue(unexpected.isEmpty(), () -> unexpected.size() + " unexpected answers, e.g. " + unexpected.peek());

            Api.Reply all = api.post("records/search", "{\"filter\":{\"field\":\"namespace\",\"op\":\"eq\",\"value\":\""
                    + ns + "\"},\"count\":true,\"limit\":1}");
            assertEquals(THREADS * ROUNDS, all.json().path("total").asInt(), all::toString);

            // the change feed through transaction pooling: every write once (six per round: create, replace, patch,
            // and the bulk's create, patch and delete), then a wait with nothing new, which the poller answers
            String cursor = now.json().path("cursor").asText();
            int changes = 0;
            for (int read = -1; read != 0; ) {
                Api.Reply feed = api.get("changes?namespace=" + ns + "&limit=1000&since=" + cursor);
                assertEquals(200, feed.status(), feed::toString);
                read = feed.json().path("items").size();
                changes += read;
                cursor = feed.json().path("cursor").asText();
            }
            assertEquals(THREADS * ROUNDS * 6, changes);
            Api.Reply waited = api.get("changes?namespace=" + ns + "&wait=1&since=" + cursor);
            assertEquals(200, waited.status(), waited::toString);
            assertEquals(0, waited.json().path("items").size(), waited::toString);

            Map<String, String> stats = bouncer.show("STATS", database.name());
            assertTrue(Long.parseLong(stats.get("total_xact_count")) >= (long) THREADS * ROUNDS * 7,
                    () -> "the calls did not go through PgBouncer: " + stats);
            Map<String, String> pools = bouncer.show("POOLS", database.name());
            assertTrue(Integer.parseInt(pools.get("cl_active")) + Integer.parseInt(pools.get("cl_waiting"))
                    > SERVER_CONNECTIONS, () -> "Liberty's connections were not multiplexed: " + pools);
        } finally {
            database.drop();
        }
    }

    /** One round of a writer: every call a client makes, each answered as without PgBouncer, and its key's history. */
    private static void exercise(Api api, String writer, int round, Queue<String> unexpected) {
        String key = writer + "-" + round;
        expect(201, api.post("records", "{\"key\":\"" + key + "\",\"metadata\":{\"round\":" + round + "}}"),
                "create " + key, unexpected);
        expect(200, api.get("records/" + key), "read " + key, unexpected);
        expect(200, api.put("records/" + key, "{\"metadata\":{\"round\":" + round + ",\"replaced\":true}}",
                "If-Match", "\"1\""), "replace " + key, unexpected);
        expect(200, api.patch("records/" + key, "{\"tags\":[\"patched\"]}", "If-Match", "\"2\""),
                "patch " + key, unexpected);
        Api.Reply page = api.post("records/search", "{\"filter\":{\"and\":[{\"field\":\"key\",\"op\":\"starts_with\","
                + "\"value\":\"" + writer + "-\"},{\"field\":\"tags\",\"op\":\"array_contains\",\"value\":[\"patched\"]}]},"
                + "\"fields\":[\"key\"],\"limit\":1000}");
        expect(200, page, "search " + writer, unexpected);
        if (page.status() == 200 && page.json().path("items").size() != round + 1) {
            unexpected.add("search " + writer + " found " + page.json().path("items").size() + " instead of "
                    + (round + 1));
        }
        Api.Reply bulk = api.post("records/bulk", "{\"operations\":[{\"op\":\"create\",\"key\":\"" + key + "-b\"},"
                + "{\"op\":\"patch\",\"key\":\"" + key + "\",\"metadata\":{\"bulk\":true},\"version\":3},"
                + "{\"op\":\"delete\",\"key\":\"" + key + "-b\"}]}");
        expect(200, bulk, "bulk " + key, unexpected);
        expect(412, api.delete("records/" + key, "If-Match", "\"3\""), "stale delete " + key, unexpected);
        Api.Reply history = api.get("history/" + key);
        expect(200, history, "history of " + key, unexpected);
        if (history.status() == 200 && history.json().path("items").size() != 4) {
            unexpected.add("history of " + key + " holds " + history.json().path("items").size() + " versions, not 4");
        }
    }

    private static void expect(int status, Api.Reply reply, String call, Queue<String> unexpected) {
        if (reply.status() != status) {
            unexpected.add(call + " answered " + reply + " instead of " + status);
        }
    }
}
