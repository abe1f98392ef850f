package io.metastore.search.control;

import io.metastore.platform.Failure;
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

    static final String TABLE = "metastore.metastore_records";
    /** The PostgreSQL protocol carries at most this many bind parameters in one statement. */
    static final int MAX_PARAMETERS = 65_535;
    static final SqlStatement NOT_DELETED = new SqlStatement("deleted_at IS NULL", List.of());
    static final String RECORD_COLUMNS = "key, CAST(metadata AS text) AS metadata, tags, owner, version, "
            + "created_at, updated_at, created_by, updated_by, deleted_at";

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
                ? Optional.of(new SqlBuilder().sql("SELECT count(*) FROM " + TABLE + " WHERE ").append(where).build())
                : Optional.empty();
        return new CompiledSearch(page, count, order, fingerprint, query.limit());
    }

    private static SqlStatement where(SearchQuery query, Optional<Set<String>> readableNamespaces) {
        List<SqlStatement> conditions = new ArrayList<>();
        query.filter().ifPresent(filter -> conditions.add(condition(filter)));
        readableNamespaces.ifPresent(namespaces -> conditions.add(readable(namespaces)));
        if (!query.includeDeleted()) {
            conditions.add(NOT_DELETED);
        }
        return conjunction(conditions);
    }

    static SqlStatement condition(Filter filter) {
        SqlBuilder sql = new SqlBuilder();
        FilterCompiler.compile(filter, sql);
        return sql.build();
    }

    static SqlStatement readable(Set<String> namespaces) {
        return new SqlBuilder().sql("namespace = ANY(").param(namespaces.stream().sorted().toArray(String[]::new))
                .sql(")").build();
    }

    /** The conditions joined by AND; TRUE when there are none. */
    static SqlStatement conjunction(List<SqlStatement> conditions) {
        if (conditions.isEmpty()) {
            return new SqlStatement("TRUE", List.of());
        }
        SqlBuilder sql = new SqlBuilder();
        for (int i = 0; i < conditions.size(); i++) {
            sql.sql(i == 0 ? "" : " AND ").append(conditions.get(i));
        }
        return sql.build();
    }

    private static SqlStatement page(SqlStatement where, List<SortColumn> order, Optional<KeysetCursor> after,
                                     int limit) {
        return new SqlBuilder().append(selection(RECORD_COLUMNS, where, order, after)).sql(orderBy(order))
                .sql(" LIMIT ").param((long) limit + 1).build();
    }

    /**
     * The rows after the cursor that meet {@code where}, with {@code columns} and the sort expressions, unordered. The
     * sort expressions are computed in a subquery and compared by name outside it; PostgreSQL pulls the subquery up,
     * so the keyset bounds still reach the indexes.
     */
    static SqlStatement selection(String columns, SqlStatement where, List<SortColumn> order,
                                  Optional<KeysetCursor> after) {
        SqlBuilder sql = new SqlBuilder().sql("SELECT * FROM (SELECT " + columns);
        for (int i = 0; i < order.size(); i++) {
            sql.sql(", ").append(order.get(i).expression()).sql(" AS " + CompiledSearch.sortColumnLabel(i));
        }
        sql.sql(" FROM " + TABLE + " WHERE ").append(where).sql(") AS page");
        after.ifPresent(cursor -> {
            sql.sql(" WHERE ");
            KeysetPredicate.write(order, cursor.values(), sql);
        });
        return sql.build();
    }

    static String orderBy(List<SortColumn> order) {
        StringBuilder sql = new StringBuilder(" ORDER BY ");
        for (int i = 0; i < order.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(CompiledSearch.sortColumnLabel(i))
                    .append(order.get(i).descending() ? " DESC" : " ASC");
        }
        return sql.toString();
    }
}
