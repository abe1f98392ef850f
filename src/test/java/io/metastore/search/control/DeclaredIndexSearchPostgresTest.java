package io.metastore.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.indexes.control.DeclaredIndexFixture;
import io.metastore.indexes.control.IndexDeclaration;
import io.metastore.indexes.control.IndexType;
import io.metastore.indexes.control.ReadyIndexes;
import io.metastore.platform.Json;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.search.RandomSearches;
import io.metastore.search.control.query.SearchRequestParser;
import io.metastore.search.control.sql.CompiledSearch;
import io.metastore.search.control.sql.SearchCompiler;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A declared index changes no search result, only its speed (API.md): seeded random searches ({@link RandomSearches}:
 * every operator, mixed JSON types and absent values at the same paths, ties, deleted records, non-ASCII keys), kept
 * inside one namespace in each of the three ways the compiler recognises, sorted first by a declared path in either
 * direction, run page by page through their cursors with the indexes ready and without them: every page, its cursor
 * and its total are the same. Namespace z9 has no index, m has a number and a string index on the same path, the
 * others one type per path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeclaredIndexSearchPostgresTest {

    private static final long SEED = 15L;
    private static final int SEARCHES = 240;
    private static final Map<String, List<String>> DECLARED = Map.of(
            "big", List.of("metadata.v number", "metadata.size number", "metadata.name string"),
            "a", List.of("metadata.v string", "metadata.nested.k number", "metadata.size number"),
            "m", List.of("metadata.v number", "metadata.v string", "metadata.name string",
                    "metadata.nested.k string"),
            "zz", List.of("metadata.size number", "metadata.name string", "metadata.v string"),
            "z9", List.of());
    private static final List<String> NAMESPACES = List.of("a", "m", "zz", "z9", "a", "m", "zz", "big");
    private static final List<String> PATHS = List.of("metadata.v", "metadata.size", "metadata.name",
            "metadata.nested.k");

    private TestDatabase db;
    private RandomSearches corpus;
    private List<RecordSnapshot> records;
    private ReadyIndexes ready;

    @BeforeAll
    void createIndexedRecords() throws Exception {
        db = TestDatabase.create();
        corpus = new RandomSearches(SEED);
        records = corpus.records();
        db.insertAll(records);
        List<IndexDeclaration> declared = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (Map.Entry<String, List<String>> namespace : DECLARED.entrySet()) {
                for (String declaration : namespace.getValue()) {
                    String[] fieldAndType = declaration.split(" ");
                    declared.add(DeclaredIndexFixture.build(connection, namespace.getKey(), fieldAndType[0],
                            IndexType.byJsonName(fieldAndType[1]).orElseThrow()));
                }
            }
            statement.execute("ANALYZE metastore.metastore_records");
        }
        ready = ReadyIndexes.of(declared);
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    @Test
    void everyPageIsTheSameWithAndWithoutTheIndexes() throws Exception {
        Random random = new Random(SEED);
        int rewritten = 0;
        for (int i = 0; i < SEARCHES; i++) {
            String namespace = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
            int scope = random.nextInt(3);
            ObjectNode request = scoped(corpus.request(), namespace, scope, random);
            Optional<Set<String>> readable = scope == 2 ? Optional.of(Set.of(namespace)) : Optional.empty();
            if (comparePages(request, readable)) {
                rewritten++;
            }
        }
        // most searches must actually have been written for the indexes, or the comparison proves nothing
        assertTrue(rewritten > SEARCHES / 2, rewritten + " of " + SEARCHES + " searches used a declared index");
    }

    /** Filters and sorts that the indexes serve, at the edges: ties, types, absent values, cursors inside ties. */
    @Test
    void edgeCasesAreTheSameWithAndWithoutTheIndexes() throws Exception {
        for (String namespace : List.of("m", "a", "big")) {
            for (String direction : List.of("asc", "desc")) {
                for (String path : PATHS) {
                    for (int limit : namespace.equals("big") ? List.of(700, 1000) : List.of(6, 1000)) {
                        String sort = "\"sort\": [{\"field\": \"" + path + "\", \"direction\": \"" + direction
                                + "\"}], \"limit\": " + limit;
                        String inNamespace = "{\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"" + namespace
                                + "\"}";
                        comparePages(request("{\"filter\": " + inNamespace + ", " + sort + ", \"count\": true}"),
                                Optional.empty());
                        comparePages(request("{\"filter\": {\"and\": [" + inNamespace + ", {\"field\": \"" + path
                                + "\", \"op\": \"between\", \"value\": [\"a\", \"日\"]}]}, " + sort + "}"),
                                Optional.empty());
                        comparePages(request("{\"filter\": {\"and\": [" + inNamespace + ", {\"field\": \"" + path
                                + "\", \"op\": \"in\", \"value\": [10, 10.0, \"k\", \"10\", 3.25, null, true]}]}, "
                                + sort + "}"), Optional.empty());
                        comparePages(request("{\"filter\": {\"field\": \"" + path + "\", \"op\": \"lte\", "
                                + "\"value\": 7}, " + sort + ", \"includeDeleted\": true}"),
                                Optional.of(Set.of(namespace)));
                    }
                }
            }
        }
    }

    /**
     * The request kept inside {@code namespace} (a namespace equality, a key prefix, or a caller who may read only it),
     * sorted first by a declared path, with a comparison on a declared path half of the time, and a limit that pages.
     */
    private ObjectNode scoped(ObjectNode request, String namespace, int scope, Random random) {
        ArrayNode conjuncts = Json.MAPPER.createArrayNode();
        if (scope == 0) {
            conjuncts.addObject().put("field", "namespace").put("op", "eq").put("value", namespace);
        } else if (scope == 1) {
            conjuncts.addObject().put("field", "key").put("op", "starts_with").put("value", namespace + "/");
        }
        if (request.has("filter")) {
            conjuncts.add(request.get("filter"));
        }
        if (random.nextBoolean()) {
            conjuncts.add(comparison(random));
        }
        if (!conjuncts.isEmpty()) {
            request.set("filter", Json.MAPPER.createObjectNode().set("and", conjuncts));
        }
        String first = PATHS.get(random.nextInt(PATHS.size()));
        ArrayNode sort = Json.MAPPER.createArrayNode();
        sort.addObject().put("field", first).put("direction", random.nextBoolean() ? "asc" : "desc");
        for (JsonNode key : request.path("sort")) {
            if (!key.path("field").asText().equals(first) && sort.size() < 3) {
                sort.add(key);
            }
        }
        request.set("sort", sort);
        List<Integer> limits = namespace.equals("big") ? List.of(400, 1000) : List.of(5, 20, 100, 1000);
        request.put("limit", limits.get(random.nextInt(limits.size())));
        return request;
    }

    /** A comparison an index serves, its value of either type, drawn from the records. */
    private ObjectNode comparison(Random random) {
        String path = PATHS.get(random.nextInt(PATHS.size()));
        JsonNode sample = records.get(random.nextInt(records.size())).metadata().at("/" + path.substring(
                "metadata.".length()).replace('.', '/'));
        JsonNode value = sample.isNumber() || sample.isTextual() ? sample
                : random.nextBoolean() ? Json.MAPPER.getNodeFactory().numberNode(random.nextInt(20) - 5)
                : Json.MAPPER.getNodeFactory().textNode(List.of("k", "é", "10", "")
                        .get(random.nextInt(4)));
        String op = List.of("eq", "lt", "lte", "gt", "gte", "between", "in", "neq").get(random.nextInt(8));
        ObjectNode comparison = Json.MAPPER.createObjectNode().put("field", path).put("op", op);
        switch (op) {
            case "between" -> comparison.set("value", Json.MAPPER.createArrayNode().add(value).add(value.isNumber()
                    ? Json.MAPPER.getNodeFactory().numberNode(value.decimalValue().add(java.math.BigDecimal.TEN))
                    : Json.MAPPER.getNodeFactory().textNode(value.textValue() + "~")));
            case "in" -> comparison.set("value", Json.MAPPER.createArrayNode().add(value).add(7).add("k"));
            default -> comparison.set("value", value);
        }
        return comparison;
    }

    /**
     * Pages through the request with the indexes and without, comparing each page's items, cursor and total.
     *
     * @return whether the indexes changed the statement
     */
    private boolean comparePages(ObjectNode request, Optional<Set<String>> readable) throws Exception {
        boolean rewritten = false;
        String cursor = null;
        int pages = 0;
        try (Connection connection = db.connect()) {
            do {
                ObjectNode page = request.deepCopy();
                if (cursor != null) {
                    page.put("cursor", cursor);
                }
                var parsed = new SearchRequestParser().parse(page);
                CompiledSearch plain = new SearchCompiler().compile(parsed, readable, ReadyIndexes.NONE);
                CompiledSearch indexed = new SearchCompiler().compile(parsed, readable, ready);
                rewritten |= !plain.page().sql().equals(indexed.page().sql());
                SearchPage expected = TestDatabase.run(connection, plain);
                SearchPage actual = TestDatabase.run(connection, indexed);
                String where = "page " + pages + " of " + Json.write(request) + " for " + readable;
                assertEquals(items(expected), items(actual), where);
                assertEquals(expected.nextCursor(), actual.nextCursor(), "cursor after " + where);
                assertEquals(expected.total(), actual.total(), "total of " + where);
                cursor = expected.nextCursor();
                pages++;
            } while (cursor != null);
        }
        return rewritten;
    }

    private static List<String> items(SearchPage page) {
        return page.items().stream().map(item -> item.key() + " v" + item.version() + " " + item.metadataText())
                .toList();
    }

    private static ObjectNode request(String json) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }
}
