package io.metastore.indexes.control;

import java.util.function.Consumer;

/**
 * The typed views of a metadata value that searches compare and sort by, written once for both readers: the search
 * compiler (with the path as bind parameters) and the definition of a declared index (with the path as literals). A
 * declared index serves a search only when its expression is, after PostgreSQL folds the bound values into constants,
 * the very expression the search writes, so neither may spell it differently.
 * <p>
 * Each view is NULL unless the value has its JSON type: the CASE keeps the cast from ever seeing another type, so the
 * expression never raises, whatever a record holds, and is IMMUTABLE as an index expression must be.
 */
public final class TypedValue {

    private TypedValue() {
    }

    /** The number at the path as numeric (numbers compare numerically); NULL for any other type or when absent. */
    public static void number(Consumer<String> sql, Runnable value) {
        typed(sql, value, "= 'number'", "CAST(", " AS numeric)");
    }

    /** The string at the path in code-point order, whatever the database's collation; NULL for any other type. */
    public static void text(Consumer<String> sql, Runnable value) {
        typed(sql, value, "= 'string'", "(", " #>> '{}')");
        sql.accept(" COLLATE \"C\"");
    }

    /**
     * The jsonb at the path unless it is a number or a string, which {@link #number} and {@link #text} give: the
     * tie-breaker of a metadata sort for the other types (booleans, arrays, objects), so a sort value is in one view.
     */
    public static void other(Consumer<String> sql, Runnable value) {
        typed(sql, value, "NOT IN ('number', 'string')", "", "");
    }

    private static void typed(Consumer<String> sql, Runnable value, String typeTest, String open, String close) {
        sql.accept("(CASE WHEN jsonb_typeof(");
        value.run();
        sql.accept(") " + typeTest + " THEN " + open);
        value.run();
        sql.accept(close + " END)");
    }
}
