package io.metastore.search.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The searches the contract promises to be fast reach an index on 100,000 rows, with a custom plan and with the
 * generic plan PostgreSQL switches a server-side prepared statement to (where the values are unknown to the planner);
 * and a search in key or updatedAt order reads a bounded number of rows of that order's index whatever the planner
 * believes about its filter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIndexPostgresTest {

    private static final String KEY_INDEX = "metastore_records_key_unique";
    private static final String METADATA_INDEX = "metastore_records_metadata_gin";
    private static final String TAGS_INDEX = "metastore_records_tags_gin";
    /**
     * updatedAt descending ties on the key ascending, while (updated_at, key) read backwards gives the key descending:
     * an incremental sort orders each updatedAt's rows, reading them in batches of at least 32 (PostgreSQL's
     * DEFAULT_MIN_GROUP_SIZE) and one row past the last it returns, to see that no further row ties with it.
     */
    private static final int INCREMENTAL_SORT_READ_AHEAD = 32 + 1;

    private static final String HAS_KEY =
            "{\"filter\": {\"field\": \"metadata.extra\", \"op\": \"has_key\", \"value\": \"rare\"}}";
    private static final String ARRAY_CONTAINS =
            "{\"filter\": {\"field\": \"metadata.labels\", \"op\": \"array_contains\", \"value\": [\"l7\"]}}";

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
                    FROM generate_series(1, 100000) AS i,
                         LATERAL (SELECT timestamptz '2026-01-01 00:00Z' + (i % 20 + 10) % 20 * interval '1 day'
                                             + i * interval '1 millisecond' AS updated_at) AS written""");
            // a sample of 300,000 rows covers the whole table, so the statistics (and the plans) are the same every run
            statement.execute("SET default_statistics_target = 1000");
            statement.execute("ANALYZE metastore.metastore_records");
        }
    }

    @AfterAll
    void dropDatabase() throws Exception {
        db.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "force_generic_plan"})
    void compoundSearchUsesAnIndex(String planCacheMode) throws Exception {
        assertUsesIndex(planCacheMode, """
                {"filter": {"and": [
                  {"field": "key", "op": "starts_with", "value": "ns3/item-1"},
                  {"field": "metadata.status", "op": "eq", "value": "s3"},
                  {"field": "tags", "op": "array_contains", "value": ["t3"]}]}}""",
                Set.of(KEY_INDEX, METADATA_INDEX, TAGS_INDEX));
    }

    /** The executor plans every search with its values (force_custom_plan), so these are the plans it runs. */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "force_custom_plan"})
    void hasKeyOnANestedPathUsesTheMetadataIndex(String planCacheMode) throws Exception {
        assertUsesIndex(planCacheMode, HAS_KEY, Set.of(METADATA_INDEX));
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "force_custom_plan"})
    void arrayContainsUsesTheMetadataIndex(String planCacheMode) throws Exception {
        assertUsesIndex(planCacheMode, ARRAY_CONTAINS, Set.of(METADATA_INDEX));
    }

    /**
     * A generic plan cannot tell a rare value from a common one: for a lone metadata condition in key order it walks
     * the key index and filters (which is why the executor forbids generic plans), but it never scans the table.
     */
    @ParameterizedTest
    @ValueSource(strings = {HAS_KEY, ARRAY_CONTAINS})
    void genericPlansStillAvoidSequentialScans(String request) throws Exception {
        assertUsesIndex("force_generic_plan", request, Set.of(METADATA_INDEX, KEY_INDEX));
    }

    /**
     * Row i has key ns(i % 20)/item-i, tag t(i % 100) and owner team team-(i % 50): t5 only in ns5 and team-5 only in
     * ns5 and ns15, namespaces the key order reaches after 75,000 and 35,000 rows. The planner knows how common a tag
     * is but not where its rows sit in key order, so for a page in key order it walks the key index and filters,
     * expecting the page to fill within a few thousand rows: 75,245 rows walked for t5, seconds at a million rows.
     * A search reads at most {@link BoundedIndexWalk#WALK_BUDGET} rows in key order before it asks the other indexes.
     */
    @ParameterizedTest
    @MethodSource("rareOrClusteredFiltersInKeyOrder")
    void aRareOrClusteredFilterWalksTheKeyOrderOnlyBriefly(String request) throws Exception {
        JsonNode plan = explainAnalyze(request);
        long walked = rowsRead(plan, "Index Scan");
        assertTrue(walked <= BoundedIndexWalk.WALK_BUDGET, walked + " rows walked in key order in\n" + plan);
    }

    /**
     * Rows were updated namespace by namespace, ns10 first and ns9 last ((i % 20 + 10) % 20 days into 2026), so in
     * updatedAt order t5 (ns5) comes after 75,000 rows ascending and 20,000 descending, team-5 (ns5, ns15) after
     * 25,000 and 20,000, the largest sizes (ns19) after 45,000 and 50,000. The (updated_at, key) index misleads the
     * planner as the key index does: the previous compiler walked 75,251 rows ascending and 20,260 descending for t5.
     */
    @ParameterizedTest
    @MethodSource("rareOrClusteredFiltersInUpdatedAtOrder")
    void aRareOrClusteredFilterWalksTheUpdatedAtOrderOnlyBriefly(String request) throws Exception {
        JsonNode plan = explainAnalyze(request);
        long walked = rowsRead(plan, "Index Scan");
        assertTrue(walked <= BoundedIndexWalk.WALK_BUDGET + INCREMENTAL_SORT_READ_AHEAD,
                walked + " rows walked in updatedAt order in\n" + plan);
    }

    /** Filters whose matches sit late in key order and in updatedAt order (see the tests' comments for where). */
    private static final List<String> RARE_OR_CLUSTERED_FILTERS = List.of(
            "{\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"t5\"]}",
            "{\"field\": \"metadata.owner.team\", \"op\": \"eq\", \"value\": \"team-5\"}",
            "{\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"t5\", \"t6\"]}",
            "{\"field\": \"metadata.size\", \"op\": \"gt\", \"value\": 998}");

    private static Stream<String> rareOrClusteredFiltersInKeyOrder() {
        return RARE_OR_CLUSTERED_FILTERS.stream().map(filter -> "{\"filter\": " + filter + "}");
    }

    private static Stream<Arguments> rareOrClusteredFiltersInUpdatedAtOrder() {
        return Stream.of("asc", "desc").flatMap(direction -> RARE_OR_CLUSTERED_FILTERS.stream()
                .map(filter -> Arguments.of("{\"filter\": " + filter + ", \"sort\": [{\"field\": \"updatedAt\", "
                        + "\"direction\": \"" + direction + "\"}]}")));
    }

    /** A common filter, or a range of the key or namespace index, still ends the walk after the page (limit + 1). */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"filter\": {\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"all\"]}}",
            "{\"filter\": {\"field\": \"metadata.labels\", \"op\": \"array_contains\", \"value\": [\"common\"]}}",
            "{\"filter\": {\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"ns5\"}}",
            "{\"filter\": {\"field\": \"key\", \"op\": \"starts_with\", \"value\": \"ns5/\"}}"})
    void aCommonFilterStopsAfterThePage(String request) throws Exception {
        JsonNode plan = explainAnalyze(request);
        long read = rowsRead(plan, "");
        assertTrue(read <= SearchQuery.DEFAULT_LIMIT + 1, read + " rows read in\n" + plan);
    }

    /**
     * The same in updatedAt order, where the walk applies a key prefix in (updated_at, key) before it reads a row: ns3
     * comes after 30,000 rows descending, so a walk that read them would fall short and sort all 5,000 of ns3.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"filter\": {\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"all\"]}, "
                    + "\"sort\": [{\"field\": \"updatedAt\", \"direction\": \"desc\"}]}",
            "{\"filter\": {\"field\": \"metadata.labels\", \"op\": \"array_contains\", \"value\": [\"common\"]}, "
                    + "\"sort\": [{\"field\": \"updatedAt\"}]}",
            "{\"filter\": {\"and\": [{\"field\": \"key\", \"op\": \"starts_with\", \"value\": \"ns3/\"}, "
                    + "{\"field\": \"tags\", \"op\": \"array_contains\", \"value\": [\"all\"]}]}, "
                    + "\"sort\": [{\"field\": \"updatedAt\", \"direction\": \"desc\"}]}"})
    void aCommonFilterStopsAfterThePageInUpdatedAtOrder(String request) throws Exception {
        JsonNode plan = explainAnalyze(request);
        long read = rowsRead(plan, "");
        assertTrue(read <= SearchQuery.DEFAULT_LIMIT + 1 + INCREMENTAL_SORT_READ_AHEAD,
                read + " rows read in\n" + plan);
    }

    /** Runs the search with the custom plan the executor asks for, and returns the plan with its actual row counts. */
    private JsonNode explainAnalyze(String request) throws Exception {
        SqlStatement page = new SearchCompiler().compile(new SearchRequestParser().parse(Json.MAPPER.readTree(request)),
                Optional.empty()).page();
        return explain(page, "force_custom_plan", "ANALYZE, FORMAT JSON").get(0).get("Plan");
    }

    /**
     * Rows that scans of metastore_records whose node type starts with {@code nodeType} read from the table: those
     * they return and those their filters drop.
     */
    private static long rowsRead(JsonNode plan, String nodeType) {
        long rows = 0;
        if (plan.path("Relation Name").asText().equals("metastore_records")
                && plan.path("Node Type").asText().startsWith(nodeType)) {
            rows += (plan.path("Actual Rows").asLong() + plan.path("Rows Removed by Filter").asLong()
                    + plan.path("Rows Removed by Index Recheck").asLong()) * plan.path("Actual Loops").asLong();
        }
        for (JsonNode child : plan.path("Plans")) {
            rows += rowsRead(child, nodeType);
        }
        return rows;
    }

    private void assertUsesIndex(String planCacheMode, String request, Set<String> expectedIndexes) throws Exception {
        SqlStatement page = new SearchCompiler().compile(new SearchRequestParser().parse(Json.MAPPER.readTree(request)),
                Optional.empty()).page();
        List<JsonNode> scans = new ArrayList<>();
        collectScans(explain(page, planCacheMode).get(0).get("Plan"), scans);
        String plan = scans.stream().map(JsonNode::toString).collect(Collectors.joining("\n"));
        assertFalse(scans.stream().anyMatch(scan -> scan.path("Node Type").asText().equals("Seq Scan")
                && scan.path("Relation Name").asText().equals("metastore_records")), "sequential scan in\n" + plan);
        assertTrue(scans.stream().anyMatch(scan -> expectedIndexes.contains(scan.path("Index Name").asText())),
                "none of " + expectedIndexes + " in\n" + plan);
    }

    /**
     * EXPLAIN of EXECUTE on a statement prepared on the server, as PgJDBC does after a few executions; with
     * force_generic_plan the planner cannot look at the values.
     */
    private JsonNode explain(SqlStatement statement, String planCacheMode) throws Exception {
        return explain(statement, planCacheMode, "FORMAT JSON");
    }

    private JsonNode explain(SqlStatement statement, String planCacheMode, String options) throws Exception {
        try (Connection connection = db.connect(); Statement sql = connection.createStatement()) {
            sql.execute("SET plan_cache_mode = " + planCacheMode);
            sql.execute(ServerPreparedSearch.prepare(statement));
            try (ResultSet row = sql.executeQuery("EXPLAIN (" + options + ") "
                    + ServerPreparedSearch.execute(statement))) {
                row.next();
                return Json.MAPPER.readTree(row.getString(1));
            }
        }
    }

    private static void collectScans(JsonNode plan, List<JsonNode> scans) {
        if (plan.path("Node Type").asText().contains("Scan")) {
            scans.add(plan);
        }
        for (JsonNode child : plan.path("Plans")) {
            collectScans(child, scans);
        }
    }
}
