package io.metastore.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.indexes.control.DeclaredIndexFixture;
import io.metastore.indexes.control.IndexDeclaration;
import io.metastore.indexes.control.IndexType;
import io.metastore.indexes.control.ReadyIndexes;
import io.metastore.platform.Json;
import io.metastore.search.control.query.SearchQuery;
import io.metastore.search.control.query.SearchRequestParser;
import io.metastore.search.control.sql.BoundedIndexWalk;
import io.metastore.search.control.sql.SearchCompiler;
import io.metastore.search.control.sql.SqlStatement;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostgreSQL uses a ready declared index for the searches API.md promises it to: 200,000 records, 100,000 of them in
 * namespace models shaped like bench/dataset.sql's (accuracy 0.6 to 0.99, size log-uniform, a stage among four, a
 * distinct name), with number indexes on metadata.metrics.accuracy and metadata.size and string indexes on
 * metadata.stage and metadata.name. Each search, bound as the executor binds it (the index matches only when the
 * bound path segments fold into the very constants of its expression),
 * planned with its values as the executor plans it, must scan a declared index and read a bounded number of rows,
 * where without the index it reads every match (about 12,800 for the accuracy range, 100,000 for the namespace).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeclaredIndexPlanPostgresTest {

    private static final int ROWS = 200_000;
    private static final int IN_MODELS = ROWS / 2;
    private static final int PAGE = SearchQuery.DEFAULT_LIMIT + 1;
    private static final String MODELS = "{\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"models\"}";
    private static final String ACCURACY = "{\"field\": \"metadata.metrics.accuracy\", \"op\": \"between\", "
            + "\"value\": [0.9, 0.95]}";
    /** About 256 records of models: too few for the bounded walk of key order to fill a page. */
    private static final String RARE_ACCURACY = "{\"field\": \"metadata.metrics.accuracy\", \"op\": \"gte\", "
            + "\"value\": 0.989}";
    private static final String SIZE_DESC = "\"sort\": [{\"field\": \"metadata.size\", \"direction\": \"desc\"}]";

    private TestDatabase db;
    private ReadyIndexes ready;
    private Set<String> indexNames;

    @BeforeAll
    void createRows() throws Exception {
        db = TestDatabase.create();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO metastore.metastore_records (key, metadata, tags, owner, version, created_at,
                                                            updated_at, created_by, updated_by)
                    SELECT CASE WHEN i % 2 = 0 THEN 'models/model-' ELSE 'assets/asset-' END || i,
                           jsonb_build_object('size', floor(exp(10 + (hashint4(i) & 65535) / 65536.0 * 13))::bigint,
                                              'metrics', jsonb_build_object('accuracy',
                                                  round((0.6 + (hashint4(i + 7) & 65535) / 65536.0 * 0.39)::numeric, 4)),
                                              'stage', (ARRAY['candidate', 'staging', 'production', 'archived'])[1 + i % 4],
                                              'name', md5(i::text)),
                           ARRAY['all'], 'team', 1, now(), now(), 'gen', 'gen'
                    FROM generate_series(1, ROWS) AS i""".replace("ROWS", String.valueOf(ROWS)));
            List<IndexDeclaration> declared = List.of(
                    DeclaredIndexFixture.build(connection, "models", "metadata.metrics.accuracy", IndexType.NUMBER),
                    DeclaredIndexFixture.build(connection, "models", "metadata.size", IndexType.NUMBER),
                    DeclaredIndexFixture.build(connection, "models", "metadata.stage", IndexType.STRING),
                    DeclaredIndexFixture.build(connection, "models", "metadata.name", IndexType.STRING));
            statement.execute("ANALYZE metastore.metastore_records");
            ready = ReadyIndexes.of(declared);
            indexNames = declared.stream().map(DeclaredIndexFixture::indexName).collect(Collectors.toSet());
        }
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    /** The benchmark's range-and-sort search, and the namespace alone in that order: a walk of the size index. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"filter\": {\"and\": [" + MODELS + ", " + ACCURACY + "]}, " + SIZE_DESC + "}",
            "{\"filter\": " + MODELS + ", " + SIZE_DESC + "}",
            "{\"filter\": " + MODELS + ", \"sort\": [{\"field\": \"metadata.size\"}]}",
            "{\"filter\": {\"field\": \"key\", \"op\": \"starts_with\", \"value\": \"models/\"}, " + SIZE_DESC + "}",
            "{\"filter\": " + MODELS + ", \"sort\": [{\"field\": \"metadata.name\", \"direction\": \"desc\"}, "
                    + "{\"field\": \"metadata.size\"}]}"})
    void aSortOnADeclaredPathWalksItsIndex(String request) throws Exception {
        JsonNode plan = explainAnalyze(request, Optional.empty());
        assertUsesADeclaredIndex(plan);
        // the accuracy range matches one row in eight of the walk
        long read = Plans.rowsRead(plan);
        assertTrue(read <= 20 * PAGE, read + " rows read in\n" + plan);
    }

    /** A caller who may read only models needs no namespace condition for the index to apply. */
    @ParameterizedTest
    @ValueSource(strings = {"{" + SIZE_DESC + "}", "{\"filter\": " + RARE_ACCURACY + "}"})
    void aCallerOfOneNamespaceUsesItsIndexes(String request) throws Exception {
        JsonNode plan = explainAnalyze(request, Optional.of(Set.of("models")));
        assertUsesADeclaredIndex(plan);
    }

    /**
     * Comparisons alone find their candidates through the declared index, never among all the namespace's 100,000
     * records (a search in key or updatedAt order first walks a bounded part of that order, BoundedIndexWalk, and the
     * index's candidates may fail the rest of the filter).
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"filter\": {\"and\": [" + MODELS + ", " + RARE_ACCURACY + "]}}",
            "{\"filter\": {\"and\": [" + MODELS + ", {\"field\": \"metadata.size\", \"op\": \"in\", "
                    + "\"value\": [22026, 22027, 1]}]}}",
            "{\"filter\": {\"and\": [" + MODELS + ", {\"field\": \"metadata.size\", \"op\": \"eq\", "
                    + "\"value\": 22026}]}, \"sort\": [{\"field\": \"createdAt\"}]}",
            "{\"filter\": {\"and\": [" + MODELS + ", {\"field\": \"metadata.stage\", \"op\": \"lt\", "
                    + "\"value\": \"b\"}, {\"field\": \"metadata.metrics.accuracy\", \"op\": \"lt\", "
                    + "\"value\": 0.601}]}, \"sort\": [{\"field\": \"updatedAt\"}]}"})
    void aRareComparisonReadsItsMatchesThroughTheIndex(String request) throws Exception {
        JsonNode plan = explainAnalyze(request, Optional.empty());
        assertUsesADeclaredIndex(plan);
        long read = Plans.rowsRead(plan);
        assertTrue(read <= BoundedIndexWalk.WALK_BUDGET + IN_MODELS / 20, read + " rows read in\n" + plan);
    }

    /** Without the declaration's namespace the index cannot apply, and the search is written as before. */
    @ParameterizedTest
    @ValueSource(strings = {"{" + SIZE_DESC + "}",
            "{\"filter\": {\"field\": \"namespace\", \"op\": \"eq\", \"value\": \"assets\"}, " + SIZE_DESC + "}"})
    void otherNamespacesAreSearchedAsBefore(String request) throws Exception {
        var query = new SearchRequestParser().parse(Json.MAPPER.readTree(request));
        assertEquals(new SearchCompiler().compile(query, Optional.empty()).page().sql(),
                new SearchCompiler().compile(query, Optional.empty(), ready).page().sql());
    }

    private void assertUsesADeclaredIndex(JsonNode plan) {
        List<String> used = Plans.scansThatRan(plan).stream().map(scan -> scan.path("Index Name").asText()).toList();
        assertTrue(used.stream().anyMatch(indexNames::contains), "no declared index among " + used + " in\n" + plan);
    }

    private JsonNode explainAnalyze(String request, Optional<Set<String>> readable) throws Exception {
        SqlStatement page = new SearchCompiler().compile(new SearchRequestParser().parse(Json.MAPPER.readTree(request)),
                readable, ready).page();
        try (Connection connection = db.connect()) {
            return Plans.explainAsExecuted(connection, page, "ANALYZE, FORMAT JSON");
        }
    }
}
