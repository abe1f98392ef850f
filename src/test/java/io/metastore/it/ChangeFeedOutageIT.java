package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.ExtraServer;
import io.metastore.it.support.FeedConsumer;
import io.metastore.it.support.FeedWriters;
import io.metastore.it.support.PostgresUnderServer;
import io.metastore.it.support.PrivatePostgres;
import io.metastore.it.support.Tokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PostgreSQL stops in the middle of writes and of a consumer following the feed (as {@link PostgresStopIT}, on a
 * cluster and a server of the test's own), and starts again: afterwards the consumer has seen every acknowledged write
 * exactly once, in order, and exactly the writes the history holds (a write whose answer was lost to the outage may
 * have committed; the feed then has it once, like the history). Each key's history counts its versions without a gap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class ChangeFeedOutageIT {

    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private PostgresUnderServer cluster;

    @BeforeAll
    void startPostgresAndLiberty() throws InterruptedException {
        cluster = PostgresUnderServer.start("metastore_feed_stop", "-feedstop");
    }

    @AfterAll
    void stopLibertyAndPostgres() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "pg_ctl stop -m {0}")
    @EnumSource(PrivatePostgres.Shutdown.class)
    void nothingIsLostOrRepeatedAcrossAStoppedPostgres(PrivatePostgres.Shutdown shutdown) throws Exception {
        String ns = "feedstop-" + shutdown;
        ExtraServer server = cluster.server();
        PrivatePostgres postgres = cluster.postgres();
        Api api = new Api(server.base(), Tokens.token("svc", ns + ":write"));
        FeedConsumer consumer = FeedConsumer.start(api, 20, 1, ns);
        FeedWriters writers = FeedWriters.start(api, ns, 4, 100_000, 10, true);
        try {
            awaitAcknowledged(writers, 60);
            postgres.stop(shutdown);
            Thread.sleep(2000);
            postgres.start();
            assertTrue(server.awaitReady(RECOVERY), "ready again within " + RECOVERY);
            awaitAcknowledged(writers, writers.acknowledged() + 40);
        } finally {
            writers.stop();
            cluster.startPostgresIfStopped();
        }
        List<FeedWriters.Ack> acks = writers.finish();
        assertTrue(writers.statuses().contains(503), () -> "the writers met the outage: " + writers.statuses());
        List<JsonNode> seen = consumer.drain(Duration.ofMinutes(2));
        FeedWriters.assertFollowed("the consumer across the outage", seen, acks, false);
        List<String> stored = storedVersions(ns);
        assertEquals(stored, seen.stream().map(item -> item.path("key").asText() + "@" + item.path("version").asLong())
                .sorted().toList(), "the consumer saw exactly the writes the history holds");
        assertTrue(consumer.unavailableAnswers() > 0, "the consumer met the outage");
        System.out.println("ChangeFeedOutageIT, pg_ctl stop -m " + shutdown + ": " + acks.size()
                + " acknowledged writes, " + seen.size() + " seen once each, " + consumer.unavailableAnswers()
                + " feed calls retried");
    }

    private static void awaitAcknowledged(FeedWriters writers, int count) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (writers.acknowledged() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(writers.acknowledged() >= count, () -> writers.acknowledged() + " of " + count + " acknowledged");
    }

    /** Every history entry of the namespace as key@version, sorted; each key's versions must run 1..n. */
    private List<String> storedVersions(String ns) throws Exception {
        List<String> stored = new ArrayList<>();
        try (Connection connection = cluster.database().connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT key, version, version = row_number() OVER (PARTITION BY key ORDER BY version) "
                        + "FROM metastore.metastore_history WHERE namespace = ?")) {
            query.setString(1, ns);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1) + "@" + rows.getLong(2);
                    assertTrue(rows.getBoolean(3), () -> "a gap in the history before " + id);
                    stored.add(id);
                }
            }
        }
        return stored.stream().sorted().toList();
    }
}
