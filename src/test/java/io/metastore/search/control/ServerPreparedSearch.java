package io.metastore.search.control;

import io.metastore.platform.Json;
import io.metastore.search.control.sql.SqlStatement;
import java.util.List;

/**
 * A compiled search statement as SQL text that prepares it on the server and executes it with its values, the way
 * PgJDBC does after a few executions, so that a test or bench/ExplainSearch.java can EXPLAIN the plan the service
 * gets. The values become literals: for test and benchmark requests only, never for a client's input.
 */
public final class ServerPreparedSearch {

    private static final String NAME = "search";

    private ServerPreparedSearch() {
    }

    /** {@code PREPARE search AS ...} with JDBC's placeholders numbered as PostgreSQL wants them. */
    public static String prepare(SqlStatement statement) {
        return "PREPARE " + NAME + " AS " + numberedPlaceholders(statement.sql());
    }

    /** {@code EXECUTE search(...)} with the statement's values as literals. */
    public static String execute(SqlStatement statement) {
        List<String> values = statement.parameters().stream().map(ServerPreparedSearch::literal).toList();
        return "EXECUTE " + NAME + "(" + String.join(", ", values) + ")";
    }

    /** JDBC's {@code ?} placeholders as {@code $n}, and its {@code ??} escape as the plain {@code ?} it stands for. */
    private static String numberedPlaceholders(String jdbcSql) {
        StringBuilder sql = new StringBuilder();
        int next = 1;
        for (int i = 0; i < jdbcSql.length(); i++) {
            char c = jdbcSql.charAt(i);
            if (c != '?') {
                sql.append(c);
            } else if (i + 1 < jdbcSql.length() && jdbcSql.charAt(i + 1) == '?') {
                sql.append('?');
                i++;
            } else {
                sql.append('$').append(next++);
            }
        }
        return sql.toString();
    }

    private static String literal(Object value) {
        if (value instanceof String[] texts) {
            return quote(Json.write(texts).replace('[', '{').replace(']', '}'));
        }
        return value instanceof Number || value instanceof Boolean ? value.toString() : quote(value.toString());
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
