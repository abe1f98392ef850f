package io.metastore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.it.support.Api;
import io.metastore.it.support.Tokens;
import io.metastore.platform.Json;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.search.RandomSearches;
import io.metastore.search.SearchOracle;
import io.metastore.search.control.query.SearchRequestParser;
import io.metastore.search.control.sql.SearchCompiler;
import io.metastore.security.NamespaceGrants;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.statistics.Statistics;

/**
 * Records of {@link RandomSearches}' kind written through the HTTP API into three fresh namespaces, and searches over
 * them through {@code POST /records/search}, every page to the end, compared with what {@link SearchOracle} computes
 * over the records as the API returned them: one try of the search property of {@link ContractProperties}.
 * <p>
 * The records are created by one atomic bulk (so they share createdAt and updatedAt, and ties are broken by key),
 * some are then replaced by PUT as other principals, some soft-deleted. The oracle's input is the listing a caller
 * with {@code *:read} gets, checked first against every write's answer. Each request is a {@link RandomSearches}
 * request kept inside the three namespaces (by a key prefix, which bounds the index walk, or by a namespace
 * {@code in}, which does not), with a projection now and then and a limit that pages through its matches in a few
 * pages, sent by callers of every grant shape.
 */
final class WrittenCorpus {

    /** Searches per corpus, each sent by every caller of {@link #callers()}. */
    private static final int REQUESTS = 5;
    /** A request's limit pages through its matches (for {@code *:read}) in about this many pages. */
    private static final int PAGES = 4;
    private static final JsonNodeFactory JSON = Json.MAPPER.getNodeFactory();

    /** Statistics of the pages of searches the index walk serves, by the branch that answered them. */
    static final String WALKED_PAGES = "pages of walked searches";
    static final String FROM_THE_WALK = "more to come: the walk";
    static final String FROM_THE_FALLBACK = "the last: the fallback";
    /** Statistics of the searches (one request by one caller) by how many pages their matches filled. */
    static final String SEARCHES = "searches by pages";
    static final String SEVERAL_PAGES = "several pages";

    private final Api server;
    private final String base;
    private final List<String> namespaces;
    private final Random choices;
    private final RandomSearches generator;
    /** Each record as the listing answered it, by key, in key order. */
    private final Map<String, JsonNode> listed = new LinkedHashMap<>();

    private WrittenCorpus(URL server, long seed) {
        this.server = new Api(server, null);
        this.base = ContractProperties.PREFIX + UUID.randomUUID().toString().substring(0, 8);
        this.namespaces = List.of(base + "-a", base + "-b", base + "-c");
        this.choices = new Random(seed);
        this.generator = RandomSearches.over(choices.nextLong(), List.of());
    }

    /** Writes a corpus drawn from {@code seed} and checks that the listing tells what the writes answered. */
    static WrittenCorpus write(URL server, long seed) {
        WrittenCorpus corpus = new WrittenCorpus(server, seed);
        corpus.write();
        return corpus;
    }

    // ---- writing ----

    /** What a key's writes left it: the content of the last write, how many writes, who wrote last, deleted or not. */
    private record Written(JsonNode content, int writes, String updatedBy, JsonNode putAnswer, boolean deleted) {
    }

    private void write() {
        Map<String, Written> written = new LinkedHashMap<>();
        String creator = generator.principal();
        ArrayNode operations = JSON.arrayNode();
        for (int i = 6 + choices.nextInt(19); i > 0; i--) {
            String key = namespaces.get(choices.nextInt(namespaces.size())) + "/" + generator.name(i);
            ObjectNode content = generator.content();
            operations.addObject().put("op", "upsert").put("key", key).setAll(content);
            written.put(key, new Written(asStored(content), 1, creator, null, false));
        }
        ObjectNode atomicBulk = JSON.objectNode().put("atomic", true);
        atomicBulk.set("operations", operations);
        Api.Reply bulk = writer(creator).post("records/bulk", Json.write(atomicBulk));
        assertEquals(200, bulk.status(), bulk::toString);
        for (JsonNode result : bulk.json().path("results")) {
            assertEquals(201, result.path("status").asInt(), bulk::toString);
        }
        for (String key : written.keySet()) {
            for (int replacements = List.of(0, 0, 1, 2).get(choices.nextInt(4)); replacements > 0; replacements--) {
                String principal = generator.principal();
                ObjectNode content = generator.content();
                Api.Reply put = writer(principal).put(ContractProperties.path(key), Json.write(content));
                assertEquals(200, put.status(), () -> "PUT " + key + ": " + put);
                Written before = written.get(key);
                written.put(key, new Written(asStored(content), before.writes() + 1, principal, put.json(), false));
            }
            if (choices.nextInt(6) == 0) {
                String principal = generator.principal();
                Api.Reply delete = writer(principal).delete(ContractProperties.path(key));
                assertEquals(204, delete.status(), () -> "DELETE " + key + ": " + delete);
                Written before = written.get(key);
                written.put(key, new Written(before.content(), before.writes() + 1, principal, null, true));
            }
        }
        list();
        assertEquals(written.keySet().stream().sorted(SearchOracle::codePointCompare).toList(),
                List.copyOf(listed.keySet()), "the listing's keys");
        written.forEach((key, write) -> assertListed(key, write, creator));
    }

    private Api writer(String principal) {
        return server.as(Tokens.token(principal, namespaces.stream().map(ns -> ns + ":write").toArray(String[]::new)));
    }

    /** The content as the service stores and answers it: written and read by the service's own JSON mapper. */
    private static JsonNode asStored(ObjectNode content) {
        ObjectNode stored = content.deepCopy();
        stored.putIfAbsent("owner", JSON.nullNode());
        try {
            return Json.MAPPER.readTree(Json.write(stored));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of the three namespaces, deleted ones included, as a caller with {@code *:read} lists them. */
    private void list() {
        Api.Reply listing = server.as(Tokens.token("lister", "*:read")).post("records/search",
                "{\"filter\":" + Json.write(keyPrefix()) + ",\"includeDeleted\":true,\"limit\":1000}");
        assertEquals(200, listing.status(), listing::toString);
        assertTrue(listing.json().path("nextCursor").isNull(), () -> "more than one page: " + listing);
        listing.json().path("items").forEach(item -> listed.put(item.path("key").textValue(), item));
    }

    private void assertListed(String key, Written write, String creator) {
        JsonNode item = listed.get(key);
        for (String member : List.of("metadata", "tags", "owner")) {
            assertEquals(write.content().get(member), item.get(member), () -> member + " of " + item);
        }
        assertEquals(write.writes(), item.path("version").asInt(), () -> "version of " + item);
        assertEquals(creator, item.path("createdBy").asText(), () -> "createdBy of " + item);
        assertEquals(write.updatedBy(), item.path("updatedBy").asText(), () -> "updatedBy of " + item);
        assertEquals(write.deleted(), !item.path("deletedAt").isNull(), () -> "deletedAt of " + item);
        if (write.putAnswer() != null && !write.deleted()) {
            assertEquals(write.putAnswer(), item, "the listing differs from the last PUT's answer");
        }
    }

    // ---- searching ----

    /** The groups of a caller's token, and what shape of grant they make. */
    record Grants(String shape, Set<String> groups) {
    }

    /**
     * One namespace, several (one of them empty), write grants only (which imply read), an admin grant (which implies
     * write), every namespace by
     * {@code *:write} and by {@code *:read}, and no grant at all, which reads nothing: an empty answer.
     */
    private List<Grants> callers() {
        return List.of(
                new Grants("one namespace", Set.of(namespaces.get(0) + ":read")),
                new Grants("several namespaces", Set.of(namespaces.get(0) + ":read", namespaces.get(2) + ":read",
                        base + "-empty:read")),
                new Grants("write grants only", Set.of(namespaces.get(1) + ":write", namespaces.get(2) + ":write")),
                new Grants("an admin grant only", Set.of(namespaces.get(2) + ":admin")),
                new Grants("every namespace by *:write", Set.of("*:write")),
                new Grants("every namespace", Set.of("*:read")),
                new Grants("no grant", Set.of("metastore-users")));
    }

    /** Generated searches, each by every caller, agree with the oracle page by page. */
    void searchesAgreeWithTheOracle() {
        List<RecordSnapshot> records = listed.values().stream().map(SearchOracle::record).toList();
        RandomSearches requests = RandomSearches.over(choices.nextLong(), records);
        for (int i = 0; i < REQUESTS; i++) {
            ObjectNode request = inTheseNamespaces(requests.request());
            if (choices.nextBoolean()) {
                request.set("fields", requests.fields());
            }
            int matches = SearchOracle.search(records, request, Set.of("*:read")).size();
            request.put("limit", Math.max(1 + choices.nextInt(3), (matches + PAGES - 1) / PAGES));
            for (Grants caller : callers()) {
                assertPagesAgree(request, caller, records);
            }
        }
    }

    /** The request's filter, and a condition that keeps it inside the three namespaces (other tests write too). */
    private ObjectNode inTheseNamespaces(ObjectNode request) {
        ArrayNode both = JSON.arrayNode();
        if (choices.nextBoolean()) {
            both.add(keyPrefix());
        } else {
            namespaces.forEach(both.addObject().put("field", "namespace").put("op", "in").putArray("value")::add);
        }
        if (request.has("filter")) {
            both.add(request.get("filter"));
        }
        request.set("filter", JSON.objectNode().set("and", both));
        return request;
    }

    private ObjectNode keyPrefix() {
        return JSON.objectNode().put("field", "key").put("op", "starts_with").put("value", base);
    }

    /**
     * Pages through {@code request} as {@code caller}, following every cursor to the end, and compares each page's
     * items (order and content), its nextCursor and its total with the oracle's. Counts the pages of searches the
     * index walk serves by the branch that answers them: the last page comes from the fallback, since the walk found
     * no row beyond it; a page with more to come from the walk, unless more than BoundedIndexWalk.WALK_BUDGET rows of
     * other tests precede its matches in the walked range (either branch gives the exact page, so that only mislabels
     * it; ContractPropertiesIT alone leaves a few thousand rows).
     */
    private void assertPagesAgree(ObjectNode request, Grants caller, List<RecordSnapshot> records) {
        List<RecordSnapshot> expected = SearchOracle.search(records, request, caller.groups());
        int limit = request.get("limit").intValue();
        boolean walked = new SearchCompiler().compile(new SearchRequestParser().parse(request),
                new NamespaceGrants(caller.groups()).readableNamespaces()).page().sql().startsWith("WITH walk");
        Api api = server.as(Tokens.token("searcher", caller.groups().toArray(String[]::new)));
        List<JsonNode> paged = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode body = request.deepCopy();
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            int from = paged.size();
            String where = "page from item " + from + " of " + Json.write(request) + " for a caller with "
                    + caller.groups() + " (" + caller.shape() + ")";
            Api.Reply reply = api.post("records/search", Json.write(body));
            assertEquals(200, reply.status(), () -> where + ": " + reply);
            JsonNode answer = reply.json();
            List<RecordSnapshot> page = expected.subList(from, Math.min(expected.size(), from + limit));
            List<JsonNode> items = new ArrayList<>();
            answer.path("items").forEach(items::add);
            assertEquals(page.stream().map(RecordSnapshot::key).toList(),
                    items.stream().map(item -> item.path("key").textValue()).toList(), () -> "keys of the " + where);
            assertEquals(page.stream().map(record -> SearchOracle.item(listed.get(record.key()),
                    request.path("fields"))).toList(), items, () -> "items of the " + where);
            paged.addAll(items);
            boolean more = paged.size() < expected.size();
            JsonNode next = answer.path("nextCursor");
            assertTrue(more ? next.isTextual() : next.isNull(), () -> "nextCursor " + next + " of the " + where
                    + ", expected " + (more ? "a cursor" : "null"));
            if (request.path("count").asBoolean()) {
                assertEquals(expected.size(), answer.path("total").asLong(), () -> "total of the " + where);
            }
            if (walked) {
                Statistics.label(WALKED_PAGES).collect(more ? FROM_THE_WALK : FROM_THE_FALLBACK);
            }
            cursor = next.textValue();
        } while (cursor != null);
        Statistics.label(SEARCHES).collect(expected.isEmpty() ? "no match" : expected.size() <= limit ? "one page"
                : SEVERAL_PAGES);
    }
}
