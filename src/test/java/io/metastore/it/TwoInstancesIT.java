package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.ExtraServer;
import io.metastore.it.support.Migrations;
import io.metastore.it.support.TestDatabase;
import io.metastore.it.support.Tokens;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two Metastore instances (two Liberty servers on their own ports) started together on one fresh database: the
 * schema is migrated exactly once, and concurrent unconditional writes through both servers to the same keys each
 * add exactly one version. Not an Arquillian test: Arquillian manages one server, so this test starts its own two.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class TwoInstancesIT {

    private static final int THREADS_PER_SERVER = 8;
    private static final int WRITES_PER_THREAD = 25;
    private static final int KEYS = 5;
    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final Pattern APPLIED = Pattern.compile("\\((\\d+) migrations applied now\\)");

    @Test
    void twoServersOnOneDatabaseMigrateOnceAndCountEveryWriteOnce() throws Exception {
        TestDatabase database = TestDatabase.create("metastore_two");
        String prefix = System.getProperty("metastore.test.server.name", "metastore-it");
        List<ExtraServer> servers = List.of(ExtraServer.create(prefix + "-a", database),
                ExtraServer.create(prefix + "-b", database));
        try {
            // started together, so both run their startup migration against the same empty database at once
            CompletableFuture.allOf(servers.stream().map(s -> CompletableFuture.runAsync(s::start))
                    .toArray(CompletableFuture[]::new)).join();
            for (ExtraServer server : servers) {
                assertTrue(server.awaitReady(STARTUP), () -> server.base() + " not ready within " + STARTUP);
            }
            assertMigratedOnce(database, servers);
            assertEveryWriteCountedOnce(database, servers);
        } finally {
            CompletableFuture.allOf(servers.stream().map(s -> CompletableFuture.runAsync(s::close))
                    .toArray(CompletableFuture[]::new)).join();
            database.drop();
        }
    }

    private static void assertMigratedOnce(TestDatabase database, List<ExtraServer> servers) throws Exception {
        List<String> expected = Migrations.successfulHistory();
        assertEquals(expected, query(database, "SELECT version || ' ' || success FROM metastore.flyway_schema_history"
                + " WHERE version IS NOT NULL ORDER BY installed_rank"), "one successful row per migration");
        int applied = 0;
        for (ExtraServer server : servers) {
            List<String> lines = server.logLines(Migrations.APPLIED_LOG_TEXT);
            assertEquals(1, lines.size(), () -> server.base() + " logged its migration once: " + lines);
            String latest = expected.get(expected.size() - 1).split(" ")[0];
            assertTrue(lines.get(0).contains("is at version " + latest + " "), lines.get(0));
            Matcher count = APPLIED.matcher(lines.get(0));
            assertTrue(count.find(), lines.get(0));
            applied += Integer.parseInt(count.group(1));
        }
        assertEquals(expected.size(), applied, "one server applied the migrations, the other found them applied");
    }

    private static void assertEveryWriteCountedOnce(TestDatabase database, List<ExtraServer> servers) throws Exception {
        String ns = "two";
        String token = Tokens.token("svc", ns + ":write");
        List<String> keys = new ArrayList<>();
        Api first = new Api(servers.get(0).base(), token);
        for (int k = 0; k < KEYS; k++) {
            keys.add(ns + "/shared-" + k);
            assertEquals(201, first.put("records/" + keys.get(k), "{\"metadata\":{\"n\":0}}").status());
        }
        Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
        keys.forEach(key -> acknowledged.put(key, new LongAdder()));
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        ExecutorService writers = Executors.newFixedThreadPool(THREADS_PER_SERVER * servers.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < servers.size(); s++) {
                Api api = new Api(servers.get(s).base(), token);
                for (int t = 0; t < THREADS_PER_SERVER; t++) {
                    Random random = new Random(s * 100L + t);
                    String writer = "s" + s + "t" + t;
                    running.add(writers.submit(() -> {
                        for (int i = 0; i < WRITES_PER_THREAD; i++) {
                            String key = keys.get(random.nextInt(KEYS));
                            Api.Reply reply = api.put("records/" + key,
                                    "{\"metadata\":{\"writer\":\"" + writer + "\",\"i\":" + i + "}}");
                            statuses.computeIfAbsent(reply.status(), c -> new LongAdder()).increment();
                            if (reply.status() == 200) {
                                acknowledged.get(key).increment();
                            }
                        }
                    }));
                }
            }
            for (Future<?> writer : running) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }
        Map<Integer, Long> seen = new TreeMap<>();
        statuses.forEach((status, count) -> seen.put(status, count.sum()));
        assertEquals(Map.of(200, (long) THREADS_PER_SERVER * servers.size() * WRITES_PER_THREAD), seen,
                "every unconditional write through either server succeeded");
        Map<String, String> expected = new TreeMap<>();
        acknowledged.forEach((key, count) -> expected.put(key, String.valueOf(1 + count.sum())));
        Map<String, String> stored = new TreeMap<>();
        for (String row : query(database, "SELECT key || ' ' || version FROM metastore.metastore_records")) {
            stored.put(row.substring(0, row.indexOf(' ')), row.substring(row.indexOf(' ') + 1));
        }
        assertEquals(expected, stored, "version == 1 + acknowledged writes, for each key");
    }

    private static List<String> query(TestDatabase database, String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
