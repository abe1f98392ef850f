package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.metastore.it.support.Api;
import io.metastore.it.support.ServiceIT;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent writers never lose an update: of N holding one expected version exactly one wins. */
class ConcurrencyIT extends ServiceIT {

    private static final int WRITERS = 16;



    String key;

    @BeforeEach
    void setUp() {
        key = ns + "/hot";
        assertEquals(201, api.put("records/" + key, "{\"metadata\":{\"n\":0}}").status());
    }

    @Test
    void sixteenPutsWithSameIfMatchExactlyOneWins() throws Exception {
        Map<Integer, Long> statuses = race(i -> api.put("records/" + key, "{\"metadata\":{\"writer\":" + i + "}}",
                "If-Match", "\"1\""));
        assertEquals(Map.of(200, 1L, 412, (long) WRITERS - 1), statuses);
        assertEquals(2, version());
    }

    @Test
    void sixteenPutsWithSameBodyVersionExactlyOneWins() throws Exception {
        Map<Integer, Long> statuses = race(i -> api.put("records/" + key,
                "{\"metadata\":{\"writer\":" + i + "},\"version\":1}"));
        assertEquals(Map.of(200, 1L, 409, (long) WRITERS - 1), statuses);
        assertEquals(2, version());
    }

    @Test
    void sixteenUnconditionalPutsAddSixteenVersions() throws Exception {
        Map<Integer, Long> statuses = race(i -> api.put("records/" + key, "{\"metadata\":{\"writer\":" + i + "}}"));
        assertEquals(Map.of(200, (long) WRITERS), statuses);
        assertEquals(1 + WRITERS, version());
    }

    @Test
    void sixteenConcurrentCreatesOfOneNewKeyCreateItOnce() throws Exception {
        String fresh = key + "-fresh";
        Map<Integer, Long> statuses = race(i -> api.post("records",
                "{\"key\":\"" + fresh + "\",\"metadata\":{\"same\":true}}"));
        assertEquals(Map.of(201, 1L, 200, (long) WRITERS - 1), statuses);
        assertEquals(1, api.get("records/" + fresh).json().path("version").asLong());
    }

    private long version() {
        return api.get("records/" + key).json().path("version").asLong();
    }

    /** Starts all writers at once and counts the statuses they got. */
    private static Map<Integer, Long> race(Function<Integer, Api.Reply> write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CyclicBarrier start = new CyclicBarrier(WRITERS);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                Callable<Api.Reply> call = () -> {
                    start.await();
                    return write.apply(writer);
                };
                replies.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                statuses.add(reply.get().status());
            }
            return statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }
}
