package io.metastore.search.control.query;

/** One sort criterion. */
public record SortKey(Field field, boolean descending) {
}
