package io.metastore.search.control.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Json;
import io.metastore.search.control.query.Rfc3339;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The SQL type of one sort expression: how its value is read from a row, written into a cursor, read back and bound,
 * so the keyset comparison sees exactly the value PostgreSQL computed for the last row (numbers keep every digit).
 */
enum SortValueType {
    BOOLEAN(Boolean.class),
    INTEGER(Long.class),
    NUMERIC(BigDecimal.class) {
        /**
         * Only a number a record can hold: one whose PostgreSQL text has at most 200 characters. A forged cursor's
         * {@code 1e-999999999} made the driver fail while binding it.
         */
        @Override
        Object fromJson(JsonNode json) throws IOException {
            BigDecimal number = (BigDecimal) super.fromJson(json);
            if (Json.postgresTextLength(number) > Json.MAX_NUMBER_LENGTH) {
                throw new IllegalArgumentException("no stored number is this long");
            }
            return number;
        }
    },
    TEXT(String.class),
    /** Read and bound as JSON text (the driver does not convert jsonb to String through getObject). */
    JSONB(String.class) {
        @Override
        Object read(ResultSet row, String column) throws SQLException {
            return row.getString(column);
        }

        @Override
        void bind(SqlBuilder sql, Object value) {
            sql.jsonbParam((String) value);
        }
    },
    /** As RFC 3339 text: the shared mapper has no java.time support, and the text keeps the microseconds. */
    TIMESTAMP(OffsetDateTime.class) {
        @Override
        JsonNode toJson(Object value) {
            return Json.MAPPER.getNodeFactory().textNode(value.toString());
        }

        @Override
        Object fromJson(JsonNode json) {
            return Rfc3339.parse(json.asText()).orElseThrow(() -> new IllegalArgumentException("not a timestamp"));
        }
    };

    private final Class<?> javaType;

    SortValueType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The value of {@code column} in the current row, or null when SQL NULL. */
    Object read(ResultSet row, String column) throws SQLException {
        return row.getObject(column, javaType);
    }

    JsonNode toJson(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    /** The bindable value a cursor holds; an exception when the cursor was not written for this type. */
    Object fromJson(JsonNode json) throws IOException {
        return Json.MAPPER.treeToValue(json, javaType);
    }

    /** Writes the placeholder for {@code value}, typed as the sort expression is. */
    void bind(SqlBuilder sql, Object value) {
        sql.param(value);
    }
}
