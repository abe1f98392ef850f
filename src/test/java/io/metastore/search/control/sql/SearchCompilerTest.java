package io.metastore.search.control.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.indexes.control.IndexDeclaration;
import io.metastore.indexes.control.IndexDefinition;
import io.metastore.indexes.control.IndexState;
import io.metastore.indexes.control.IndexType;
import io.metastore.indexes.control.ReadyIndexes;
import io.metastore.platform.Failure;
import io.metastore.platform.Json;
import io.metastore.search.control.query.SearchRequestParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the compiler promises whatever SQL it writes: request values, namespaces and cursor values reach PostgreSQL
 * only as bind parameters, one per placeholder; a cursor belongs to one search; a statement never needs more
 * parameters than PostgreSQL accepts. Which rows a search returns, and in which order, is
 * SearchSemanticsPostgresTest's business (against the reference oracle); how PostgreSQL reads them is
 * SearchIndexPostgresTest's.
 */
class SearchCompilerTest {

    /** Text that would end a string literal and inject a statement, were it ever written into the SQL. */
    private static final String HOSTILE = "x'); DROP TABLE t; --";

    /** Every operator on every kind of field it applies to, with the hostile text where the value has text. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            key        | eq             | "HOSTILE"
            namespace  | neq            | "HOSTILE"
            owner      | in             | ["HOSTILE", null]
            createdBy  | lt             | "HOSTILE"
            updatedBy  | between        | ["HOSTILE", "HOSTILE"]
            key        | starts_with    | "HOSTILE"
            owner      | contains       | "HOSTILE"
            tags       | array_contains | ["HOSTILE"]
            tags       | contains       | ["HOSTILE"]
            metadata   | eq             | {"HOSTILE": "HOSTILE"}
            metadata   | contains       | {"a": ["HOSTILE"]}
            metadata   | has_key        | "HOSTILE"
            metadata.a | eq             | "HOSTILE"
            metadata.a | eq             | {"HOSTILE": [1]}
            metadata.a | neq            | "HOSTILE"
            metadata.a | in             | ["HOSTILE", 1]
            metadata.a | gte            | "HOSTILE"
            metadata.a | between        | ["HOSTILE", "HOSTILE"]
            metadata.a | contains       | "HOSTILE"
            metadata.a | contains       | ["HOSTILE"]
            metadata.a | starts_with    | "HOSTILE"
            metadata.a | has_key        | "HOSTILE"
            metadata.a | array_contains | ["HOSTILE"]
            """)
    void requestValuesTravelOnlyAsParameters(String field, String op, String value) throws Exception {
        String filter = "{\"field\": \"" + field + "\", \"op\": \"" + op + "\", \"value\": "
                + value.replace("HOSTILE", HOSTILE) + "}";
        for (String sort : List.of("[]", "[{\"field\": \"updatedAt\", \"direction\": \"desc\"}]",
                "[{\"field\": \"metadata.a\"}]")) {
            String request = "{\"filter\": {\"and\": [" + filter + ", {\"not\": " + filter + "}]}, \"sort\": " + sort
                    + ", \"count\": true}";
            CompiledSearch search = compile(request, Optional.of(Set.of("ns")));
            assertOnlyParameters(search.page(), request);
            assertOnlyParameters(search.count().orElseThrow(), request);
        }
    }

    @Test
    void namespacesAndCursorValuesTravelOnlyAsParameters() throws Exception {
        String sort = "\"sort\": [{\"field\": \"owner\"}, {\"field\": \"metadata.a\", \"direction\": \"desc\"}]";
        CompiledSearch first = compile("{" + sort + "}", Optional.empty());
        String cursor = new KeysetCursor(first.fingerprint(), Arrays.asList(false, HOSTILE, false, 1L, null, HOSTILE,
                "{\"" + HOSTILE + "\": 1}", HOSTILE)).encode(first.order());
        String request = "{" + sort + ", \"cursor\": \"" + cursor + "\"}";
        SqlStatement page = compile(request, Optional.of(Set.of(HOSTILE, "b"))).page();
        assertOnlyParameters(page, request);
        // a filter only the bounded walk of the key index can serve
        request = "{\"filter\": {\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"t\"]}}";
        assertOnlyParameters(compile(request, Optional.of(Set.of(HOSTILE))).page(), request);
    }

    @Test
    void asksForATotalOnlyWhenTheRequestDoes() throws Exception {
        assertTrue(compile("{}", Optional.empty()).count().isEmpty());
        assertTrue(compile("{\"count\": true}", Optional.empty()).count().isPresent());
    }

    @Test
    void cursorValuesRoundTripExactly() throws Exception {
        CompiledSearch search = compile("{\"sort\": [{\"field\": \"deletedAt\"}, {\"field\": \"metadata.v\"}]}",
                Optional.empty());
        List<Object> values = Arrays.asList(false, OffsetDateTime.parse("2026-11-27T20:00:00.123456Z"), false, 3L,
                new BigDecimal("123456789012345678901234567890.000000000000000000000000000001"), "日本 \"quoted\"", "{\"k\": [1]}", "t/é");
        String cursor = new KeysetCursor(search.fingerprint(), values).encode(search.order());
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), "base64url without padding");
        assertEquals(values, KeysetCursor.decode(cursor, search.order(), search.fingerprint()).values());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"filter\": {\"field\": \"key\", \"op\": \"eq\", \"value\": \"b\"}}",
            "{\"filter\": {\"field\": \"key\", \"op\": \"neq\", \"value\": \"a\"}}",
            "{\"filter\": {\"field\": \"key\", \"op\": \"eq\", \"value\": \"a\"}, \"includeDeleted\": true}",
            "{\"filter\": {\"field\": \"key\", \"op\": \"eq\", \"value\": \"a\"}, \"sort\": [{\"field\": \"version\"}]}",
            "{\"filter\": {\"field\": \"key\", \"op\": \"eq\", \"value\": \"a\"}, \"sort\": [{\"field\": \"key\", "
                    + "\"direction\": \"desc\"}]}"})
    void refusesTheCursorOfAnotherSearch(String other) throws Exception {
        String request = "{\"filter\": {\"field\": \"key\", \"op\": \"eq\", \"value\": \"a\"}}";
        CompiledSearch search = compile(request, Optional.empty());
        String cursor = new KeysetCursor(search.fingerprint(), List.of("a")).encode(search.order());
        String sameSearch = request.replace("}}", "}, \"limit\": 7, \"fields\": [\"owner\"], \"cursor\": \""
                + cursor + "\"}");
        assertEquals(search.fingerprint(), compile(sameSearch, Optional.of(Set.of("a"))).fingerprint());
        Failure refused = assertThrows(Failure.class, () -> compile(
                other.substring(0, other.length() - 1) + ", \"cursor\": \"" + cursor + "\"}", Optional.empty()));
        assertEquals("cursor", refused.violations().get(0).path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!", "e30", "eyJmIjoieCJ9", "bm90IGpzb24"})
    void refusesDamagedCursors(String cursor) {
        Failure refused = assertThrows(Failure.class,
                () -> compile("{\"cursor\": \"" + cursor + "\"}", Optional.empty()));
        assertEquals(Failure.Kind.INVALID, refused.kind());
    }

    @Test
    void refusesACursorWhoseValuesHaveTheWrongTypes() throws Exception {
        CompiledSearch search = compile("{\"sort\": [{\"field\": \"version\"}]}", Optional.empty());
        String forged = new KeysetCursor(search.fingerprint(), List.of("x", "a")).encode(
                List.of(search.order().get(1), search.order().get(1)));
        assertThrows(Failure.class,
                () -> compile("{\"sort\": [{\"field\": \"version\"}], \"cursor\": \"" + forged + "\"}",
                        Optional.empty()));
    }

    @Test
    void refusesFiltersWithMoreValuesThanPostgresqlAccepts() throws Exception {
        // each between on a path of 16 segments binds 66 values (every segment twice per bound, and the bound):
        // 1,000 of them exceed 65,535 however each value is bound
        String path = "metadata" + ".a".repeat(16);
        String between = "{\"field\": \"" + path + "\", \"op\": \"between\", \"value\": [1, 2]}";
        String filter = "{\"or\": [" + String.join(",", Collections.nCopies(1000, between)) + "]}";
        Failure refused = assertThrows(Failure.class,
                () -> compile("{\"filter\": " + filter + "}", Optional.empty()));
        assertEquals("filter", refused.violations().get(0).path());
        compile("{\"filter\": {\"or\": [" + String.join(",", Collections.nCopies(400, between)) + "]}}",
                Optional.empty());
    }

    /** Written for declared indexes (both types on the path), request and cursor values still only travel bound. */
    @ParameterizedTest
    @ValueSource(strings = {"eq", "lt", "gte", "between", "in", "neq"})
    void withDeclaredIndexesValuesStillTravelOnlyAsParameters(String op) throws Exception {
        ReadyIndexes ready = ReadyIndexes.of(List.of(declared("metadata.a", IndexType.NUMBER),
                declared("metadata.a", IndexType.STRING)));
        String value = op.equals("between") || op.equals("in") ? "[\"" + HOSTILE + "\", \"" + HOSTILE + "\"]"
                : "\"" + HOSTILE + "\"";
        String request = "{\"filter\": {\"field\": \"metadata.a\", \"op\": \"" + op + "\", \"value\": " + value
                + "}, \"sort\": [{\"field\": \"metadata.a\", \"direction\": \"desc\"}], \"count\": true}";
        CompiledSearch plain = compile(request, Optional.of(Set.of("ns")));
        CompiledSearch indexed = new SearchCompiler().compile(new SearchRequestParser().parse(Json.MAPPER.readTree(
                request)), Optional.of(Set.of("ns")), ready);
        assertFalse(plain.page().sql().equals(indexed.page().sql()), "the indexes changed nothing");
        assertOnlyParameters(indexed.page(), request);
        assertOnlyParameters(indexed.count().orElseThrow(), request);
        // a cursor inside the string segment of the order
        String cursor = new KeysetCursor(indexed.fingerprint(), Arrays.asList(false, 1L, null, HOSTILE,
                "\"" + HOSTILE.replace("\"", "\\\"") + "\"", "ns/" + HOSTILE)).encode(indexed.order());
        String next = request.substring(0, request.length() - 1) + ", \"cursor\": \"" + cursor + "\"}";
        assertOnlyParameters(new SearchCompiler().compile(new SearchRequestParser().parse(Json.MAPPER.readTree(next)),
                Optional.of(Set.of("ns")), ready).page(), next);
    }

    /** A page written for a declared index binds the filter three times; when that is too many, it is written plain. */
    @Test
    void aFilterTooLargeForTheIndexedPageIsWrittenWithoutTheIndex() throws Exception {
        String path = "metadata" + ".a".repeat(16);
        ReadyIndexes ready = ReadyIndexes.of(List.of(declared(path, IndexType.NUMBER)));
        String between = "{\"field\": \"" + path + "\", \"op\": \"between\", \"value\": [1, 2]}";
        String request = "{\"filter\": {\"or\": [" + String.join(",", Collections.nCopies(400, between))
                + "]}, \"sort\": [{\"field\": \"" + path + "\"}]}";
        var query = new SearchRequestParser().parse(Json.MAPPER.readTree(request));
        assertEquals(compile(request, Optional.of(Set.of("ns"))).page().sql(),
                new SearchCompiler().compile(query, Optional.of(Set.of("ns")), ready).page().sql());
        String small = request.replace(String.join(",", Collections.nCopies(400, between)), between);
        assertFalse(compile(small, Optional.of(Set.of("ns"))).page().sql().equals(new SearchCompiler().compile(
                new SearchRequestParser().parse(Json.MAPPER.readTree(small)), Optional.of(Set.of("ns")), ready)
                .page().sql()));
    }

    private static IndexDeclaration declared(String field, IndexType type) {
        return new IndexDeclaration("ns", field + type, new IndexDefinition(IndexDefinition.parseField(field, "field"),
                type), IndexState.READY, null, Instant.EPOCH, "tester");
    }

    /** The text is absent from the SQL, and there is exactly one value for each placeholder. */
    private static void assertOnlyParameters(SqlStatement statement, String request) {
        assertFalse(statement.sql().contains("DROP TABLE"), () -> "a request value in the SQL of " + request
                + ":\n" + statement.sql());
        assertEquals(placeholders(statement.sql()), statement.parameters().size(), request);
        assertTrue(statement.parameters().stream().allMatch(SearchCompilerTest::bindable), request);
    }

    /** JDBC placeholders: each lone {@code ?}; {@code ??} is the escaped operator. */
    private static long placeholders(String sql) {
        long count = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '?') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '?') {
                    i++;
                } else {
                    count++;
                }
            }
        }
        return count;
    }

    /** The value types SqlStatement documents, which the executor knows how to bind. */
    private static boolean bindable(Object value) {
        return value instanceof String || value instanceof Long || value instanceof BigDecimal
                || value instanceof Boolean || value instanceof OffsetDateTime || value instanceof String[];
    }

    private static CompiledSearch compile(String request, Optional<Set<String>> namespaces) throws Exception {
        return new SearchCompiler().compile(new SearchRequestParser().parse(Json.MAPPER.readTree(request)),
                namespaces);
    }
}
