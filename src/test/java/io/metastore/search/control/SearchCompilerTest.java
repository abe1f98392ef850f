package io.metastore.search.control;

import static io.metastore.search.control.FilterCompilerTest.describe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.platform.Json;
import io.metastore.platform.Failure;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchCompilerTest {

    private static final String SELECT = "SELECT * FROM (SELECT key, CAST(metadata AS text) AS metadata, tags, owner, "
            + "version, created_at, updated_at, created_by, updated_by, deleted_at";

    @Test
    void compilesTheDefaultSearch() throws Exception {
        CompiledSearch search = compile("{}", Optional.empty());
        assertEquals(SELECT + ", key AS sort_1 FROM metastore.metastore_records WHERE deleted_at IS NULL) AS page"
                + " ORDER BY sort_1 ASC LIMIT ?", search.page().sql());
        assertEquals(List.of(51L), search.page().parameters());
        assertTrue(search.count().isEmpty());
    }

    @Test
    void restrictsNamespacesAndCountsOverTheSameCondition() throws Exception {
        CompiledSearch search = compile("{\"filter\": {\"field\": \"key\", \"op\": \"gt\", \"value\": \"a/k\"}, "
                + "\"includeDeleted\": true, \"count\": true, \"limit\": 10}", Optional.of(Set.of("b", "a")));
        String where = "key > ? AND namespace = ANY(?)";
        assertEquals(SELECT + ", key AS sort_1 FROM metastore.metastore_records WHERE " + where + ") AS page"
                + " ORDER BY sort_1 ASC LIMIT ?", search.page().sql());
        assertEquals("a/k [a,b] 11L", describe(search.page().parameters()));
        SqlStatement count = search.count().orElseThrow();
        assertEquals("SELECT count(*) FROM metastore.metastore_records WHERE " + where, count.sql());
        assertEquals("a/k [a,b]", describe(count.parameters()));
    }

    @Test
    void boundsTheKeyOrderWalkWhenTheFilterNeedsMoreThanTheKeyIndex() throws Exception {
        CompiledSearch search = compile("{\"filter\": {\"and\": ["
                + "{\"field\": \"key\", \"op\": \"starts_with\", \"value\": \"a/\"}, "
                + "{\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"x\"]}]}}", Optional.of(Set.of("a")));
        String walk = "SELECT * FROM (SELECT *, key AS sort_1 FROM metastore.metastore_records"
                + " WHERE (key >= ? AND key < ?) AND namespace = ANY(?) AND deleted_at IS NULL) AS page"
                + " ORDER BY sort_1 ASC LIMIT " + BoundedIndexWalk.WALK_BUDGET;
        String where = "((key >= ? AND key < ?) AND tags @> ?) AND namespace = ANY(?) AND deleted_at IS NULL";
        assertEquals("WITH walk AS MATERIALIZED (SELECT key, CAST(metadata AS text) AS metadata, tags, owner, version,"
                + " created_at, updated_at, created_by, updated_by, deleted_at, sort_1 FROM (" + walk + ") AS walked"
                + " WHERE tags @> ? ORDER BY sort_1 ASC LIMIT ?)"
                + " SELECT * FROM walk WHERE (SELECT count(*) FROM walk) = ?"
                + " UNION ALL SELECT * FROM (" + SELECT + ", key AS sort_1 FROM metastore.metastore_records WHERE "
                + where + ") AS page OFFSET 0) AS candidates WHERE (SELECT count(*) FROM walk) < ?"
                + " ORDER BY sort_1 ASC LIMIT ?", search.page().sql());
        assertEquals("a/ a0 [a] [x] 51L 51L a/ a0 [x] [a] 51L 51L", describe(search.page().parameters()));
    }

    @Test
    void startsTheBoundedWalkAndItsFallbackAfterTheCursor() throws Exception {
        String request = "{\"filter\": {\"field\": \"owner\", \"op\": \"eq\", \"value\": \"o\"}, "
                + "\"sort\": [{\"field\": \"key\", \"direction\": \"desc\"}]";
        CompiledSearch first = compile(request + "}", Optional.empty());
        String cursor = new KeysetCursor(first.fingerprint(), List.of("t/k")).encode(first.order());
        SqlStatement page = compile(request + ", \"cursor\": \"" + cursor + "\"}", Optional.empty()).page();
        assertTrue(page.sql().contains("WHERE deleted_at IS NULL) AS page WHERE ((sort_1 < ?)) ORDER BY sort_1 DESC"
                + " LIMIT " + BoundedIndexWalk.WALK_BUDGET
                + ") AS walked WHERE owner = ? ORDER BY sort_1 DESC LIMIT ?)"),
                page.sql());
        assertTrue(page.sql().contains("WHERE owner = ? AND deleted_at IS NULL) AS page WHERE ((sort_1 < ?)) OFFSET 0)"),
                page.sql());
        assertEquals("t/k o 51L 51L o t/k 51L 51L", describe(page.parameters()));
    }

    /**
     * Updated in a range, under a key prefix, tagged: (updated_at, key) applies the range and the prefix to its walk,
     * the tag is the residual filter; the walk keeps every sort column, so either branch hands the executor the values
     * of the next cursor.
     */
    @Test
    void boundsTheUpdatedAtOrderWalkWhenTheFilterNeedsMoreThanThatIndex() throws Exception {
        CompiledSearch search = compile("{\"filter\": {\"and\": ["
                + "{\"field\": \"updatedAt\", \"op\": \"gte\", \"value\": \"2026-11-01T00:00:00Z\"}, "
                + "{\"field\": \"key\", \"op\": \"starts_with\", \"value\": \"a/\"}, "
                + "{\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"x\"]}]}, "
                + "\"sort\": [{\"field\": \"updatedAt\", \"direction\": \"desc\"}]}", Optional.empty());
        String walk = "SELECT * FROM (SELECT *, updated_at AS sort_1, key AS sort_2 FROM metastore.metastore_records"
                + " WHERE updated_at >= ? AND (key >= ? AND key < ?) AND deleted_at IS NULL) AS page"
                + " ORDER BY sort_1 DESC, sort_2 ASC LIMIT " + BoundedIndexWalk.WALK_BUDGET;
        String where = "(updated_at >= ? AND (key >= ? AND key < ?) AND tags @> ?) AND deleted_at IS NULL";
        assertEquals("WITH walk AS MATERIALIZED (SELECT key, CAST(metadata AS text) AS metadata, tags, owner, version,"
                + " created_at, updated_at, created_by, updated_by, deleted_at, sort_1, sort_2 FROM (" + walk
                + ") AS walked WHERE tags @> ? ORDER BY sort_1 DESC, sort_2 ASC LIMIT ?)"
                + " SELECT * FROM walk WHERE (SELECT count(*) FROM walk) = ?"
                + " UNION ALL SELECT * FROM (" + SELECT + ", updated_at AS sort_1, key AS sort_2"
                + " FROM metastore.metastore_records WHERE " + where + ") AS page OFFSET 0) AS candidates"
                + " WHERE (SELECT count(*) FROM walk) < ? ORDER BY sort_1 DESC, sort_2 ASC LIMIT ?",
                search.page().sql());
        assertEquals("2026-11-01T00:00Z a/ a0 [x] 51L 51L 2026-11-01T00:00Z a/ a0 [x] 51L 51L",
                describe(search.page().parameters()));
    }

    @Test
    void startsTheUpdatedAtOrderWalkAndItsFallbackAfterTheCursor() throws Exception {
        String request = "{\"filter\": {\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"x\"]}, "
                + "\"sort\": [{\"field\": \"updatedAt\"}]";
        CompiledSearch first = compile(request + "}", Optional.empty());
        OffsetDateTime updated = OffsetDateTime.parse("2026-11-27T20:05:00.654321Z");
        String cursor = new KeysetCursor(first.fingerprint(), List.of(updated, "t/k")).encode(first.order());
        SqlStatement page = compile(request + ", \"cursor\": \"" + cursor + "\"}", Optional.empty()).page();
        String after = "WHERE ((sort_1 > ?) OR (sort_1 = ? AND sort_2 > ?))";
        assertTrue(page.sql().contains("WHERE deleted_at IS NULL) AS page " + after + " ORDER BY sort_1 ASC, sort_2 ASC"
                + " LIMIT " + BoundedIndexWalk.WALK_BUDGET + ") AS walked WHERE tags @> ?"), page.sql());
        assertTrue(page.sql().contains("WHERE tags @> ? AND deleted_at IS NULL) AS page " + after + " OFFSET 0)"),
                page.sql());
        assertEquals(List.of(updated, updated, "t/k"), page.parameters().subList(0, 3));
        assertEquals(List.of(updated, updated, "t/k"), page.parameters().subList(7, 10));
    }

    /**
     * The order's index applies every condition (a namespace and a key range in key order, an updatedAt range in
     * updatedAt order), or no index serves the order (createdAt, a metadata path): no walk to bound.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"filter\": {\"and\": [{\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"a\"}, "
                    + "{\"field\": \"key\", \"op\": \"lt\", \"value\": \"a/m\"}]}}",
            "{\"filter\": {\"field\": \"updatedAt\", \"op\": \"between\", "
                    + "\"value\": [\"2026-11-01T00:00:00Z\", \"2026-11-02T00:00:00Z\"]}, "
                    + "\"sort\": [{\"field\": \"updatedAt\", \"direction\": \"desc\"}]}",
            "{\"filter\": {\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"x\"]}, "
                    + "\"sort\": [{\"field\": \"createdAt\"}]}",
            "{\"filter\": {\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"x\"]}, "
                    + "\"sort\": [{\"field\": \"metadata.size\"}, {\"field\": \"updatedAt\"}]}"})
    void keepsTheSingleOrderedQueryWhenTheIndexAppliesTheFilterOrNoIndexServesTheOrder(String request)
            throws Exception {
        assertTrue(compile(request, Optional.empty()).page().sql().startsWith(SELECT), request);
    }

    @Test
    void expandsAMetadataSortIntoAbsenceTypeNumberTextAndJsonb() throws Exception {
        CompiledSearch search = compile("{\"sort\": [{\"field\": \"metadata.a.b\", \"direction\": \"desc\"}]}",
                Optional.empty());
        String value = "metadata -> ? -> ?";
        assertEquals(SELECT + ", (" + value + " IS NULL) AS sort_1"
                + ", CAST(CASE jsonb_typeof(" + value + ") WHEN 'null' THEN 0 WHEN 'string' THEN 1 WHEN 'number' THEN 2"
                + " WHEN 'boolean' THEN 3 WHEN 'array' THEN 4 WHEN 'object' THEN 5 END AS bigint) AS sort_2"
                + ", (CASE WHEN jsonb_typeof(" + value + ") = 'number' THEN CAST(" + value + " AS numeric) END)"
                + " AS sort_3"
                + ", (CASE WHEN jsonb_typeof(" + value + ") = 'string' THEN (" + value + " #>> '{}') END)"
                + " COLLATE \"C\" AS sort_4"
                + ", " + value + " AS sort_5, key AS sort_6 FROM metastore.metastore_records WHERE deleted_at IS NULL)"
                + " AS page ORDER BY sort_1 ASC, sort_2 DESC, sort_3 DESC, sort_4 DESC, sort_5 DESC, sort_6 ASC"
                + " LIMIT ?", search.page().sql());
        assertEquals("a b a b a b a b a b a b a b 51L", describe(search.page().parameters()));
    }

    @Test
    void sortsNullableColumnsAbsentLastAndStopsAtTheKey() throws Exception {
        assertEquals(List.of("(owner IS NULL) false", "owner true", "key false"),
                order("[{\"field\": \"owner\", \"direction\": \"desc\"}]"));
        assertEquals(List.of("version false", "key true"),
                order("[{\"field\": \"version\"}, {\"field\": \"key\", \"direction\": \"desc\"}, "
                        + "{\"field\": \"owner\"}]"));
    }

    @Test
    void keysetPredicateSkipsNullCursorValuesAndFollowsDirections() throws Exception {
        String sort = "\"sort\": [{\"field\": \"metadata.v\", \"direction\": \"desc\"}]";
        CompiledSearch first = compile("{" + sort + "}", Optional.empty());
        // the last row held the number 5: its text sort value is NULL
        String cursor = new KeysetCursor(first.fingerprint(),
                Arrays.asList(false, 2L, new BigDecimal("5"), null, "5", "t/k")).encode(first.order());
        SqlStatement page = compile("{" + sort + ", \"cursor\": \"" + cursor + "\"}", Optional.empty()).page();
        assertTrue(page.sql().contains(" WHERE ((sort_1 > ?)"
                + " OR (sort_1 = ? AND sort_2 < ?)"
                + " OR (sort_1 = ? AND sort_2 = ? AND sort_3 < ?)"
                + " OR (sort_1 = ? AND sort_2 = ? AND sort_3 = ? AND sort_5 < CAST(? AS jsonb))"
                + " OR (sort_1 = ? AND sort_2 = ? AND sort_3 = ? AND sort_5 = CAST(? AS jsonb) AND sort_6 > ?))"
                + " ORDER BY"), page.sql());
        assertEquals("v v v v v v v false false 2L false 2L 5 false 2L 5 5 false 2L 5 5 t/k 51L",
                describe(page.parameters()));
    }

    @Test
    void keysetPredicateAfterARowLackingTheField() throws Exception {
        String sort = "\"sort\": [{\"field\": \"metadata.v\"}]";
        CompiledSearch first = compile("{" + sort + "}", Optional.empty());
        String cursor = new KeysetCursor(first.fingerprint(), Arrays.asList(true, null, null, null, null, "t/k"))
                .encode(first.order());
        SqlStatement page = compile("{" + sort + ", \"cursor\": \"" + cursor + "\"}", Optional.empty()).page();
        assertTrue(page.sql().contains(" WHERE ((sort_1 > ?) OR (sort_1 = ? AND sort_6 > ?)) ORDER BY"), page.sql());
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
        String thousand = "[" + "1,".repeat(999) + "1]";
        String inList = "{\"field\": \"metadata.a\", \"op\": \"in\", \"value\": " + thousand + "}";
        // each scalar metadata equality binds one value: 66 lists of 1000 exceed 65,535
        String filter = "{\"or\": [" + String.join(",", Collections.nCopies(66, inList)) + "]}";
        Failure refused = assertThrows(Failure.class,
                () -> compile("{\"filter\": " + filter + "}", Optional.empty()));
        assertEquals("filter", refused.violations().get(0).path());
    }

    @Test
    void bindsNamespacesAsASortedTextArray() throws Exception {
        Object namespaces = compile("{}", Optional.of(Set.of("z", "a", "m"))).page().parameters().get(0);
        assertArrayEquals(new String[] {"a", "m", "z"}, (String[]) namespaces);
        assertFalse(compile("{}", Optional.of(Set.of())).page().sql().contains("TRUE"));
    }

    private static List<String> order(String sort) throws Exception {
        return compile("{\"sort\": " + sort + "}", Optional.empty()).order().stream()
                .map(c -> c.expression().sql() + " " + c.descending()).toList();
    }

    private static CompiledSearch compile(String request, Optional<Set<String>> namespaces) throws Exception {
        return new SearchCompiler().compile(new SearchRequestParser().parse(Json.MAPPER.readTree(request)),
                namespaces);
    }
}
