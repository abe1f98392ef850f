package io.metastore.search.control.sql;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.indexes.control.IndexType;
import io.metastore.indexes.control.TypedValue;
import io.metastore.platform.Json;
import java.util.List;
import java.util.Map;

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

    /** The jsonb at the path unless it is a number or a string (which {@link #number} and {@link #text} give). */
    static void otherValue(SqlBuilder sql, List<String> path) {
        TypedValue.other(sql::sql, () -> value(sql, path));
    }

    /** The number at the path as numeric; NULL for any other type (the view a declared number index holds). */
    static void number(SqlBuilder sql, List<String> path) {
        TypedValue.number(sql::sql, () -> value(sql, path));
    }

    /** The string at the path as text in code-point order; NULL for any other type. */
    static void text(SqlBuilder sql, List<String> path) {
        TypedValue.text(sql::sql, () -> value(sql, path));
    }

    /** The first column of a declared index of {@code type} at the path. */
    static void indexKey(SqlBuilder sql, List<String> path, IndexType type) {
        type.key(sql::sql, () -> value(sql, path));
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

    /** {@code {"a":{"b":value}}} for path a.b: a document that {@code metadata @>} can look up in the GIN index. */
    static String containmentDocument(List<String> path, JsonNode value) {
        StringBuilder document = new StringBuilder();
        for (String segment : path) {
            document.append("{\"").append(segment).append("\":");   // a path segment needs no escaping
        }
        appendJson(value, document);
        return document.append("}".repeat(path.size())).toString();
    }

    /**
     * The value as compact JSON text, for a jsonb parameter. Written here rather than by the shared mapper: a Jackson
     * generator allocates its buffers for every value, which costs microseconds that an in-list of a thousand values,
     * bound twice, multiplies into a large part of a search's CPU.
     */
    static String json(JsonNode value) {
        StringBuilder text = new StringBuilder();
        appendJson(value, text);
        return text.toString();
    }

    private static void appendJson(JsonNode value, StringBuilder text) {
        switch (value.getNodeType()) {
            case OBJECT -> {
                text.append('{');
                String separator = "";
                for (Map.Entry<String, JsonNode> member : value.properties()) {
                    text.append(separator);
                    appendString(member.getKey(), text);
                    text.append(':');
                    appendJson(member.getValue(), text);
                    separator = ",";
                }
                text.append('}');
            }
            case ARRAY -> {
                text.append('[');
                for (int i = 0; i < value.size(); i++) {
                    appendJson(value.get(i), text.append(i == 0 ? "" : ","));
                }
                text.append(']');
            }
            case STRING -> appendString(value.textValue(), text);
            // PostgreSQL reads an exponent as well, but the plain form is what it writes back
            case NUMBER -> text.append(value.isBigDecimal() ? Json.postgresText(value.decimalValue()) : value.asText());
            case BOOLEAN, NULL -> text.append(value.asText());
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getNodeType());
        }
    }

    private static void appendString(String string, StringBuilder text) {
        text.append('"');
        JsonStringEncoder.getInstance().quoteAsString(string, text);
        text.append('"');
    }
}
