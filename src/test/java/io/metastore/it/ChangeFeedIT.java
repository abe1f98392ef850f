package io.metastore.it;

import static io.metastore.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.FeedConsumer;
import io.metastore.it.support.FeedWriters;
import io.metastore.it.support.ServiceIT;
import io.metastore.it.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GET /changes on the test server: list then watch, long polls that answer when a change commits, grants and
 * parameters, and the heart of issue 16: sixteen writers (single writes, bulks, atomic bulks failing on purpose,
 * identical replays) followed by three consumers with small limits and waits, each of which sees every acknowledged
 * write exactly once, a key's versions in order, an atomic bulk's writes together and no failed write; and each key's
 * history is the sequence of acknowledged answers.
 */
class ChangeFeedIT extends ServiceIT {

    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    private String cursorOfNow(Api client) {
        Api.Reply now = client.get("changes");
        assertEquals(200, now.status(), now::toString);
        assertEquals(0, now.json().path("items").size(), now::toString);
        return now.json().path("cursor").asText();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void sixteenWritersAndThreeConsumersEachSeeEveryAcknowledgedWriteOnceInOrder() throws Exception {
        Api reader = api.as(Tokens.token("reader", ns + ":read"));
        List<FeedConsumer> consumers = List.of(FeedConsumer.start(reader, 1, 1), FeedConsumer.start(reader, 7, 2),
                FeedConsumer.start(reader, 50, 1, ns));
        FeedWriters writers = FeedWriters.start(api, ns, 16, 30, 12, false);
        List<FeedWriters.Ack> acks = writers.finish();
        assertTrue(writers.failedOnPurpose() > 0, "some atomic bulks failed on purpose");
        List<List<JsonNode>> seen = new ArrayList<>();
        for (FeedConsumer consumer : consumers) {
            seen.add(consumer.drain(CATCH_UP));
        }
        for (int c = 0; c < consumers.size(); c++) {
            FeedWriters.assertFollowed("consumer " + c, seen.get(c), acks, true);
        }
        FeedWriters.assertHistories(reader, acks);
        System.out.println("ChangeFeedIT: " + acks.size() + " acknowledged writes, " + writers.failedOnPurpose()
                + " atomic bulks failed on purpose, each seen once by 3 consumers");
    }

    @Test
    void listThenWatchAnswersWhatCommittedAfterTheCursor() {
        String key = ns + "/listed";
        assertEquals(201, api.put("records/" + key, "{\"metadata\":{\"v\":1}}").status());
        String cursor = cursorOfNow(api);
        assertEquals(1, api.post("records/search", "{\"filter\":{\"field\":\"key\",\"op\":\"eq\",\"value\":\"" + key
                + "\"}}").json().path("items").size());
        Api.Reply updated = api.put("records/" + key, "{\"metadata\":{\"v\":2}}");
        assertEquals(204, api.delete("records/" + key).status());
        assertEquals(201, api.post("records", "{\"key\":\"" + key + "\",\"metadata\":{}}").status());

        Api.Reply changes = api.get("changes?since=" + cursor);
        assertEquals(200, changes.status(), changes::toString);
        JsonNode items = changes.json().path("items");
        assertEquals(3, items.size(), changes::toString);
        assertEquals(List.of("updated", "deleted", "revived"), List.of(items.get(0).path("change").asText(),
                items.get(1).path("change").asText(), items.get(2).path("change").asText()));
        JsonNode first = items.get(0);
        assertEquals(key, first.path("key").asText());
        assertEquals(ns, first.path("namespace").asText());
        assertEquals(2, first.path("version").asLong());
        assertEquals(updated.json().path("updatedAt"), first.path("updatedAt"));
        assertEquals("svc", first.path("updatedBy").asText());

        Api.Reply nothingNew = api.get("changes?since=" + changes.json().path("cursor").asText());
        assertEquals(0, nothingNew.json().path("items").size(), nothingNew::toString);
        Api.Reply again = api.get("changes?since=" + cursor + "&limit=1");
        assertEquals(1, again.json().path("items").size(), "the same cursor reads the same changes again");
        assertEquals(first, again.json().path("items").get(0));
    }

    @Test
    void aWaitingCallAnswersAsSoonAsAChangeCommits() throws Exception {
        String cursor = cursorOfNow(api);
        long started = System.nanoTime();
        CompletableFuture<Api.Reply> waiting = CompletableFuture.supplyAsync(() -> api.get("changes?wait=30&since="
                + cursor));
        Thread.sleep(1500);
        assertTrue(!waiting.isDone(), "the call waits while nothing changes");
        assertEquals(201, api.put("records/" + ns + "/awaited", "{\"metadata\":{}}").status());
        Api.Reply answer = waiting.get(15, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(ns + "/awaited", answer.json().path("items").get(0).path("key").asText());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, () -> "answered after " + took);

        long quiet = System.nanoTime();
        Api.Reply none = api.get("changes?wait=2&since=" + answer.json().path("cursor").asText());
        Duration waited = Duration.ofNanos(System.nanoTime() - quiet);
        assertEquals(200, none.status(), none::toString);
        assertEquals(0, none.json().path("items").size(), none::toString);
        assertTrue(waited.compareTo(Duration.ofMillis(1900)) > 0 && waited.compareTo(Duration.ofSeconds(10)) < 0,
                () -> "a wait of 2 s with no change took " + waited);
    }

    @Test
    void onlyNamespacesTheCallerMayReadAndThoseNamed() {
        String other = ns + "-x";
        Api writer = api.as(Tokens.token("svc", ns + ":write", other + ":write"));
        Api reader = api.as(Tokens.token("reader", ns + ":read"));
        String readerCursor = cursorOfNow(reader);
        Api everything = api.as(Tokens.token("auditor", "*:read"));
        String auditorCursor = cursorOfNow(everything);
        assertEquals(201, writer.put("records/" + other + "/a", "{\"metadata\":{}}").status());
        assertEquals(201, writer.put("records/" + ns + "/a", "{\"metadata\":{}}").status());

        JsonNode own = reader.get("changes?since=" + readerCursor).json().path("items");
        assertEquals(1, own.size(), own::toString);
        assertEquals(ns + "/a", own.get(0).path("key").asText());
        JsonNode narrowed = everything.get("changes?namespace=" + other + "&since=" + auditorCursor).json()
                .path("items");
        assertEquals(1, narrowed.size(), narrowed::toString);
        assertEquals(other + "/a", narrowed.get(0).path("key").asText());
        JsonNode both = everything.get("changes?namespace=" + ns + "," + other + "&since=" + auditorCursor).json()
                .path("items");
        assertEquals(2, both.size(), both::toString);
        assertProblem(403, reader.get("changes?namespace=" + other + "&since=" + readerCursor));
        assertProblem(403, reader.get("changes?namespace=" + ns + "," + other));
        assertEquals(401, api.as(null).get("changes").status());
    }

    @Test
    void badParametersAnswer400NamingThem() {
        String cursor = cursorOfNow(api);
        for (String query : List.of("limit=0", "limit=1001", "limit=x", "limit=")) {
            assertEquals(List.of("limit"), badRequest("changes?since=" + cursor + "&" + query), query);
        }
        for (String query : List.of("wait=61", "wait=-1", "wait=1.5")) {
            assertEquals(List.of("wait"), badRequest("changes?since=" + cursor + "&" + query), query);
        }
        for (String query : List.of("namespace=", "namespace=Bad", "namespace=" + ns + ",,")) {
            assertEquals(List.of("namespace"), badRequest("changes?" + query), query);
        }
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        List<String> forged = List.of("abc", "e30", encode(decoded.replace("\"v\":1", "\"v\":2")),
                encode(decoded.replaceFirst("\"s\":\"[0-9]+", "\"s\":\"x")), encode("[]"),
                encode("{\"v\":1,\"s\":\"10:5:\",\"t\":1}"), encode("{\"v\":1,\"s\":\"5:10:11\",\"t\":1}"),
                encode("{\"v\":1,\"s\":\"5:10:\",\"t\":-1}"));
        for (String since : forged) {
            assertEquals(List.of("since"), badRequest("changes?since=" + since), since);
        }
    }

    private List<String> badRequest(String path) {
        Api.Reply reply = api.get(path);
        assertProblem(400, reply);
        return reply.errorPaths();
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
