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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** POST /records/search over HTTP: the contract's shape, namespace scoping and paging under concurrent writes. */
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
        Api other = api.as(Tokens.token("other", "elsewhere:read"));
        JsonNode widened = other.post("records/search", "{\"filter\":{\"field\":\"key\",\"op\":\"starts_with\","
                + "\"value\":\"" + ns + "/\"}}").json();
        assertEquals(0, widened.path("items").size());
        JsonNode any = other.post("records/search", "{\"filter\":{\"field\":\"namespace\",\"op\":\"eq\",\"value\":\""
                + ns + "\"},\"count\":true}").json();
        assertEquals(0, any.path("total").asInt());
        JsonNode everything = api.as(Tokens.token("ops", "*:read")).post("records/search",
                "{\"filter\":{\"field\":\"namespace\",\"op\":\"eq\",\"value\":\"" + ns + "\"},\"count\":true}").json();
        assertEquals(3, everything.path("total").asInt());
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
    void paging10000RowsWithLimit97ReturnsEachRowOnceWhileWritersRun() throws Exception {
        for (int chunk = 0; chunk < 10; chunk++) {
            load(1000, chunk * 1000);
        }
        AtomicBoolean paging = new AtomicBoolean(true);
        AtomicInteger updates = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            running.add(writers.submit(() -> {
                while (paging.get() && updates.get() < 20_000) {
                    int i = ThreadLocalRandom.current().nextInt(10_000);
                    Api.Reply reply = api.patch("records/" + ns + "/item-" + String.format("%05d", i),
                            "{\"metadata\":{\"touched\":" + System.nanoTime() + "}}");
                    assertEquals(200, reply.status(), reply::toString);
                    updates.incrementAndGet();
                }
            }));
        }
        List<String> seen = new ArrayList<>();
        try {
            String filter = "{\"field\":\"key\",\"op\":\"starts_with\",\"value\":\"" + ns + "/item-\"}";
            String cursor = null;
            do {
                Api.Reply reply = search("{\"filter\":" + filter + ",\"fields\":[\"key\"],\"limit\":97"
                        + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}");
                assertEquals(200, reply.status(), reply::toString);
                reply.json().path("items").forEach(item -> seen.add(item.path("key").asText()));
                JsonNode next = reply.json().path("nextCursor");
                cursor = next.isNull() ? null : next.asText();
            } while (cursor != null);
        } finally {
            paging.set(false);
            for (Future<?> writer : running) {
                writer.get();
            }
            writers.shutdownNow();
        }
        assertTrue(updates.get() > 0, "writers ran during paging");
        assertEquals(10_000, seen.size(), "no row repeated or skipped");
        Set<String> distinct = new HashSet<>(seen);
        assertEquals(10_000, distinct.size());
    }
}
