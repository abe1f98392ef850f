package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.it.support.Api;
import io.metastore.it.support.DatabaseProxy;
import io.metastore.it.support.LibertyTestDatabase;
import io.metastore.it.support.Problems;
import io.metastore.it.support.ServiceIT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that hangs rather than refuses (a stalled network, a frozen server): readiness still answers within a
 * second, so an orchestrator's probe with a one-second timeout sees DOWN instead of timing out, and recovers by itself.
 * A 503 tells the client when to retry.
 */
class DatabaseHangIT extends ServiceIT {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final DatabaseProxy database = LibertyTestDatabase.proxy();

    @AfterEach
    void giveTheDatabaseBack() {
        database.restore();
    }

    @Test
    void readinessAnswersWithinASecondWhileTheDatabaseHangs() throws Exception {
        awaitReadiness(200);
        database.stall();
        List<Long> millis = new ArrayList<>();
        Api.Reply last = null;
        for (int probe = 0; probe < 6; probe++) {
            Instant start = Instant.now();
            last = server().get("health/ready");
            millis.add(Duration.between(start, Instant.now()).toMillis());
            Thread.sleep(300);
        }
        System.out.println("DatabaseHangIT, readiness answer times while the database hangs (ms): " + millis);
        assertTrue(millis.stream().allMatch(ms -> ms < PROBE_TIMEOUT.toMillis()), () -> "slower than 1 s: " + millis);
        assertEquals(503, last.status(), last::toString);
        assertEquals("DOWN", last.json().path("status").asText(), last::toString);

        database.restore();
        awaitReadiness(200);
    }

    @Test
    void a503SaysWhenToRetry() {
        awaitReadiness(200);
        database.cut();
        Problems.assertProblem(503, api.get("records/" + ns + "/any"));
    }

    private void awaitReadiness(int status) {
        Instant deadline = Instant.now().plusSeconds(60);
        Api.Reply reply;
        do {
            reply = server().get("health/ready");
            if (reply.status() == status) {
                return;
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("readiness never answered " + status + ": " + reply);
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
