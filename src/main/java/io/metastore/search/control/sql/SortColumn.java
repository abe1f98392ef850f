package io.metastore.search.control.sql;

/**
 * One expression of the ORDER BY, selected as an extra column so the executor can put its value into the cursor.
 * {@code expression} may hold bind parameters (metadata path segments).
 */
record SortColumn(SqlStatement expression, SortValueType type, boolean descending) {
}
