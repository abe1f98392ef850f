package io.metastore.search.control.sql;

import java.util.List;

/**
 * SQL text in JDBC syntax ({@code ?} is a placeholder, {@code ??} a literal question mark) and the values to bind,
 * in order. Values are String, Long, BigDecimal,
 * Boolean, OffsetDateTime or String[] (a PostgreSQL text array).
 */
public record SqlStatement(String sql, List<Object> parameters) {

    public SqlStatement {
        parameters = List.copyOf(parameters);
    }
}
