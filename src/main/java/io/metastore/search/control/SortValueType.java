package io.metastore.search.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The SQL type of one sort expression: how its value is read from a row, written into a cursor, read back and bound,
 * so the keyset comparison sees exactly the value PostgreSQL computed for the last row.
 */
enum SortValueType {
    BOOLEAN {
        @Override
        Object read(ResultSet row, String column) throws SQLException {
            boolean value = row.getBoolean(column);
            return row.wasNull() ? null : value;
        }

        @Override
        JsonNode toJson(Object value) {
            return JSON.booleanNode((Boolean) value);
        }

        @Override
        Object fromJson(JsonNode json) {
            require(json.isBoolean());
            return json.booleanValue();
        }
    },
    INTEGER {
        @Override
        Object read(ResultSet row, String column) throws SQLException {
            long value = row.getLong(column);
            return row.wasNull() ? null : value;
        }

        @Override
        JsonNode toJson(Object value) {
            return JSON.numberNode((Long) value);
        }

        @Override
        Object fromJson(JsonNode json) {
            require(json.isIntegralNumber() && json.canConvertToLong());
            return json.longValue();
        }
    },
    /** Kept as text in the cursor: a decimal string round-trips exactly, whatever its size. */
    NUMERIC {
        @Override
        Object read(ResultSet row, String column) throws SQLException {
            return row.getBigDecimal(column);
        }

        @Override
        JsonNode toJson(Object value) {
            return JSON.textNode(((BigDecimal) value).toString());
        }

        @Override
        Object fromJson(JsonNode json) {
            require(json.isTextual());
            try {
                return new BigDecimal(json.textValue());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a decimal", e);
            }
        }
    },
    TEXT,
    JSONB {
        @Override
        void bind(SqlBuilder sql, Object value) {
            sql.jsonbParam((String) value);
        }
    },
    TIMESTAMP {
        @Override
        Object read(ResultSet row, String column) throws SQLException {
            return row.getObject(column, OffsetDateTime.class);
        }

        @Override
        JsonNode toJson(Object value) {
            return JSON.textNode(value.toString());
        }

        @Override
        Object fromJson(JsonNode json) {
            require(json.isTextual());
            return Rfc3339.parse(json.textValue()).orElseThrow(() -> new IllegalArgumentException("not a timestamp"));
        }
    };

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The value of {@code column} in the current row, or null when SQL NULL. Text by default. */
    Object read(ResultSet row, String column) throws SQLException {
        return row.getString(column);
    }

    JsonNode toJson(Object value) {
        return JSON.textNode((String) value);
    }

    /** The bindable value a cursor holds; IllegalArgumentException when the cursor was not written by us. */
    Object fromJson(JsonNode json) {
        require(json.isTextual());
        return json.textValue();
    }

    /** Writes the placeholder for {@code value}, typed as the sort expression is. */
    void bind(SqlBuilder sql, Object value) {
        sql.param(value);
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw new IllegalArgumentException("unexpected cursor value");
        }
    }
}
