package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** POST /records/search over HTTP: the contract's shape, namespace scoping and paging while rows change. */
class SearchIT extends ServiceIT {



    private void load(int count, int offset) {
        List<String> ops = IntStream.range(offset, offset + count).mapToObj(i -> "{\"op\":\"create\",\"key\":\"" + ns
                + "/item-" + String.format("%05d", i) + "\",\"metadata\":{\"size\":" + i + ",\"owner\":{\"team\":\""
                + (i % 2 == 0 ? "data" : "ml") + "\"}},\"tags\":[\"" + (i % 3 == 0 ? "prod" : "dev") + "\"]}").toList();
        Api.Reply reply = api.post("records/bulk", "{\"operations\":[" + String.join(",", ops) + "]}");
        assertEquals(200, reply.status(), () -> reply.body().substring(0, Math.min(400, reply.body().length())));
    }

    private Api.Reply search(String body) {
        return api.post("records/search", body);
    }

    @Test
    void compoundFilterProjectionSortCountAndPaging() {
        load(30, 0);
        String body = "{\"filter\":{\"and\":[{\"field\":\"key\",\"op\":\"starts_with\",\"value\":\"" + ns + "/\"},"
                + "{\"field\":\"metadata.size\",\"op\":\"gt\",\"value\":5},"
                + "{\"field\":\"tags\",\"op\":\"array_contains\",\"value\":[\"prod\"]},"
                + "{\"or\":[{\"field\":\"metadata.owner.team\",\"op\":\"eq\",\"value\":\"data\"},"
                + "{\"not\":{\"field\":\"metadata.owner\",\"op\":\"has_key\",\"value\":\"team\"}}]}]},"
                + "\"fields\":[\"key\",\"version\",\"metadata.size\"],"
                + "\"sort\":[{\"field\":\"metadata.size\",\"direction\":\"desc\"}],\"limit\":2,\"count\":true}";
        Api.Reply first = search(body);
        assertEquals(200, first.status(), first::toString);
        JsonNode page = first.json();
        assertEquals(4, page.path("total").asInt(), "sizes 6, 12, 18, 24: prod and team data");
        assertEquals("{\"key\":\"" + ns + "/item-00024\",\"version\":1,\"metadata\":{\"size\":24}}",
                page.path("items").get(0).toString());
        assertEquals(24, page.path("items").get(0).path("metadata").path("size").asInt());
        assertEquals(18, page.path("items").get(1).path("metadata").path("size").asInt());
        String cursor = page.path("nextCursor").asText();

        JsonNode second = search(body.replace("\"count\":true", "\"cursor\":\"" + cursor + "\"")).json();
        assertEquals(List.of(12, 6), List.of(second.path("items").get(0).path("metadata").path("size").asInt(),
                second.path("items").get(1).path("metadata").path("size").asInt()));
        assertTrue(second.path("nextCursor").isNull(), "null exactly when nothing more matches, even on a full page");
        assertFalse(second.has("total"), "total only when asked");
    }

    @Test
    void searchSeesOnlyReadableNamespaces() {
        load(3, 0);
        String byKeyPrefix = "{\"filter\":{\"field\":\"key\",\"op\":\"starts_with\",\"value\":\"" + ns + "/\"},"
                + "\"count\":true}";
        String byNamespace = "{\"filter\":{\"field\":\"namespace\",\"op\":\"eq\",\"value\":\"" + ns + "\"},"
                + "\"count\":true}";
        Api other = api.as(Tokens.token("other", "elsewhere:read"));
        Api nobody = api.as(Tokens.token("nobody"));
        for (Api outsider : List.of(other, nobody)) {
            for (String body : List.of(byKeyPrefix, byNamespace)) {
                JsonNode page = answered(outsider.post("records/search", body));
                assertEquals(0, page.path("items").size(), body);
                assertEquals(0, page.path("total").asInt(), body);
            }
        }
        Api reader = api.as(Tokens.token("reader", ns + ":read"));
        Api everyone = api.as(Tokens.token("ops", "*:read"));
        for (Api insider : List.of(api, reader, everyone)) {
            for (String body : List.of(byKeyPrefix, byNamespace)) {
                JsonNode page = answered(insider.post("records/search", body));
                assertEquals(3, page.path("items").size(), body);
                assertEquals(3, page.path("total").asInt(), body);
            }
        }
    }

    /** A search answered 200: a refusal (403, 500) also holds no items, so the status is what proves scoping. */
    private static JsonNode answered(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    @Test
    void deletedRecordsOnlyWhenAsked() {
        load(2, 0);
        assertEquals(204, api.delete("records/" + ns + "/item-00000").status());
        String filter = "{\"field\":\"namespace\",\"op\":\"eq\",\"value\":\"" + ns + "\"}";
        assertEquals(1, search("{\"filter\":" + filter + ",\"count\":true}").json().path("total").asInt());
        JsonNode all = search("{\"filter\":" + filter + ",\"includeDeleted\":true}").json();
        assertEquals(2, all.path("items").size());
        assertFalse(all.path("items").get(0).path("deletedAt").isNull());
    }

    @Test
    void invalidSearchesAnswer400NamingThePath() {
        assertEquals(List.of("filter.and[1].op"), assertProblem(400, search("{\"filter\":{\"and\":[{\"field\":\"key\","
                + "\"op\":\"eq\",\"value\":\"a/b\"},{\"field\":\"key\",\"op\":\"like\",\"value\":\"x\"}]}}")).path("errors")
                .findValuesAsText("path"));
        assertProblem(400, search("{\"filter\":{\"field\":\"metadata.a; DROP TABLE x\",\"op\":\"eq\",\"value\":1}}"));
        assertProblem(400, search("{\"limit\":0}"));
        assertProblem(400, search("{\"limit\":1001}"));
        assertProblem(400, search("{\"unknown\":true}"));
        assertProblem(400, search("{\"filter\":{\"field\":\"metadata.size\",\"op\":\"between\",\"value\":[1]}}"));
        String deep = "{\"not\":".repeat(40) + "{\"field\":\"key\",\"op\":\"exists\"}" + "}".repeat(40);
        assertProblem(400, search("{\"filter\":" + deep + "}"));
    }

    /** 331 metadata sort keys once answered 500 (SQLSTATE 54011: PostgreSQL's 1,664 target list entries). */
    @Test
    void sortKeysAndProjectedFieldsAreBounded() {
        String manyKeys = IntStream.range(0, 331).mapToObj(i -> "{\"field\":\"metadata.m" + i + "\"}")
                .collect(Collectors.joining(","));
        assertEquals(List.of("sort[8]"), assertProblem(400, search("{\"sort\":[" + manyKeys + "]}")).path("errors")
                .findValuesAsText("path"));
        assertEquals(List.of("sort[1].field"), assertProblem(400, search("{\"sort\":[{\"field\":\"owner\"},"
                + "{\"field\":\"owner\",\"direction\":\"desc\"}]}")).path("errors").findValuesAsText("path"));
        String eightKeys = IntStream.range(0, 8).mapToObj(i -> "{\"field\":\"metadata.m" + i + "\"}")
                .collect(Collectors.joining(","));
        assertEquals(200, search("{\"sort\":[" + eightKeys + "]}").status());
        String fields = IntStream.range(0, 257).mapToObj(i -> "\"metadata.f" + i + "\"").collect(Collectors.joining(","));
        assertEquals(List.of("fields[256]"), assertProblem(400, search("{\"fields\":[" + fields + "]}"))
                .path("errors").findValuesAsText("path"));
    }

    @Test
    void cursorReusedWithAnotherFilterAnswers400() {
        load(5, 0);
        String cursor = search("{\"filter\":{\"field\":\"namespace\",\"op\":\"eq\",\"value\":\"" + ns + "\"},\"limit\":2}")
                .json().path("nextCursor").asText();
        assertProblem(400, search("{\"filter\":{\"field\":\"owner\",\"op\":\"exists\"},\"limit\":2,\"cursor\":\""
                + cursor + "\"}"));
        assertProblem(400, search("{\"filter\":{\"field\":\"namespace\",\"op\":\"eq\",\"value\":\"" + ns + "\"},"
                + "\"sort\":[{\"field\":\"version\"}],\"limit\":2,\"cursor\":\"" + cursor + "\"}"));
        assertProblem(400, search("{\"cursor\":\"not-a-cursor\"}"));
    }

    @Test
    void pagingInKeyOrderReturnsEveryRowOnceWhileRowsAreInsertedAndDeletedAheadAndBehind() {
        new PagingUnderWrites(Order.KEY).run();
    }

    @Test
    void pagingInMetadataOrderAlsoSurvivesSortValuesMovingAcrossTheCursor() {
        new PagingUnderWrites(Order.SIZE).run();
    }

    /** The two kinds of order a search pages through: the key itself, or a metadata value that writes can change. */
    private enum Order {
        KEY("[{\"field\":\"key\"}]"),
        SIZE("[{\"field\":\"metadata.size\"}]");

        final String sort;

        Order(String sort) {
            this.sort = sort;
        }
    }

    /**
     * Pages through 3,000 rows, 97 at a time, and between every two pages inserts or deletes a row behind the cursor
     * or ahead of it or (in metadata order) moves a sort value across it, so paging by offset would repeat and skip
     * rows. Keyset paging must return the rows in strictly increasing order, and exactly: every row that stayed put
     * once, a row inserted or moved ahead once more, a row deleted or moved behind before the cursor reached it never.
     */
    private final class PagingUnderWrites {
        private static final int ROWS = 3_000;
        private static final int LIMIT = 97;
        private static final int MAX_INITIAL_SIZE = 999;

        private final Order order;
        private final Map<String, Integer> size = new HashMap<>();
        private final Map<String, Integer> expectedSightings = new HashMap<>();
        private final List<String> deletable = new ArrayList<>();
        private final List<String> movable = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private final List<String> sightings = new ArrayList<>();
        private final Random random = new Random(97);
        private int appended;
        private String lastKey;
        private int lastSize;

        PagingUnderWrites(Order order) {
            this.order = order;
        }

        void run() {
            createRows();
            String cursor = null;
            int gap = 0;
            do {
                Api.Reply reply = search("{\"filter\":{\"field\":\"key\",\"op\":\"starts_with\",\"value\":\"" + ns
                        + "/\"},\"sort\":" + order.sort + ",\"fields\":[\"key\",\"metadata.size\"],\"limit\":" + LIMIT
                        + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}");
                assertEquals(200, reply.status(), reply::toString);
                for (JsonNode item : reply.json().path("items")) {
                    String key = item.path("key").asText();
                    assertEquals(size.get(key), item.path("metadata").path("size").asInt(), key);
                    assertTrue(lastKey == null || isAfterLast(key), () -> key + " after " + lastKey);
                    sightings.add(key);
                    seen.add(key);
                    lastKey = key;
                    lastSize = size.get(key);
                }
                JsonNode next = reply.json().path("nextCursor");
                cursor = next.isNull() ? null : next.asText();
                if (cursor != null) {
                    writeAroundTheCursor(gap++);
                }
            } while (cursor != null);
            Map<String, Integer> counted = new HashMap<>();
            sightings.forEach(key -> counted.merge(key, 1, Integer::sum));
            expectedSightings.values().removeIf(times -> times == 0);
            assertEquals(new TreeMap<>(expectedSightings), new TreeMap<>(counted));
        }

        private void createRows() {
            List<String> ops = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                String key = ns + "/item-" + String.format("%05d", i);
                // sizes repeat (three rows per value), so ties are broken by key
                int value = 1 + (i * 7919) % MAX_INITIAL_SIZE;
                size.put(key, value);
                expectedSightings.put(key, 1);
                if (i % 4 == 0) {
                    deletable.add(key);
                } else if (i % 4 == 1 && order == Order.SIZE) {
                    movable.add(key);
                }
                ops.add("{\"op\":\"create\",\"key\":\"" + key + "\",\"metadata\":{\"size\":" + value + "}}");
                if (ops.size() == 1000) {
                    Api.Reply reply = api.post("records/bulk", "{\"operations\":[" + String.join(",", ops) + "]}");
                    assertEquals(200, reply.status(), () -> reply.body().substring(0, 400));
                    ops.clear();
                }
            }
        }

        /**
         * One write per gap between pages, in turn: an insert, a delete or (in metadata order) a move, behind the cursor
         * (already paged past) or ahead of it (still to come). One at a time, so no gap's writes cancel out for an
         * offset: after a row is inserted behind, the next page by offset would repeat a row; after a delete, skip one.
         */
        private void writeAroundTheCursor(int gap) {
            List<Runnable> writes = new ArrayList<>(List.of(
                    () -> insert(behind(), 0),
                    () -> pick(deletable, true).ifPresent(key -> delete(key, 1)),
                    () -> insert(ahead(), 1),
                    () -> pick(deletable, false).ifPresent(key -> delete(key, 0))));
            if (order == Order.SIZE) {
                // a moved row counts once for where it was, if already seen, and once more if it moved ahead
                writes.add(() -> pick(movable, true).ifPresent(key -> move(key, MAX_INITIAL_SIZE + fresh(), 2)));
                writes.add(() -> pick(movable, false).ifPresent(key -> move(key, 0, 0)));
            }
            writes.get(gap % writes.size()).run();
        }

        /** A new key and size sorting before the cursor row (every initial size is at least 1). */
        private String behind() {
            String key = ns + (order == Order.KEY ? "/item-00000-behind-" : "/new-behind-") + fresh();
            size.put(key, 0);
            return key;
        }

        /** A new key and size sorting after every row so far. */
        private String ahead() {
            int number = fresh();
            String key = ns + (order == Order.KEY ? "/item-99999-ahead-" : "/new-ahead-") + String.format("%05d", number);
            size.put(key, MAX_INITIAL_SIZE + number);
            return key;
        }

        /** A number not used before, growing, so that what it names sorts after everything named before. */
        private int fresh() {
            return ++appended;
        }

        private void insert(String key, int sightingsExpected) {
            Api.Reply reply = api.put("records/" + key, "{\"metadata\":{\"size\":" + size.get(key) + "}}");
            assertEquals(201, reply.status(), reply::toString);
            expectedSightings.put(key, sightingsExpected);
        }

        private void delete(String key, int sightingsExpected) {
            assertEquals(204, api.delete("records/" + key).status(), key);
            expectedSightings.put(key, sightingsExpected);
        }

        private void move(String key, int newSize, int sightingsExpected) {
            Api.Reply reply = api.patch("records/" + key, "{\"metadata\":{\"size\":" + newSize + "}}");
            assertEquals(200, reply.status(), reply::toString);
            size.put(key, newSize);
            expectedSightings.put(key, sightingsExpected);
        }

        /** Takes a random key of the pool that the paging has already passed, or one it has yet to reach. */
        private Optional<String> pick(List<String> pool, boolean passed) {
            List<String> candidates = pool.stream().filter(key -> seen.contains(key) == passed).toList();
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            String key = candidates.get(random.nextInt(candidates.size()));
            pool.remove(key);
            return Optional.of(key);
        }

        /**
         * In the search's order (by key, or by size then key), the row comes after the last row returned, as it was
         * then. Keys of this test are ASCII, so String order is code point order.
         */
        private boolean isAfterLast(String key) {
            int bySize = order == Order.SIZE ? Integer.compare(size.get(key), lastSize) : 0;
            return bySize != 0 ? bySize > 0 : key.compareTo(lastKey) > 0;
        }
    }
}
