package io.metastore.search.control.sql;

import io.metastore.indexes.control.ReadyIndexes;
import io.metastore.platform.Failure;
import io.metastore.search.control.query.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a {@link SearchQuery} into one SQL statement (plus an optional count) over {@code metastore_records}.
 * The text depends only on validated field names, operators and path depths; every request value, cursor value and
 * namespace is a bind parameter. A page sorted first by a metadata path a ready declared index holds walks that index
 * ({@link IndexedOrder}); a page in an order an index serves (key, updatedAt) whose filter that index cannot apply
 * bounds its walk of the index ({@link BoundedIndexWalk}); any other page is one ordered query. Comparisons that a
 * ready declared index serves are written for it ({@link IndexedComparison}).
 */
public final class SearchCompiler {

    /** The PostgreSQL protocol carries at most this many bind parameters in one statement. */
    static final int MAX_PARAMETERS = 65_535;

    /**
     * @param readableNamespaces the namespaces the caller may read; empty when every namespace is readable
     */
    public CompiledSearch compile(SearchQuery query, Optional<Set<String>> readableNamespaces) {
        return compile(query, readableNamespaces, ReadyIndexes.NONE);
    }

    /**
     * @param readableNamespaces the namespaces the caller may read; empty when every namespace is readable
     * @param ready              the declared indexes believed ready; they change the statement, never its result
     */
    public CompiledSearch compile(SearchQuery query, Optional<Set<String>> readableNamespaces, ReadyIndexes ready) {
        List<SortColumn> order = SortPlan.columns(query.sort());
        String fingerprint = KeysetCursor.fingerprint(query.filter(), order, query.includeDeleted());
        Optional<KeysetCursor> after = Optional.ofNullable(query.cursor())
                .map(token -> KeysetCursor.decode(token, order, fingerprint));
        UsableIndexes indexes = UsableIndexes.of(query, readableNamespaces, ready);
        SqlStatement where = where(query, readableNamespaces, indexes);
        SqlStatement page = page(query, readableNamespaces, indexes, where, order, after);
        if (page.parameters().size() > MAX_PARAMETERS && indexes.namespace().isPresent()) {
            // a page written for declared indexes binds its filter up to three times: without them it may fit
            where = where(query, readableNamespaces, UsableIndexes.NONE);
            page = page(query, readableNamespaces, UsableIndexes.NONE, where, order, after);
        }
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

    private static SqlStatement page(SearchQuery query, Optional<Set<String>> readableNamespaces,
                                     UsableIndexes indexes, SqlStatement where, List<SortColumn> order,
                                     Optional<KeysetCursor> after) {
        return IndexedOrder.walkable(query, indexes)
                .map(type -> IndexedOrder.page(query, type, indexes, where, order, after))
                .or(() -> BoundedIndexWalk.split(query, readableNamespaces, indexes)
                        .map(split -> BoundedIndexWalk.page(split, where, order, after, query.limit())))
                .orElseGet(() -> page(where, order, after, query.limit()));
    }

    private static SqlStatement where(SearchQuery query, Optional<Set<String>> readableNamespaces,
                                      UsableIndexes indexes) {
        List<SqlStatement> conditions = new ArrayList<>();
        query.filter().ifPresent(filter -> conditions.add(RecordsTable.condition(filter, indexes)));
        readableNamespaces.ifPresent(namespaces -> conditions.add(RecordsTable.readable(namespaces)));
        indexes.condition().ifPresent(conditions::add);
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
