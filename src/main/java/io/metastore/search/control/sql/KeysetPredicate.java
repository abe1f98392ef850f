package io.metastore.search.control.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * "The row comes after the cursor row" for an order of mixed directions, as an OR of ANDs: for some expression i,
 * every earlier expression equals the cursor's value and expression i lies beyond it.
 * <p>
 * By the {@link SortPlan} invariant, rows tying with the cursor row on earlier expressions are NULL on an expression
 * exactly when the cursor row is. So a NULL cursor value needs no equality test (it is implied) and cannot be passed
 * (no row lies beyond it), and SQL comparisons never meet NULL on the rows that matter.
 */
final class KeysetPredicate {

    private KeysetPredicate() {
    }

    static void write(List<SortColumn> order, List<Object> cursorValues, SqlBuilder sql) {
        List<Integer> equalSoFar = new ArrayList<>();
        boolean first = true;
        sql.sql("(");
        for (int i = 0; i < order.size(); i++) {
            Object value = cursorValues.get(i);
            if (value == null) {
                continue;
            }
            sql.sql(first ? "(" : " OR (");
            first = false;
            for (int earlier : equalSoFar) {
                compare(order.get(earlier), earlier, " = ", cursorValues.get(earlier), sql);
                sql.sql(" AND ");
            }
            compare(order.get(i), i, order.get(i).descending() ? " < " : " > ", value, sql);
            sql.sql(")");
            equalSoFar.add(i);
        }
        sql.sql(first ? "FALSE)" : ")");
    }

    private static void compare(SortColumn column, int index, String operator, Object value, SqlBuilder sql) {
        sql.sql(CompiledSearch.sortColumnLabel(index) + operator);
        column.type().bind(sql, value);
    }
}
