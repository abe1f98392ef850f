package io.metastore.search.control.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Json;
import java.util.List;

/** SQL expressions and index-friendly arguments for a value inside {@code metadata}, addressed by a path. */
final class MetadataSql {

    private MetadataSql() {
    }

    /**
     * The jsonb at the path, SQL NULL when absent. {@code ->} with a text argument always reads an object member, so
     * a digit segment such as {@code 0} never indexes into an array.
     */
    static void value(SqlBuilder sql, List<String> path) {
        sql.sql("metadata");
        for (String segment : path) {
            sql.sql(" -> ").param(segment);
        }
    }

    /** The number at the path as numeric; NULL for any other type (CASE keeps the cast from seeing a non-number). */
    static void number(SqlBuilder sql, List<String> path) {
        typed(sql, path, "number", "CAST(", " AS numeric)");
    }

    /** The string at the path as text in code-point order; NULL for any other type. */
    static void text(SqlBuilder sql, List<String> path) {
        typed(sql, path, "string", "(", " #>> '{}')");
        sql.sql(" COLLATE \"C\"");
    }

    /**
     * PostgreSQL's jsonb order of types: null < string < number < boolean < array < object; NULL when absent. A
     * bigint, as version is, so both read and bind as Long.
     */
    static void typeRank(SqlBuilder sql, List<String> path) {
        sql.sql("CAST(CASE jsonb_typeof(");
        value(sql, path);
        sql.sql(") WHEN 'null' THEN 0 WHEN 'string' THEN 1 WHEN 'number' THEN 2 WHEN 'boolean' THEN 3"
                + " WHEN 'array' THEN 4 WHEN 'object' THEN 5 END AS bigint)");
    }

    private static void typed(SqlBuilder sql, List<String> path, String type, String open, String close) {
        sql.sql("(CASE WHEN jsonb_typeof(");
        value(sql, path);
        sql.sql(") = '" + type + "' THEN " + open);
        value(sql, path);
        sql.sql(close + " END)");
    }

    /** {@code {"a":{"b":value}}} for path a.b: a document that {@code metadata @>} can look up in the GIN index. */
    static String containmentDocument(List<String> path, JsonNode value) {
        JsonNode document = value;
        for (int i = path.size() - 1; i >= 0; i--) {
            ObjectNode wrapper = Json.MAPPER.createObjectNode();
            wrapper.set(path.get(i), document);
            document = wrapper;
        }
        return Json.write(document);
    }
}
