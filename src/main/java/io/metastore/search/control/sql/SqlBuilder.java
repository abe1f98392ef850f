package io.metastore.search.control.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates SQL text and its bind values side by side, so a placeholder and its value can never drift apart. Text
 * comes only from the compiler's own constants and validated field names; every request value goes through
 * {@link #param}.
 */
final class SqlBuilder {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    SqlBuilder sql(String text) {
        sql.append(text);
        return this;
    }

    SqlBuilder param(Object value) {
        sql.append('?');
        parameters.add(value);
        return this;
    }

    /** A jsonb value given as JSON text. */
    SqlBuilder jsonbParam(String json) {
        sql.append("CAST(");
        param(json);
        sql.append(" AS jsonb)");
        return this;
    }

    SqlBuilder append(SqlStatement fragment) {
        sql.append(fragment.sql());
        parameters.addAll(fragment.parameters());
        return this;
    }

    SqlStatement build() {
        return new SqlStatement(sql.toString(), parameters);
    }
}
