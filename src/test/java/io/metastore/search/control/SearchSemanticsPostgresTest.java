package io.metastore.search.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.metastore.platform.DatabaseFailures;
import io.metastore.platform.Failure;
import io.metastore.platform.Json;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.search.RandomSearches;
import io.metastore.search.SearchOracle;
import io.metastore.search.boundary.Projection;
import io.metastore.search.control.query.Field;
import io.metastore.search.control.query.SearchQuery;
import io.metastore.search.control.query.SearchRequestParser;
import io.metastore.search.control.sql.BoundedIndexWalk;
import io.metastore.search.control.sql.SearchCompiler;
import io.metastore.security.NamespaceGrants;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What searches match and in which order, checked against a real PostgreSQL: stated cases on a small fixture, and every
 * page of generated searches on generated records compared with {@link SearchOracle}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchSemanticsPostgresTest {

    /** Namespace t: one record per JSON type (and absence) of metadata.v. */
    private static final List<String> ALL_T = List.of("t/absent", "t/arr", "t/arrdeep", "t/arrobj", "t/false",
            "t/n10", "t/n10f", "t/n9", "t/nested", "t/null", "t/obj", "t/s10", "t/s9", "t/str-k", "t/true");

    private TestDatabase db;

    @BeforeAll
    void createDatabase() throws Exception {
        db = TestDatabase.create();
        db.insert("t/n9", "{\"v\": 9}", List.of("prod", "pii"), "alice", null);
        db.insert("t/n10", "{\"v\": 10}", List.of("prod"), "bob", null);
        db.insert("t/n10f", "{\"v\": 10.0}");
        db.insert("t/s9", "{\"v\": \"9\"}", List.of(), "alice", null);
        db.insert("t/s10", "{\"v\": \"10\"}");
        db.insert("t/str-k", "{\"v\": \"k\"}");
        db.insert("t/null", "{\"v\": null}");
        db.insert("t/absent", "{}");
        db.insert("t/true", "{\"v\": true}");
        db.insert("t/false", "{\"v\": false}");
        db.insert("t/obj", "{\"v\": {\"k\": 1}}");
        db.insert("t/nested", "{\"v\": {\"0\": {\"deep\": \"yes\"}}}");
        db.insert("t/arr", "{\"v\": [1, \"x\"]}");
        db.insert("t/arrobj", "{\"v\": [{\"k\": 1}]}");
        db.insert("t/arrdeep", "{\"v\": [{\"deep\": \"yes\"}]}");
        db.insert("t/deleted", "{\"v\": 9}", List.of(), null, OffsetDateTime.parse("2026-11-28T00:00:00Z"));
        db.insert("other/x", "{\"v\": 9}");
        for (String name : List.of("Z", "a", "é", "日", "😀", "100%", "a_b", "axb")) {
            db.insert("u/" + name, Json.write(Json.MAPPER.createObjectNode().put("name", name)));
        }
        for (int i = 0; i < ESCAPED.size(); i++) {
            ObjectNode metadata = Json.MAPPER.createObjectNode();
            metadata.putObject("o").put(ESCAPED.get(i), ESCAPED.get(i)).put("n", 1.50);
            db.insert("e/" + i, Json.write(metadata.put("s", ESCAPED.get(i))));
        }
    }

    /** Strings that JSON text must escape, and some it need not. */
    private static final List<String> ESCAPED = List.of("say \"hi\"", "back\\slash", "tab\tnew\nline\u0001",
            "😀 é 日", "</script>");

    @AfterAll
    void dropDatabase() throws Exception {
        db.close();
    }

    @ParameterizedTest(name = "metadata.v {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            eq       | 10              | t/n10 t/n10f
            eq       | "10"            | t/s10
            eq       | null            | t/null
            eq       | true            | t/true
            eq       | {"k": 1}        | t/obj
            eq       | [1, "x"]        | t/arr
            eq       | [1]             | ''
            gt       | 9               | t/n10 t/n10f
            gt       | "9"             | t/str-k
            lt       | "9"             | t/s10
            lte      | 9.0             | t/n9
            between  | [9, 10]         | t/n10 t/n10f t/n9
            between  | ["1", "9"]      | t/s10 t/s9
            in       | [9, "9", null]  | t/n9 t/null t/s9
            in       | []              | ''
            contains | "1"             | t/s10
            contains | "x"             | ''
            contains | {"k": 1}        | t/obj
            contains | [1]             | t/arr
            contains | [{"k": 1}]      | t/arrobj
            has_key  | "k"             | t/obj
            has_key  | "deep"          | ''
            array_contains | [1]       | t/arr
            array_contains | [1, "x"]  | t/arr
            array_contains | ["1"]     | ''
            starts_with | "1"          | t/s10
            """)
    void comparesByTheJsonTypeOfTheValue(String op, String value, String expected) throws Exception {
        assertEquals(words(expected), keysInT("{\"field\": \"metadata.v\", \"op\": \"" + op + "\", \"value\": "
                + value + "}"));
    }

    /** The compiler writes request values into jsonb parameters itself: each must reach PostgreSQL unchanged. */
    @Test
    void valuesJsonMustEscapeMatchExactly() throws Exception {
        for (int i = 0; i < ESCAPED.size(); i++) {
            String text = Json.write(Json.MAPPER.getNodeFactory().textNode(ESCAPED.get(i)));
            assertEquals(List.of("e/" + i), keysIn("e", "{\"field\": \"metadata.s\", \"op\": \"eq\", \"value\": "
                    + text + "}"), text);
            assertEquals(List.of("e/" + i), keysIn("e", "{\"field\": \"metadata.s\", \"op\": \"in\", \"value\": ["
                    + text + ", \"other\"]}"), text);
            assertEquals(List.of("e/" + i), keysIn("e", "{\"field\": \"metadata.o\", \"op\": \"eq\", \"value\": {"
                    + text + ": " + text + ", \"n\": 1.5}}"), text);
            assertEquals(List.of("e/" + i), keysIn("e", "{\"field\": \"metadata.o\", \"op\": \"has_key\", \"value\": "
                    + text + "}"), text);
        }
    }

    @Test
    void neqAndNotAreExactComplements() throws Exception {
        List<String> notTen = ALL_T.stream().filter(k -> !k.startsWith("t/n10")).toList();
        assertEquals(notTen, keysInT("{\"field\": \"metadata.v\", \"op\": \"neq\", \"value\": 10}"));
        assertEquals(notTen, keysInT("{\"not\": {\"field\": \"metadata.v\", \"op\": \"gt\", \"value\": 9}}"));
        assertEquals(List.of("t/n10", "t/n10f"),
                keysInT("{\"not\": {\"not\": {\"field\": \"metadata.v\", \"op\": \"eq\", \"value\": 10}}}"));
        assertEquals(allTExcept("t/null"),
                keysInT("{\"field\": \"metadata.v\", \"op\": \"neq\", \"value\": null}"));
        assertEquals(allTExcept("t/obj"),
                keysInT("{\"not\": {\"field\": \"metadata.v\", \"op\": \"has_key\", \"value\": \"k\"}}"));
    }

    @Test
    void existsMeansThePathIsPresentEvenWhenNull() throws Exception {
        assertEquals(allTExcept("t/absent"),
                keysInT("{\"field\": \"metadata.v\", \"op\": \"exists\"}"));
        assertEquals(allTExcept("t/absent"),
                keysInT("{\"field\": \"metadata\", \"op\": \"has_key\", \"value\": \"v\"}"));
    }

    @Test
    void digitSegmentsAreObjectKeysNotArrayIndexes() throws Exception {
        assertEquals(List.of("t/nested"),
                keysInT("{\"field\": \"metadata.v.0.deep\", \"op\": \"eq\", \"value\": \"yes\"}"));
        assertEquals(List.of("t/nested"), keysInT("{\"field\": \"metadata.v.0.deep\", \"op\": \"exists\"}"));
        assertEquals(List.of("t/nested"),
                keysInT("{\"field\": \"metadata.v.0\", \"op\": \"has_key\", \"value\": \"deep\"}"));
    }

    @Test
    void columnsTagsAndTimestamps() throws Exception {
        assertEquals(List.of("t/n10", "t/n9"), keysInT("{\"field\": \"tags\", \"op\": \"array_contains\", "
                + "\"value\": [\"prod\"]}"));
        assertEquals(List.of("t/n9"), keysInT("{\"field\": \"tags\", \"op\": \"array_contains\", "
                + "\"value\": [\"prod\", \"pii\"]}"));
        assertEquals(List.of("t/n9", "t/s9"), keysInT("{\"field\": \"owner\", \"op\": \"eq\", \"value\": \"alice\"}"));
        assertEquals(ALL_T.size() - 3, keysInT("{\"field\": \"owner\", \"op\": \"eq\", \"value\": null}").size());
        assertEquals(List.of("t/n10", "t/n10f"),
                keysInT("{\"field\": \"key\", \"op\": \"starts_with\", \"value\": \"t/n1\"}"));
        assertEquals(ALL_T, keysInT("{\"field\": \"createdAt\", \"op\": \"eq\", "
                + "\"value\": \"2026-11-27T21:00:00.123456+01:00\"}"));
        assertEquals(List.of(), keysInT("{\"field\": \"updatedAt\", \"op\": \"lt\", "
                + "\"value\": \"2026-11-27T20:00:00.123456Z\"}"));
        assertEquals(ALL_T, keysInT("{\"field\": \"version\", \"op\": \"in\", \"value\": [1, 2]}"));
    }

    @Test
    void stringsCompareByCodePointAndContainsIsLiteral() throws Exception {
        List<String> codePointOrder = Stream.of("Z", "a", "é", "日", "😀", "100%", "a_b", "axb")
                .sorted(SearchSemanticsPostgresTest::byCodePoint).map(n -> "u/" + n).toList();
        assertEquals(codePointOrder, keys(db.search("{\"filter\": {\"field\": \"namespace\", \"op\": \"eq\", "
                + "\"value\": \"u\"}, \"sort\": [{\"field\": \"metadata.name\"}]}")));
        assertEquals(List.of("u/100%", "u/Z", "u/a", "u/a_b", "u/axb"), keysIn("u",
                "{\"field\": \"metadata.name\", \"op\": \"lt\", \"value\": \"é\"}"));
        assertEquals(List.of("u/100%"), keysIn("u", "{\"field\": \"metadata.name\", \"op\": \"contains\", "
                + "\"value\": \"%\"}"));
        assertEquals(List.of("u/a_b"), keysIn("u", "{\"field\": \"metadata.name\", \"op\": \"contains\", "
                + "\"value\": \"a_b\"}"));
        assertEquals(List.of("u/a_b"), keysIn("u", "{\"field\": \"key\", \"op\": \"starts_with\", "
                + "\"value\": \"u/a_\"}"));
        assertEquals(List.of("u/日"), keysIn("u", "{\"field\": \"key\", \"op\": \"starts_with\", "
                + "\"value\": \"u/日\"}"));
    }

    @Test
    void sortsMixedTypesInJsonbOrderWithAbsentLast() throws Exception {
        List<String> ascending = List.of("t/null", "t/s10", "t/s9", "t/str-k", "t/n9", "t/n10", "t/n10f",
                "t/false", "t/true", "t/arrdeep", "t/arrobj", "t/arr", "t/nested", "t/obj", "t/absent");
        List<String> descending = List.of("t/obj", "t/nested", "t/arr", "t/arrobj", "t/arrdeep", "t/true",
                "t/false", "t/n10", "t/n10f", "t/n9", "t/str-k", "t/s9", "t/s10", "t/null", "t/absent");
        assertEquals(ascending, keys(db.search(inT("asc", 1000, null))));
        assertEquals(descending, keys(db.search(inT("desc", 1000, null))));
    }

    @ParameterizedTest
    @CsvSource({"asc, 1", "desc, 2", "asc, 4", "desc, 15"})
    void pagingReturnsEveryRowOnceInOrder(String direction, int limit) throws Exception {
        assertEquals(keys(db.search(inT(direction, 1000, null))), allPages(inT(direction, limit, null), limit));
    }

    /**
     * A filter the walked index cannot apply ({@code not} a tag) sends key and updatedAt order through the bounded
     * walk: full pages come from the walk, the last short one from its fallback, and the cursor after either branch's
     * last row must continue exactly. Every row here was written at the same instant, so updatedAt ties throughout
     * and the key (ascending in either direction) orders them.
     */
    @ParameterizedTest
    @CsvSource({"key, asc, 2", "key, desc, 4", "updatedAt, asc, 2", "updatedAt, desc, 4"})
    void pagesThroughTheBoundedWalkAndItsFallback(String field, String direction, int limit) throws Exception {
        String filter = "{\"and\": [{\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"t\"}, "
                + "{\"not\": {\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"nope\"]}}]}";
        String sort = "[{\"field\": \"" + field + "\", \"direction\": \"" + direction + "\"}]";
        List<String> paged = allPages("{\"filter\": " + filter + ", \"sort\": " + sort + ", \"limit\": " + limit + "}",
                limit);
        List<String> expected = new ArrayList<>(ALL_T);
        if (field.equals("key") && direction.equals("desc")) {
            Collections.reverse(expected);
        }
        assertEquals(expected, paged);
    }

    @ParameterizedTest
    @CsvSource({"asc, t/n9 t/s9 t/n10", "desc, t/n10 t/n9 t/s9"})
    void pagesByNullableColumnsInBothDirections(String direction, String withOwner) throws Exception {
        List<String> paged = allPages("{\"filter\": {\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"t\"}, "
                + "\"sort\": [{\"field\": \"owner\", \"direction\": \"" + direction + "\"}, "
                + "{\"field\": \"metadata.v\", \"direction\": \"desc\"}], \"limit\": 3}", 3);
        assertEquals(new HashSet<>(ALL_T), new HashSet<>(paged));
        assertEquals(ALL_T.size(), paged.size());
        assertEquals(words(withOwner), paged.subList(0, 3), "owners first, records without owner last");
    }

    @Test
    void pagesByIntegerAndTimestampColumns() throws Exception {
        List<String> paged = allPages("{\"filter\": {\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"t\"}, "
                + "\"includeDeleted\": true, \"sort\": [{\"field\": \"version\"}, "
                + "{\"field\": \"deletedAt\", \"direction\": \"desc\"}, {\"field\": \"createdAt\"}], \"limit\": 2}", 2);
        List<String> expected = new ArrayList<>(List.of("t/deleted"));
        expected.addAll(ALL_T);
        assertEquals(expected, paged, "deleted first (others lack deletedAt), then by key");
    }

    @Test
    void nextCursorIsNullWhenTheLastPageIsFull() throws Exception {
        String request = "{\"filter\": {\"field\": \"key\", \"op\": \"starts_with\", \"value\": \"t/n1\"}, "
                + "\"limit\": %d}";
        SearchPage full = db.search(request.formatted(2));
        assertEquals(List.of("t/n10", "t/n10f"), keys(full));
        assertNull(full.nextCursor());
        assertNotNull(db.search(request.formatted(1)).nextCursor());
    }

    /**
     * The cursor comes back in a request body, so its size decides how long a sort value can page at all: a string
     * sort value is carried once (base64url: 4/3 of its length), not also as the jsonb tie-breaker, which only
     * types other than numbers and strings need.
     */
    @Test
    void aCursorCarriesALongStringSortValueOnce() throws Exception {
        String longText = "a".repeat(300_000);
        db.insert("long/1", "{\"s\": \"" + longText + "\"}");
        db.insert("long/2", "{\"s\": \"" + longText + "b\"}");
        String request = "{\"filter\": {\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"long\"}, "
                + "\"sort\": [{\"field\": \"metadata.s\"}], \"limit\": 1%s}";
        SearchPage first = db.search(request.formatted(""));
        assertEquals(List.of("long/1"), keys(first));
        assertTrue(first.nextCursor().length() < longText.length() * 4 / 3 + 1000, first.nextCursor().length()
                + " characters of cursor for a sort value of " + longText.length());
        SearchPage second = db.search(request.formatted(", \"cursor\": \"" + first.nextCursor() + "\""));
        assertEquals(List.of("long/2"), keys(second));
        assertNull(second.nextCursor());
    }

    /**
     * The cursor is base64url JSON, so a client can rewrite its values while keeping the search's fingerprint: each
     * forged value of the number column (2; 0 is the absent flag, 1 the type rank) or of the jsonb column (4, the
     * same text as a JSON string) is refused as a bad cursor, or answered as a page, or refused by PostgreSQL with an
     * error the service answers with a 4xx; never anything else.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1e999999999", "1e-999999999", "1e400", "0.000000000000000000001",
            "123456789012345678901234567890123456789.5", "\"10\"", "\"NaN\"", "true", "{}", "[]", "null", "[1e-999999]"})
    void aForgedNumberInACursorIsAnsweredOrRefusedButNeverFails(String forged) throws Exception {
        String request = "{\"filter\": {\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"t\"}, "
                + "\"sort\": [{\"field\": \"metadata.v\"}], \"limit\": 2%s}";
        String issued = db.search(request.formatted("")).nextCursor();
        for (int column : new int[] {2, 4}) {
            ObjectNode cursor = (ObjectNode) Json.MAPPER.readTree(Base64.getUrlDecoder().decode(issued));
            // written as it is: the service's own writer refuses a number of a billion digits
            ((ArrayNode) cursor.get("v")).set(column, Json.MAPPER.getNodeFactory().rawValueNode(
                    new RawValue(column == 2 ? forged : Json.write(forged))));
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(cursor).getBytes(UTF_8));
            try {
                SearchPage page = db.search(request.formatted(", \"cursor\": \"" + token + "\""));
                assertTrue(page.items().size() <= 2);
            } catch (Failure refused) {
                assertEquals("cursor", refused.violations().get(0).path());
            } catch (SQLException refusedByPostgres) {
                Optional<Failure> answer = DatabaseFailures.classify(refusedByPostgres);
                assertTrue(answer.isPresent() && Set.of(Failure.Kind.INVALID, Failure.Kind.MALFORMED,
                        Failure.Kind.TOO_LARGE).contains(answer.get().kind()), "PostgreSQL's refusal of column "
                        + column + " must be a client error: " + refusedByPostgres);
            }
        }
    }

    @Test
    void aCursorOfAnotherSearchIsRefused() throws Exception {
        String cursor = db.search(inT("asc", 2, null)).nextCursor();
        Failure refused = assertThrows(Failure.class, () -> db.search(
                "{\"filter\": {\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"u\"}, \"sort\": [{\"field\": "
                        + "\"metadata.v\"}], \"cursor\": \"" + cursor + "\"}"));
        assertEquals(Failure.Kind.INVALID, refused.kind());
        assertEquals("cursor", refused.violations().get(0).path());
        assertThrows(Failure.class, () -> db.search(inT("desc", 2, cursor)));
    }

    @Test
    void restrictsNamespacesHidesDeletedAndCounts() throws Exception {
        String nines = "{\"filter\": {\"field\": \"metadata.v\", \"op\": \"eq\", \"value\": 9}, \"count\": true%s}";
        assertEquals(List.of("other/x", "t/n9"), keys(db.search(nines.formatted(""))));
        SearchPage restricted = db.search(nines.formatted(""), Optional.of(Set.of("t", "u")));
        assertEquals(List.of("t/n9"), keys(restricted));
        assertEquals(1L, restricted.total());
        assertEquals(List.of(), keys(db.search(nines.formatted(""), Optional.of(Set.of()))));
        SearchPage withDeleted = db.search(nines.formatted(", \"includeDeleted\": true, \"limit\": 1"));
        assertEquals(List.of("other/x"), keys(withDeleted));
        assertEquals(3L, withDeleted.total());
        assertNull(db.search(nines.replace("true", "false").formatted("")).total());
    }

    @Test
    void mapsRowsAndProjectsFields() throws Exception {
        SearchPage page = db.search("{\"filter\": {\"field\": \"key\", \"op\": \"eq\", \"value\": \"t/n9\"}}");
        RecordSnapshot record = page.items().get(0);
        assertEquals(List.of("prod", "pii"), record.tags());
        assertEquals("alice", record.owner());
        assertEquals(TestDatabase.CREATED.toInstant(), record.createdAt());
        assertNull(record.deletedAt());
        assertEquals("{\"key\":\"t/n9\",\"metadata\":{\"v\":9},\"version\":1}", Json.write(
                new Projection(List.of(Field.parse("metadata.v", "f"), Field.parse("version", "f"),
                        Field.parse("metadata.missing.x", "f"))).apply(record)));
        assertEquals("2026-11-27T20:00:00.123456Z",
                Json.MAPPER.valueToTree(new Projection(List.of()).apply(record)).get("createdAt").asText());
    }

    @Test
    void theExecutorBoundsAndPlansSearchesWithinTheTransaction() throws Exception {
        SearchQuery query = new SearchRequestParser().parse(Json.MAPPER.readTree("{}"));
        try (Connection connection = db.connect()) {
            List<String> serverSettings = settings(connection);
            connection.setAutoCommit(false);
            new SearchExecutor("1500ms").execute(connection, new SearchCompiler().compile(query, Optional.empty()));
            assertEquals(List.of("1500ms", "force_custom_plan", "off"), settings(connection));
            connection.commit();
            assertEquals(serverSettings, settings(connection), "set for the transaction only");
        }
    }

    private static List<String> settings(Connection connection) throws Exception {
        try (ResultSet row = connection.createStatement().executeQuery(
                "SELECT current_setting('statement_timeout'), current_setting('plan_cache_mode'),"
                        + " current_setting('jit')")) {
            row.next();
            return List.of(row.getString(1), row.getString(2), row.getString(3));
        }
    }

    /*
     * The real search, every page through its cursors, against {@link SearchOracle} on seeded random records
     * ({@link RandomSearches}) for every shape of grant. The data is large enough that a page in key or updatedAt order
     * comes from the bounded walk when the filter is common and from its fallback when the matches sit past the walk's
     * budget (theDataSendsPagesThroughBothBranches).
     */
    private static final long SEED = 20261129L;
    private static final int RANDOM_REQUESTS = 24;
    /** Random requests get a limit that pages through their matches in about this many pages. */
    private static final int PAGES = 5;
    private static final String COMMON = "{\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"prod\"]}";
    private static final String LATE = "{\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"late\"]}";
    private static final List<String> ORDERS = List.of("key", "updatedAt");

    private TestDatabase generated;
    private List<RecordSnapshot> records;
    private final List<ObjectNode> randomRequests = new ArrayList<>();

    @BeforeAll
    void createRecords() throws Exception {
        generated = TestDatabase.create();
        RandomSearches corpus = new RandomSearches(SEED);
        records = corpus.records();
        generated.insertAll(records);
        try (Connection connection = generated.connect()) {
            connection.createStatement().execute("ANALYZE metastore.metastore_records");
        }
        Random limits = new Random(SEED);
        for (int i = 0; i < RANDOM_REQUESTS; i++) {
            ObjectNode request = corpus.request();
            int matches = SearchOracle.search(records, request, Set.of("*:read")).size();
            int small = List.of(1, 3, 17, 50).get(limits.nextInt(4));
            request.put("limit", Math.min(SearchQuery.MAX_LIMIT, Math.max(small, (matches + PAGES - 1) / PAGES)));
            randomRequests.add(request);
        }
    }

    @AfterAll
    void dropGeneratedDatabase() throws Exception {
        generated.close();
    }

    /** One namespace, several, write grants only (which imply read), every namespace, none. */
    Stream<Arguments> grants() {
        return Stream.of(
                Arguments.of("one namespace", Set.of("m:read")),
                Arguments.of("several namespaces", Set.of("a:read", "big:read", "zz:read", "empty:read")),
                Arguments.of("write grants only", Set.of("m:write", "big:write")),
                Arguments.of("every namespace", Set.of("*:read")),
                Arguments.of("no grant", Set.of("metastore-users")));
    }

    Stream<Arguments> grantsAndOrders() {
        return grants().flatMap(grant -> ORDERS.stream().map(field -> Arguments.of(grant.get()[0], grant.get()[1],
                field)));
    }

    /**
     * Common and late filters in both orders the walk serves, in both directions: in ascending order the late
     * matches come after more than the walk's budget, in descending order first. A namespace grant bounds the
     * walk too, so a walk that forgot it would return other namespaces' rows.
     */
    @ParameterizedTest(name = "{0}, {2} order")
    @MethodSource("grantsAndOrders")
    void commonAndLateFiltersInIndexOrders(String shape, Set<String> groups, String field) throws Exception {
        for (String direction : List.of("asc", "desc")) {
            String sort = ", \"sort\": [{\"field\": \"" + field + "\", \"direction\": \"" + direction + "\"}]";
            assertAgrees("{\"filter\": " + COMMON + sort + ", \"limit\": 1000}", groups);
            assertAgrees("{\"filter\": " + LATE + sort + ", \"limit\": 100, \"count\": true}", groups);
            assertAgrees("{\"filter\": {\"and\": [{\"field\": \"key\", \"op\": \"starts_with\", "
                    + "\"value\": \"big/item-1\"}, {\"not\": " + COMMON + "}]}" + sort + ", \"limit\": 200}",
                    groups);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grants")
    void randomSearches(String shape, Set<String> groups) throws Exception {
        for (ObjectNode request : randomRequests) {
            assertAgrees(Json.write(request), groups);
        }
    }

    /**
     * What the tests above rely on: a walk of the first {@link BoundedIndexWalk#WALK_BUDGET} rows in key or
     * updatedAt order (ascending) finds more than a page of the common filter's matches and none of the late
     * filter's, of which there are more than a page, for a caller who may read big.
     */
    @Test
    void theDataSendsPagesThroughBothBranches() throws Exception {
        for (Set<String> groups : List.of(Set.of("*:read"), Set.of("big:write"))) {
            for (String field : ORDERS) {
                List<RecordSnapshot> walked = SearchOracle.search(records, Json.MAPPER.readTree(
                        "{\"sort\": [{\"field\": \"" + field + "\"}]}"), groups).subList(0, BoundedIndexWalk.WALK_BUDGET);
                assertTrue(count(walked, COMMON) > SearchQuery.MAX_LIMIT, field);
                assertEquals(0, count(walked, LATE), field);
                assertTrue(count(records, LATE) > 100);
            }
        }
    }

    private long count(List<RecordSnapshot> rows, String filter) throws Exception {
        JsonNode parsed = Json.MAPPER.readTree(filter);
        return rows.stream().filter(row -> row.deletedAt() == null && SearchOracle.matches(parsed, row)).count();
    }

    /** Pages through {@code request} to its end and compares every page with the oracle's order. */
    private void assertAgrees(String request, Set<String> groups) throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(request);
        List<String> expected = SearchOracle.search(records, json, groups).stream().map(RecordSnapshot::key)
                .toList();
        Optional<Set<String>> readable = new NamespaceGrants(groups).readableNamespaces();
        int limit = json.path("limit").asInt(SearchQuery.DEFAULT_LIMIT);
        List<String> paged = new ArrayList<>();
        String cursor = null;
        try (Connection connection = generated.connect()) {
            do {
                ObjectNode page = json.deepCopy();
                if (cursor != null) {
                    page.put("cursor", cursor);
                }
                SearchPage answer = TestDatabase.search(connection, Json.write(page), readable);
                int from = paged.size();
                String where = "page from row " + from + " of " + request + " for " + groups;
                assertEquals(expected.subList(from, Math.min(expected.size(), from + limit)), keys(answer), where);
                paged.addAll(keys(answer));
                assertEquals(paged.size() < expected.size(), answer.nextCursor() != null, "nextCursor of the " + where);
                if (json.path("count").asBoolean()) {
                    assertEquals(expected.size(), answer.total(), "total of the " + where);
                }
                cursor = answer.nextCursor();
            } while (cursor != null);
        }
    }

    /** The keys of every page, following nextCursor from the first page of {@code request} to the last. */
    private List<String> allPages(String request, int limit) throws Exception {
        List<String> keys = new ArrayList<>();
        String cursor = null;
        do {
            SearchPage page = db.search(cursor == null ? request
                    : request.substring(0, request.length() - 1) + ", \"cursor\": \"" + cursor + "\"}");
            assertTrue(page.items().size() <= limit);
            keys.addAll(keys(page));
            cursor = page.nextCursor();
        } while (cursor != null);
        return keys;
    }

    private List<String> keysInT(String filter) throws Exception {
        return keysIn("t", filter);
    }

    private List<String> keysIn(String namespace, String filter) throws Exception {
        return keys(db.search("{\"filter\": {\"and\": [{\"field\": \"namespace\", \"op\": \"eq\", \"value\": \""
                + namespace + "\"}, " + filter + "]}, \"limit\": 1000}"));
    }

    private static String inT(String direction, int limit, String cursor) {
        return "{\"filter\": {\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"t\"}, \"sort\": [{\"field\": "
                + "\"metadata.v\", \"direction\": \"" + direction + "\"}], \"limit\": " + limit
                + (cursor == null ? "" : ", \"cursor\": \"" + cursor + "\"") + "}";
    }

    private static List<String> allTExcept(String key) {
        return ALL_T.stream().filter(k -> !k.equals(key)).toList();
    }

    static List<String> keys(SearchPage page) {
        return page.items().stream().map(RecordSnapshot::key).toList();
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
