package io.metastore.search.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Json;
import io.metastore.search.control.query.Filter;
import io.metastore.search.control.query.SearchQuery;
import io.metastore.search.control.query.SearchRequestParser;
import io.metastore.search.control.sql.BoundedIndexWalk;
import io.metastore.search.control.sql.SearchCompiler;
import io.metastore.search.control.sql.SqlStatement;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How PostgreSQL reads the rows of a search on 100,000 of them, as plan properties that matter whatever SQL the
 * compiler writes: the rows scans read from the table (returned or filtered out) stay bounded by what the page needs,
 * and the table is never read sequentially where an index serves the filter. Checked with the custom plans the
 * executor asks for and with the generic plan PostgreSQL may switch a server-side prepared statement to, where the
 * planner cannot see the values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIndexPostgresTest {

    private static final int ROWS = 100_000;
    /** A page of the default size and the row after it, which tells whether more follow. */
    private static final int PAGE = SearchQuery.DEFAULT_LIMIT + 1;

    private TestDatabase db;

    @BeforeAll
    void createRows() throws Exception {
        db = TestDatabase.create();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO metastore.metastore_records (key, metadata, tags, owner, version, created_at,
                                                            updated_at, created_by, updated_by)
                    SELECT 'ns' || (i % 20) || '/item-' || i,
                           jsonb_build_object('size', i % 1000, 'status', 's' || (i % 1000),
                                              'owner', jsonb_build_object('team', 'team-' || (i % 50)),
                                              'labels', jsonb_build_array('l' || (i % 500), 'common'))
                             || CASE WHEN i % 1000 = 0 THEN '{"extra": {"rare": {"flag": true}}}'::jsonb
                                     ELSE '{}'::jsonb END,
                           ARRAY['t' || (i % 100), 'all'], 'team-' || (i % 7), 1, updated_at, updated_at, 'gen', 'gen'
                    FROM generate_series(1, ROWS) AS i,
                         LATERAL (SELECT timestamptz '2026-01-01 00:00Z' + (i % 20 + 10) % 20 * interval '1 day'
                                             + i * interval '1 millisecond' AS updated_at) AS written""".replace("ROWS", String.valueOf(ROWS)));
            // a sample of 300,000 rows covers the whole table, so the statistics (and the plans) are the same every run
            statement.execute("SET default_statistics_target = 1000");
            statement.execute("ANALYZE metastore.metastore_records");
        }
    }

    @AfterAll
    void dropDatabase() throws Exception {
        db.close();
    }

    /**
     * Filters an index serves whose matches are rare, or sit late in key and updatedAt order (row i has key
     * ns(i % 20)/item-i, tag t(i % 100), status s(i % 1000), label l(i % 500); rows were updated namespace by namespace,
     * ns10 first and ns9 last): t5 and s5 only in ns5, which key order reaches after 75,000 rows and updatedAt order
     * after 75,000 ascending and 20,000 descending; l7 only in ns7; the rare extra member only in ns0. The planner knows
     * how common a value is but not where its rows sit in the order, so left to itself it walks the order's index and
     * filters: 75,245 rows for t5, seconds at a million rows. Whatever plan PostgreSQL picks, with the values
     * (the executor forces custom plans) or without them (the generic plan a server-side prepared statement may switch
     * to), a search must read at most a bounded walk of the order plus the matching rows, and never the whole table.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rareOrClusteredFilters")
    void aRareOrClusteredFilterReadsAtMostABoundedWalkAndItsMatches(String planCacheMode, String request)
            throws Exception {
        JsonNode plan = explainAnalyze(request, planCacheMode);
        assertNoSequentialScan(plan);
        long matches = db.search(request.substring(0, request.length() - 1) + ", \"count\": true}").total();
        long read = Plans.rowsRead(plan);
        assertTrue(read <= BoundedIndexWalk.WALK_BUDGET + matches + PAGE, read + " rows read for " + matches
                + " matches in\n" + plan);
    }

    private static final List<String> RARE_OR_CLUSTERED_FILTERS = List.of(
            "{\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"t5\"]}",
            "{\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"t5\", \"t6\"]}",
            "{\"field\": \"metadata.status\", \"op\": \"eq\", \"value\": \"s5\"}",
            "{\"field\": \"metadata.labels\", \"op\": \"array_contains\", \"value\": [\"l7\"]}",
            "{\"field\": \"metadata.extra\", \"op\": \"has_key\", \"value\": \"rare\"}",
            "{\"field\": \"metadata.status\", \"op\": \"in\", \"value\": [\"s5\", \"s25\"]}",
            // nine values or more: PostgreSQL tests a row against them with a hash table, the index still finds them
            "{\"field\": \"metadata.status\", \"op\": \"in\", \"value\": [\"s5\", "
                    + IntStream.range(0, 40).mapToObj(i -> "\"none-" + i + "\"").collect(Collectors.joining(", "))
                    + "]}",
            "{\"and\": [{\"field\": \"key\", \"op\": \"starts_with\", \"value\": \"ns3/item-1\"}, "
                    + "{\"field\": \"metadata.status\", \"op\": \"eq\", \"value\": \"s3\"}, "
                    + "{\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"t3\"]}]}");

    private static Stream<Arguments> rareOrClusteredFilters() {
        List<String> sorts = List.of("", ", \"sort\": [{\"field\": \"key\", \"direction\": \"desc\"}]",
                ", \"sort\": [{\"field\": \"updatedAt\"}]",
                ", \"sort\": [{\"field\": \"updatedAt\", \"direction\": \"desc\"}]");
        return Stream.of("force_custom_plan", "force_generic_plan").flatMap(mode -> RARE_OR_CLUSTERED_FILTERS.stream()
                .flatMap(filter -> sorts.stream().map(sort -> Arguments.of(mode, "{\"filter\": " + filter + sort
                        + "}"))));
    }

    /**
     * A filter no index serves (a range on a metadata path without a declared index), or one PostgreSQL prefers to
     * check on every row (team-5 is 2 % of the rows, spread over all pages): the walk stays bounded and the table is
     * read at most once more, never once per row.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"filter\": {\"field\": \"metadata.size\", \"op\": \"gt\", \"value\": 998}}",
            "{\"filter\": {\"field\": \"metadata.size\", \"op\": \"gt\", \"value\": 998}, "
                    + "\"sort\": [{\"field\": \"updatedAt\", \"direction\": \"desc\"}]}",
            "{\"filter\": {\"field\": \"metadata.owner.team\", \"op\": \"eq\", \"value\": \"team-5\"}}"})
    void aFilterNoIndexServesReadsTheTableAtMostOnceBesideTheWalk(String request) throws Exception {
        JsonNode plan = explainAnalyze(request, "force_custom_plan");
        long read = Plans.rowsRead(plan);
        assertTrue(read <= BoundedIndexWalk.WALK_BUDGET + ROWS + PAGE, read + " rows read in\n" + plan);
    }

    /**
     * A common filter, or a range of the key or namespace index, ends its walk with the page, planned with its values:
     * at most one page read ahead (an incremental sort of updatedAt ties reads rows in batches).
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"filter\": {\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"all\"]}}",
            "{\"filter\": {\"field\": \"metadata.labels\", \"op\": \"array_contains\", \"value\": [\"common\"]}}",
            "{\"filter\": {\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"ns5\"}}",
            "{\"filter\": {\"field\": \"key\", \"op\": \"starts_with\", \"value\": \"ns5/\"}}",
            "{\"filter\": {\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"all\"]}, "
                    + "\"sort\": [{\"field\": \"updatedAt\", \"direction\": \"desc\"}]}",
            "{\"filter\": {\"field\": \"metadata.labels\", \"op\": \"array_contains\", \"value\": [\"common\"]}, "
                    + "\"sort\": [{\"field\": \"updatedAt\"}]}",
            // ns3 comes after 30,000 rows in updatedAt order descending: the walk applies the key prefix in the index
            "{\"filter\": {\"and\": [{\"field\": \"key\", \"op\": \"starts_with\", \"value\": \"ns3/\"}, "
                    + "{\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"all\"]}]}, "
                    + "\"sort\": [{\"field\": \"updatedAt\", \"direction\": \"desc\"}]}"})
    void aCommonFilterStopsAfterThePage(String request) throws Exception {
        JsonNode plan = explainAnalyze(request, "force_custom_plan");
        assertNoSequentialScan(plan);
        long read = Plans.rowsRead(plan);
        assertTrue(read <= 2 * PAGE, read + " rows read in\n" + plan);
        // blind to the values, a generic plan may fetch a whole key range and sort it, but no more than a walk
        JsonNode generic = explainAnalyze(request, "force_generic_plan");
        assertNoSequentialScan(generic);
        long readByGeneric = Plans.rowsRead(generic);
        assertTrue(readByGeneric <= BoundedIndexWalk.WALK_BUDGET + PAGE, readByGeneric + " rows read in\n" + generic);
    }

    /** Runs the search's page statement, prepared on the server, and returns its plan with the actual row counts. */
    private JsonNode explainAnalyze(String request, String planCacheMode) throws Exception {
        SqlStatement page = new SearchCompiler().compile(new SearchRequestParser().parse(Json.MAPPER.readTree(request)),
                Optional.empty()).page();
        return explain(page, planCacheMode, "ANALYZE, FORMAT JSON");
    }

    /** A sequential scan of metastore_records that ran (a branch the statement never entered does not count). */
    private static void assertNoSequentialScan(JsonNode plan) {
        List<JsonNode> scans = new ArrayList<>();
        collectSequentialScans(plan, scans);
        assertTrue(scans.isEmpty(), "sequential scan in\n" + plan);
    }

    private static void collectSequentialScans(JsonNode plan, List<JsonNode> scans) {
        if (plan.path("Node Type").asText().equals("Seq Scan")
                && plan.path("Relation Name").asText().equals("metastore_records")
                && plan.path("Actual Loops").asLong() > 0) {
            scans.add(plan);
        }
        for (JsonNode child : plan.path("Plans")) {
            collectSequentialScans(child, scans);
        }
    }

    private JsonNode explain(SqlStatement statement, String planCacheMode, String options) throws Exception {
        try (Connection connection = db.connect()) {
            return Plans.explain(connection, statement, planCacheMode, options);
        }
    }
}
