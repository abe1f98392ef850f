package io.metastore.search.control;

import java.util.List;
import java.util.Optional;

/**
 * A search ready to run: the page statement (fetching {@code limit + 1} rows, so the executor knows whether more
 * follow), the count statement when a total was asked for, and what the executor needs to issue the next cursor.
 */
public record CompiledSearch(SqlStatement page, Optional<SqlStatement> count, List<SortColumn> order,
                             String fingerprint, int limit) {

    public CompiledSearch {
        order = List.copyOf(order);
    }

    /** Column label of the i-th sort expression in the page statement. */
    static String sortColumnLabel(int index) {
        return "sort_" + (index + 1);
    }
}
