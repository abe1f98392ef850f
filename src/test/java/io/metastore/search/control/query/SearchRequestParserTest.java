package io.metastore.search.control.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Failure;
import io.metastore.platform.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchRequestParserTest {

    private final SearchRequestParser parser = new SearchRequestParser();

    @Test
    void parsesTheContractExample() throws Exception {
        SearchQuery query = parse("""
                {"filter": {"and": [
                    {"field": "key", "op": "starts_with", "value": "assets/"},
                    {"field": "metadata.size", "op": "gt", "value": 1000},
                    {"field": "tags", "op": "array_contains", "value": ["prod"]},
                    {"or": [{"field": "owner", "op": "eq", "value": "team-data"},
                            {"not": {"field": "metadata.owner", "op": "has_key", "value": "team"}}]}
                  ]},
                  "fields": ["key", "version", "metadata.size"],
                  "sort": [{"field": "metadata.size", "direction": "desc"}],
                  "limit": 50, "cursor": null, "includeDeleted": false, "count": false}""");
        Filter.And and = assertInstanceOf(Filter.And.class, query.filter().orElseThrow());
        assertEquals(4, and.operands().size());
        Filter.Comparison size = assertInstanceOf(Filter.Comparison.class, and.operands().get(1));
        assertEquals(new Field(RecordField.METADATA, List.of("size")), size.field());
        assertEquals(Operator.GT, size.op());
        Filter.Or or = assertInstanceOf(Filter.Or.class, and.operands().get(3));
        assertInstanceOf(Filter.Not.class, or.operands().get(1));
        assertEquals(List.of("key", "version", "metadata.size"), query.fields().stream().map(Field::name).toList());
        assertEquals(List.of(new SortKey(new Field(RecordField.METADATA, List.of("size")), true)), query.sort());
        assertEquals(50, query.limit());
    }

    @Test
    void appliesDefaults() throws Exception {
        SearchQuery query = parse("{\"limit\": null}");
        assertTrue(query.filter().isEmpty());
        assertEquals(SearchQuery.DEFAULT_LIMIT, query.limit());
        assertEquals(List.of(), query.sort());
        assertEquals(null, query.cursor());
        assertEquals(false, query.includeDeleted() || query.count());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            []                                                               | ''
            {"bogus": 1}                                                     | bogus
            {"filter": {"and": [{"field": "key", "op": "eq", "value": "a"}, {"field": "key", "op": "eq", "value": "a"}, {"field": "metadata.size", "op": "gt", "value": true}]}} | filter.and[2].value
            {"filter": {"field": "nope", "op": "eq", "value": 1}}            | filter.field
            {"filter": {"field": "key", "op": "like", "value": "a"}}         | filter.op
            {"filter": {"field": "key", "value": "a"}}                       | filter.op
            {"filter": {"op": "eq", "value": "a"}}                           | filter.field
            {"filter": {"field": "key", "op": "eq", "value": "a", "x": 1}}   | filter.x
            {"filter": {"and": [], "field": "key"}}                          | filter.and
            {"filter": {"and": []}}                                          | filter.and
            {"filter": {"or": {"field": "key", "op": "eq", "value": "a"}}}   | filter.or
            {"filter": {"not": []}}                                          | filter.not
            {"filter": "key = 1"}                                            | filter
            {"filter": {"field": "tags", "op": "lt", "value": "a"}}          | filter.op
            {"filter": {"field": "key", "op": "has_key", "value": "a"}}      | filter.op
            {"filter": {"field": "version", "op": "starts_with", "value": "1"}} | filter.op
            {"filter": {"field": "metadata", "op": "lt", "value": 1}}        | filter.op
            {"filter": {"field": "metadata", "op": "exists"}}                | filter.op
            {"filter": {"field": "metadata", "op": "array_contains", "value": [1]}} | filter.op
            {"filter": {"field": "createdAt", "op": "contains", "value": "2026"}} | filter.op
            {"filter": {"field": "version", "op": "eq", "value": "1"}}       | filter.value
            {"filter": {"field": "version", "op": "eq", "value": 1.5}}       | filter.value
            {"filter": {"field": "version", "op": "eq", "value": 99999999999999999999}} | filter.value
            {"filter": {"field": "createdAt", "op": "gt", "value": "yesterday"}} | filter.value
            {"filter": {"field": "createdAt", "op": "gt", "value": "2026-11-27T20:00:00"}} | filter.value
            {"filter": {"field": "key", "op": "eq", "value": null}}          | filter.value
            {"filter": {"field": "key", "op": "eq"}}                         | filter.value
            {"filter": {"field": "key", "op": "gt", "value": 1}}             | filter.value
            {"filter": {"field": "key", "op": "between", "value": ["a"]}}    | filter.value
            {"filter": {"field": "metadata.a", "op": "between", "value": [1, "b"]}} | filter.value
            {"filter": {"field": "metadata.a", "op": "between", "value": [1, true]}} | filter.value[1]
            {"filter": {"field": "metadata.a", "op": "gt", "value": null}}   | filter.value
            {"filter": {"field": "metadata.a", "op": "lt", "value": [1]}}    | filter.value
            {"filter": {"field": "key", "op": "in", "value": "a"}}           | filter.value
            {"filter": {"field": "key", "op": "in", "value": ["a", 1]}}      | filter.value[1]
            {"filter": {"field": "metadata", "op": "eq", "value": 1}}        | filter.value
            {"filter": {"field": "metadata", "op": "contains", "value": [1]}} | filter.value
            {"filter": {"field": "metadata.a", "op": "contains", "value": 1}} | filter.value
            {"filter": {"field": "metadata.a", "op": "starts_with", "value": 1}} | filter.value
            {"filter": {"field": "metadata.a", "op": "has_key", "value": 1}} | filter.value
            {"filter": {"field": "metadata.a", "op": "exists", "value": true}} | filter.value
            {"filter": {"field": "metadata.a", "op": "array_contains", "value": 1}} | filter.value
            {"filter": {"field": "metadata.a", "op": "array_contains", "value": [1, {"k": 1}]}} | filter.value[1]
            {"filter": {"field": "tags", "op": "array_contains", "value": ["a", 1]}} | filter.value[1]
            {"filter": {"field": "tags", "op": "contains", "value": "a"}}    | filter.value
            {"filter": {"field": "metadata.a", "op": "eq", "value": "a\\u0000b"}} | filter.value
            {"filter": {"field": "metadata.a", "op": "eq", "value": {"k\\u0000": 1}}} | filter.value.k<NUL>
            {"filter": {"field": "metadata.", "op": "exists"}}               | filter.field
            {"filter": {"field": "metadata.a b", "op": "exists"}}            | filter.field
            {"filter": {"field": "metadata.a..b", "op": "exists"}}           | filter.field
            {"filter": {"field": "key.a", "op": "eq", "value": "a"}}         | filter.field
            {"filter": {"field": "Key", "op": "eq", "value": "a"}}           | filter.field
            {"fields": "key"}                                                | fields
            {"fields": ["key", "nope"]}                                      | fields[1]
            {"fields": [1]}                                                  | fields[0]
            {"sort": {"field": "key"}}                                       | sort
            {"sort": [{"field": "tags"}]}                                    | sort[0].field
            {"sort": [{"field": "metadata"}]}                                | sort[0].field
            {"sort": [{"field": "key", "direction": "up"}]}                  | sort[0].direction
            {"sort": [{"field": "key", "order": "asc"}]}                     | sort[0].order
            {"sort": ["key"]}                                                | sort[0]
            {"limit": 0}                                                     | limit
            {"limit": 1001}                                                  | limit
            {"limit": 2.5}                                                   | limit
            {"limit": "5"}                                                   | limit
            {"cursor": 5}                                                    | cursor
            {"includeDeleted": "yes"}                                        | includeDeleted
            {"count": 1}                                                     | count
            """)
    void rejectsNamingThePath(String request, String path) throws Exception {
        Failure problem = assertThrows(Failure.class, () -> parse(request));
        assertEquals(Failure.Kind.INVALID, problem.kind());
        String expected = path.replace("<NUL>", String.valueOf((char) 0));
        assertEquals(expected, problem.violations().get(0).path(), problem.getMessage());
    }

    @Test
    void metadataPathsFollowTheGrammar() throws Exception {
        String sixteen = IntStream.range(0, 16).mapToObj(i -> "s" + i).collect(Collectors.joining("."));
        String segment128 = "a".repeat(128);
        parse(exists("metadata." + sixteen));
        parse(exists("metadata." + segment128 + ".0.A-_z"));
        assertThrows(Failure.class, () -> parse(exists("metadata." + sixteen + ".x")));
        assertThrows(Failure.class, () -> parse(exists("metadata." + segment128 + "a")));
        assertThrows(Failure.class, () -> parse(exists("metadata.é")));
    }

    @Test
    void boundsFilterDepthAtThirtyTwoLevelsOfAndOrNot() throws Exception {
        String comparison = "{\"field\": \"key\", \"op\": \"eq\", \"value\": \"a\"}";
        parse("{\"filter\": " + "{\"and\": [".repeat(FilterParser.MAX_DEPTH) + comparison
                + "]}".repeat(FilterParser.MAX_DEPTH) + "}");
        parse("{\"filter\": " + "{\"not\": ".repeat(32) + comparison + "}".repeat(32) + "}");
        Failure tooDeep = assertThrows(Failure.class, () -> parse(
                "{\"filter\": " + "{\"or\": [".repeat(33) + comparison + "]}".repeat(33) + "}"));
        assertEquals("filter" + ".or[0]".repeat(32), tooDeep.violations().get(0).path(), "the 33rd level");
        assertEquals("filter" + ".not".repeat(32), assertThrows(Failure.class, () -> parse("{\"filter\": "
                + "{\"not\": ".repeat(33) + comparison + "}".repeat(33) + "}")).violations().get(0).path());
    }

    @Test
    void boundsSortToEightKeysEachFieldOnce() throws Exception {
        List<String> eight = List.of("owner", "version", "createdAt", "updatedAt", "deletedAt", "createdBy",
                "updatedBy", "metadata.a");
        assertEquals(8, parse(sortBy(eight)).sort().size());
        List<String> nine = new ArrayList<>(eight);
        nine.add("metadata.b");
        assertEquals("sort[8]", assertThrows(Failure.class, () -> parse(sortBy(nine))).violations().get(0).path());
        // 331 metadata paths once answered 500: PostgreSQL's 1,664 entries of a target list
        List<String> many = IntStream.range(0, 331).mapToObj(i -> "metadata.m" + i).toList();
        assertEquals("sort[8]", assertThrows(Failure.class, () -> parse(sortBy(many))).violations().get(0).path());
        assertEquals("sort[1].field", assertThrows(Failure.class,
                () -> parse(sortBy(List.of("metadata.a", "metadata.a")))).violations().get(0).path());
        assertEquals("sort[2].field", assertThrows(Failure.class,
                () -> parse(sortBy(List.of("owner", "version", "owner")))).violations().get(0).path());
    }

    @Test
    void boundsFieldsTo256Paths() throws Exception {
        List<String> paths = IntStream.range(0, 257).mapToObj(i -> "\"metadata.f" + i + "\"").toList();
        assertEquals(256, parse("{\"fields\": [" + String.join(", ", paths.subList(0, 256)) + "]}").fields().size());
        assertEquals("fields[256]", assertThrows(Failure.class,
                () -> parse("{\"fields\": [" + String.join(", ", paths) + "]}")).violations().get(0).path());
    }

    private static String sortBy(List<String> fields) {
        return "{\"sort\": [" + fields.stream().map(field -> "{\"field\": \"" + field + "\"}")
                .collect(Collectors.joining(", ")) + "]}";
    }

    @Test
    void boundsListValues() throws Exception {
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "\"k" + i + "\"").collect(Collectors.joining(","));
        parse("{\"filter\": {\"field\": \"key\", \"op\": \"in\", \"value\": [" + thousand + "]}}");
        parse("{\"filter\": {\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [" + thousand + "]}}");
        assertEquals("filter.value[1000]", assertThrows(Failure.class, () -> parse("{\"filter\": {\"field\": \"tags\","
                + " \"op\": \"array_contains\", \"value\": [" + thousand + ", \"x\"]}}")).violations().get(0).path());
        assertEquals("filter.value[1000]", assertThrows(Failure.class, () -> parse("{\"filter\": {\"field\": \"key\","
                + " \"op\": \"in\", \"value\": [" + thousand + ", \"x\"]}}")).violations().get(0).path());
    }

    @Test
    void boundsComparisonsAt4096CountingEachInListValue() throws Exception {
        String comparison = "{\"field\": \"metadata.a\", \"op\": \"eq\", \"value\": 1}";
        assertEquals(4096, FilterParser.MAX_COMPARISONS);
        parse(anyOf(Collections.nCopies(4096, comparison)));
        assertEquals("filter.or[4096]", assertThrows(Failure.class,
                () -> parse(anyOf(Collections.nCopies(4097, comparison)))).violations().get(0).path());
        // comparisons nested anywhere count alike; the one beyond is named wherever it stands
        assertEquals("filter.or[1].and[4095]", assertThrows(Failure.class, () -> parse(
                "{\"filter\": {\"or\": [" + comparison + ", {\"and\": [" + String.join(",",
                        Collections.nCopies(4096, comparison)) + "]}]}}")).violations().get(0).path());

        String thousand = "{\"field\": \"key\", \"op\": \"in\", \"value\": [" + IntStream.range(0, 1000)
                .mapToObj(i -> "\"k" + i + "\"").collect(Collectors.joining(",")) + "]}";
        List<String> full = new ArrayList<>(Collections.nCopies(4, thousand));
        full.addAll(Collections.nCopies(96, comparison));
        parse(anyOf(full));
        List<String> oneMore = new ArrayList<>(full);
        oneMore.add(comparison);
        assertEquals("filter.or[100]", assertThrows(Failure.class, () -> parse(anyOf(oneMore)))
                .violations().get(0).path());
        List<String> listAcross = new ArrayList<>(full.subList(0, 99));
        listAcross.add("{\"field\": \"metadata.a\", \"op\": \"in\", \"value\": [1, 2]}");
        assertEquals("filter.or[99].value[1]", assertThrows(Failure.class, () -> parse(anyOf(listAcross)))
                .violations().get(0).path(), "the first value that does not fit");
        List<String> emptyList = new ArrayList<>(full.subList(0, 99));
        emptyList.add("{\"field\": \"metadata.a\", \"op\": \"in\", \"value\": []}");
        parse(anyOf(emptyList));
        emptyList.add("{\"field\": \"metadata.a\", \"op\": \"in\", \"value\": []}");
        assertEquals("filter.or[100]", assertThrows(Failure.class, () -> parse(anyOf(emptyList)))
                .violations().get(0).path(), "an empty in list counts as one comparison");
    }

    private static String anyOf(List<String> filters) {
        return "{\"filter\": {\"or\": [" + String.join(",", filters) + "]}}";
    }

    @Test
    void acceptsNullOnNullableColumnsAndAnyJsonOnMetadataPaths() throws Exception {
        parse("{\"filter\": {\"and\": [{\"field\": \"owner\", \"op\": \"eq\", \"value\": null},"
                + "{\"field\": \"deletedAt\", \"op\": \"neq\", \"value\": null},"
                + "{\"field\": \"metadata.a\", \"op\": \"in\", \"value\": [null, 1, \"x\", true, [1], {\"k\": 1}]},"
                + "{\"field\": \"createdAt\", \"op\": \"between\", \"value\": [\"2026-01-01T00:00:00Z\","
                + " \"2026-12-31T23:59:59.999999+01:00\"]}]}}");
    }

    private static String exists(String field) {
        return "{\"filter\": {\"field\": \"" + field + "\", \"op\": \"exists\"}}";
    }

    private SearchQuery parse(String json) throws Exception {
        JsonNode body = Json.MAPPER.readTree(json);
        return parser.parse(body);
    }
}
