package io.metastore.search.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Json;
import io.metastore.search.control.sql.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** EXPLAIN of a compiled search as the server plans it, and what the plan tests read from the result. */
final class Plans {

    private Plans() {
    }

    /**
     * EXPLAIN of EXECUTE on a statement prepared on the server, as PgJDBC does after a few executions; with
     * force_generic_plan the planner cannot look at the values.
     *
     * @return the plan's root node
     */
    static JsonNode explain(Connection connection, SqlStatement statement, String planCacheMode, String options)
            throws Exception {
        try (Statement sql = connection.createStatement()) {
            sql.execute("SET plan_cache_mode = " + planCacheMode);
            sql.execute(ServerPreparedSearch.prepare(statement));
            try (ResultSet row = sql.executeQuery("EXPLAIN (" + options + ") "
                    + ServerPreparedSearch.execute(statement))) {
                row.next();
                return Json.MAPPER.readTree(row.getString(1)).get(0).get("Plan");
            } finally {
                sql.execute("DEALLOCATE ALL");
            }
        }
    }

    /**
     * EXPLAIN of the statement as a search runs it: an unnamed statement whose values the driver binds as the executor
     * does (so with their types: text as varchar, numbers as numeric), planned for those values.
     *
     * @return the plan's root node
     */
    static JsonNode explainAsExecuted(Connection connection, SqlStatement statement, String options)
            throws Exception {
        SqlStatement explain = new SqlStatement("EXPLAIN (" + options + ") " + statement.sql(),
                statement.parameters());
        try (PreparedStatement prepared = SearchExecutor.prepare(connection, explain);
             ResultSet row = prepared.executeQuery()) {
            row.next();
            return Json.MAPPER.readTree(row.getString(1)).get(0).get("Plan");
        }
    }

    /** Rows that scans of metastore_records of any kind read from the table: those they return and those they drop. */
    static long rowsRead(JsonNode plan) {
        long rows = 0;
        if (plan.path("Relation Name").asText().equals("metastore_records")) {
            rows += (plan.path("Actual Rows").asLong() + plan.path("Rows Removed by Filter").asLong()
                    + plan.path("Rows Removed by Index Recheck").asLong()) * plan.path("Actual Loops").asLong();
        }
        for (JsonNode child : plan.path("Plans")) {
            rows += rowsRead(child);
        }
        return rows;
    }

    /** The scans of metastore_records that ran, of any kind, with their node type and index. */
    static List<JsonNode> scansThatRan(JsonNode plan) {
        List<JsonNode> scans = new ArrayList<>();
        collectScans(plan, scans);
        return scans;
    }

    private static void collectScans(JsonNode plan, List<JsonNode> scans) {
        boolean onRecords = plan.path("Relation Name").asText().equals("metastore_records")
                || plan.path("Node Type").asText().equals("Bitmap Index Scan");
        if (onRecords && plan.path("Actual Loops").asLong() > 0) {
            scans.add(plan);
        }
        for (JsonNode child : plan.path("Plans")) {
            collectScans(child, scans);
        }
    }
}
