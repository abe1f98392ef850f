package io.metastore.search.control;

/** One sort criterion. */
public record SortKey(Field field, boolean descending) {
}
