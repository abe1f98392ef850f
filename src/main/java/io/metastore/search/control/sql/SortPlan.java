package io.metastore.search.control.sql;

import io.metastore.search.control.query.Field;
import io.metastore.search.control.query.RecordField;
import io.metastore.search.control.query.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Expands sort keys into the ORDER BY expressions that give the contract's order.
 * <ul>
 * <li>A field that may be missing first sorts by an "absent" flag, always ascending, so records lacking it come last
 * in either direction.</li>
 * <li>A metadata path then sorts by jsonb type rank, by the numeric value, by the string value in code-point order,
 * and by the jsonb itself for the other types (booleans, arrays, objects), each in the requested direction. Each
 * value appears in one of the three only, so a cursor carries a long string once.</li>
 * <li>{@code key} (unique) ends every order, so paging never repeats or skips a row.</li>
 * </ul>
 * Invariant the keyset predicate relies on: among rows that tie on all earlier expressions, an expression is NULL
 * either for all of them or for none.
 */
final class SortPlan {

    private SortPlan() {
    }

    static List<SortColumn> columns(List<SortKey> sort) {
        List<SortColumn> columns = new ArrayList<>();
        for (SortKey key : sort) {
            Field field = key.field();
            if (field.root() == RecordField.METADATA) {
                metadata(field.path(), key.descending(), columns);
            } else {
                column(field.root(), key.descending(), columns);
            }
            if (field.root() == RecordField.KEY) {
                // the key is unique: nothing after it can change the order
                return columns;
            }
        }
        column(RecordField.KEY, false, columns);
        return columns;
    }

    private static void column(RecordField field, boolean descending, List<SortColumn> columns) {
        if (field.nullable) {
            columns.add(new SortColumn(new SqlStatement("(" + field.column + " IS NULL)", List.of()),
                    SortValueType.BOOLEAN, false));
        }
        SortValueType type = switch (field.kind) {
            case INTEGER -> SortValueType.INTEGER;
            case TIMESTAMP -> SortValueType.TIMESTAMP;
            default -> SortValueType.TEXT;
        };
        columns.add(new SortColumn(new SqlStatement(field.column, List.of()), type, descending));
    }

    private static void metadata(List<String> path, boolean descending, List<SortColumn> columns) {
        columns.add(new SortColumn(expression(path, (sql, p) -> {
            sql.sql("(");
            MetadataSql.value(sql, p);
            sql.sql(" IS NULL)");
        }), SortValueType.BOOLEAN, false));
        columns.add(new SortColumn(expression(path, MetadataSql::typeRank), SortValueType.INTEGER, descending));
        columns.add(new SortColumn(expression(path, MetadataSql::number), SortValueType.NUMERIC, descending));
        columns.add(new SortColumn(expression(path, MetadataSql::text), SortValueType.TEXT, descending));
        columns.add(new SortColumn(expression(path, MetadataSql::otherValue), SortValueType.JSONB, descending));
    }

    private static SqlStatement expression(List<String> path, BiConsumer<SqlBuilder, List<String>> writer) {
        SqlBuilder sql = new SqlBuilder();
        writer.accept(sql, path);
        return sql.build();
    }
}
