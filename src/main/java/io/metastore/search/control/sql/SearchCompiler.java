package io.metastore.search.control.sql;

import io.metastore.platform.Failure;
import io.metastore.search.control.query.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a {@link SearchQuery} into one SQL statement (plus an optional count) over {@code metastore_records}.
 * The text depends only on validated field names, operators and path depths; every request value, cursor value and
 * namespace is a bind parameter. A page in an order an index serves (key, updatedAt) whose filter that index cannot
 * apply bounds its walk of the index ({@link BoundedIndexWalk}); any other page is one ordered query.
 */
public final class SearchCompiler {

    /** The PostgreSQL protocol carries at most this many bind parameters in one statement. */
    static final int MAX_PARAMETERS = 65_535;

    /**
     * @param readableNamespaces the namespaces the caller may read; empty when every namespace is readable
     */
    public CompiledSearch compile(SearchQuery query, Optional<Set<String>> readableNamespaces) {
        List<SortColumn> order = SortPlan.columns(query.sort());
        String fingerprint = KeysetCursor.fingerprint(query.filter(), order, query.includeDeleted());
        Optional<KeysetCursor> after = Optional.ofNullable(query.cursor())
                .map(token -> KeysetCursor.decode(token, order, fingerprint));
        SqlStatement where = where(query, readableNamespaces);
        SqlStatement page = BoundedIndexWalk.split(query, readableNamespaces)
                .map(split -> BoundedIndexWalk.page(split, where, order, after, query.limit()))
                .orElseGet(() -> page(where, order, after, query.limit()));
        if (page.parameters().size() > MAX_PARAMETERS) {
            // many large in-lists (bound twice in a bounded index walk) can compile to more values than
            // PostgreSQL accepts: refuse rather than fail there
            throw Failure.invalid("filter", "the filter holds too many values for one search");
        }
        Optional<SqlStatement> count = query.count()
                ? Optional.of(new SqlBuilder().sql("SELECT count(*) FROM " + RecordsTable.TABLE + " WHERE ")
                        .append(where).build())
                : Optional.empty();
        return new CompiledSearch(page, count, order, fingerprint, query.limit());
    }

    private static SqlStatement where(SearchQuery query, Optional<Set<String>> readableNamespaces) {
        List<SqlStatement> conditions = new ArrayList<>();
        query.filter().ifPresent(filter -> conditions.add(RecordsTable.condition(filter)));
        readableNamespaces.ifPresent(namespaces -> conditions.add(RecordsTable.readable(namespaces)));
        if (!query.includeDeleted()) {
            conditions.add(RecordsTable.NOT_DELETED);
        }
        return RecordsTable.conjunction(conditions);
    }

    private static SqlStatement page(SqlStatement where, List<SortColumn> order, Optional<KeysetCursor> after,
                                     int limit) {
        return new SqlBuilder().append(RecordsTable.selection(RecordsTable.RECORD_COLUMNS, where, order, after))
                .sql(RecordsTable.orderBy(order))
                .sql(" LIMIT ").param((long) limit + 1).build();
    }
}
