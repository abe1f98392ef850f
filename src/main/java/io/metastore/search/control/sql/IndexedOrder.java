package io.metastore.search.control.sql;

import io.metastore.indexes.control.IndexType;
import io.metastore.search.control.query.SearchQuery;
import io.metastore.search.control.query.SortKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The page statement of a search whose first sort key is a metadata path that a ready declared index holds. The
 * contract's order ({@link SortPlan}: present before absent, then by JSON type, then by value, then key) is not the
 * index's order (the typed value, then key), but within the records holding the index's type it is: those sort by
 * the value, and the index hands them over in that order, so the page needs no sort of all matches. The records are
 * read in three segments of the contract's order, each the page's worth at most:
 * <ol>
 * <li>present values of the types that sort before the index's type in the search's direction, only when the
 * namespace holds any (its index's NULL entries are asked, one row at most, before the filter runs);</li>
 * <li>values of the index's type, walking the index (ties on its value sorted as they come); with a filter beyond the
 * namespace, the walk is bounded and falls back to the filter's matches ({@link #typed});</li>
 * <li>values of the types that sort after it, and absent values, only when the first two did not fill the page.</li>
 * </ol>
 * The segments are sorted by the contract's order once more, so the page is exactly the plain statement's page, and
 * its cursor the same. After a cursor, segments that lie wholly before it are left out, and the index walk starts at
 * the cursor's value.
 */
final class IndexedOrder {

    private enum Segment { BEFORE, TYPED, AFTER }

    private IndexedOrder() {
    }

    /** The declared index the search's order can walk: a number index before a string index on the same path. */
    static Optional<IndexType> walkable(SearchQuery query, UsableIndexes indexes) {
        if (query.sort().isEmpty() || !query.sort().get(0).field().isMetadataPath()) {
            return Optional.empty();
        }
        Set<IndexType> types = indexes.at(query.sort().get(0).field().path());
        return types.stream().min(Enum::compareTo);
    }

    /**
     * @param where all conditions of the search
     * @param order the search's order, whose first five expressions are those of the indexed path ({@link SortPlan})
     */
    static SqlStatement page(SearchQuery query, IndexType type, UsableIndexes indexes, SqlStatement where,
                             List<SortColumn> order, Optional<KeysetCursor> after) {
        SortKey first = query.sort().get(0);
        List<String> path = first.field().path();
        String namespace = indexes.namespace().orElseThrow();
        long rank = typeRank(type);
        long rows = (long) query.limit() + 1;
        Segment from = after.map(cursor -> segment(cursor.values(), rank, first.descending())).orElse(Segment.BEFORE);
        String orderBy = RecordsTable.orderBy(order);
        SqlStatement afterwards = segment(and(where, untyped(path, type),
                rankBeyond(path, rank, !first.descending(), true)), order, after, orderBy, rows);
        if (from == Segment.AFTER) {
            return new SqlBuilder().sql("SELECT * FROM ").append(afterwards).sql(" AS segments" + orderBy + " LIMIT ")
                    .param(rows).build();
        }
        SqlBuilder head = new SqlBuilder().sql("WITH head AS MATERIALIZED (SELECT * FROM (");
        if (from == Segment.BEFORE) {
            // only when the namespace holds such values at all: the index's NULL entries are asked, not the filter
            SqlStatement before = and(where, untyped(path, type), rankBeyond(path, rank, first.descending(), false));
            head.sql("SELECT * FROM ").append(segment(before, order, after, orderBy, rows))
                    .sql(" AS before_typed WHERE EXISTS (SELECT 1 FROM " + RecordsTable.TABLE + " WHERE namespace = ")
                    .param(namespace).sql(" AND ").append(untyped(path, type)).sql(" AND ")
                    .append(rankBeyond(path, rank, first.descending(), false)).sql(") UNION ALL ");
        }
        head.append(typed(query, type, namespace, where, order, after, path, from == Segment.TYPED, rows));
        head.sql(") AS segments" + orderBy + " LIMIT ").param(rows).sql(")");
        // the values after the index's type, and absent ones, only when the others do not fill the page
        return head.sql(" SELECT * FROM head UNION ALL SELECT * FROM ").append(afterwards)
                .sql(" AS after_typed WHERE (SELECT count(*) FROM head) < ").param(rows)
                .sql(orderBy + " LIMIT ").param(rows).build();
    }

    /**
     * The values of the index's type, in the index's order. A filter beyond the namespace may be rare or common, and
     * PostgreSQL cannot tell (it has no statistics of a partial index's expression), so the walk of the index is
     * bounded as in key order ({@link BoundedIndexWalk}): a common filter fills the page early, a rare one falls back
     * to its matches, sorted.
     */
    private static SqlStatement typed(SearchQuery query, IndexType type, String namespace, SqlStatement where,
                                      List<SortColumn> order, Optional<KeysetCursor> after, List<String> path,
                                      boolean fromCursor, long rows) {
        SqlBuilder inIndex = new SqlBuilder();
        MetadataSql.indexKey(inIndex, path, type);
        inIndex.sql(" IS NOT NULL");
        Optional<Object> start = after.filter(cursor -> fromCursor)
                .flatMap(cursor -> indexedValue(type, cursor.values()));
        if (start.isPresent()) {
            // the walk starts at the cursor's value; the keyset predicate drops the ties before the cursor row
            inIndex.sql(" AND ");
            MetadataSql.indexKey(inIndex, path, type);
            inIndex.sql(query.sort().get(0).descending() ? " <= " : " >= ").param(start.get());
        }
        SqlStatement range = inIndex.build();
        String walk = " ORDER BY " + indexedSortValue(type) + (query.sort().get(0).descending() ? " DESC, " : " ASC, ")
                + RecordsTable.orderBy(order).substring(" ORDER BY ".length());
        SqlStatement typedWhere = and(where, range);
        boolean onlyTheNamespace = query.filter().map(UsableIndexes::conjuncts).orElse(List.of()).stream()
                .allMatch(UsableIndexes::isNamespaceEquality);
        if (onlyTheNamespace) {
            return segment(typedWhere, order, after, walk, rows);
        }
        // the walk reads the index's entries of the namespace (its predicate), and of live records unless deleted ones
        // are asked for; the whole filter then decides
        SqlBuilder walked = new SqlBuilder().sql("namespace = ").param(namespace).sql(" AND ").append(range);
        if (!query.includeDeleted()) {
            walked.sql(" AND ").append(RecordsTable.NOT_DELETED);
        }
        return new SqlBuilder().sql("(").append(BoundedIndexWalk.page(new BoundedIndexWalk.Split(walked.build(),
                where), typedWhere, order, after, query.limit(), walk)).sql(")").build();
    }

    private static SqlStatement segment(SqlStatement where, List<SortColumn> order, Optional<KeysetCursor> after,
                                        String orderBy, long rows) {
        return new SqlBuilder().sql("(").append(RecordsTable.selection(RecordsTable.RECORD_COLUMNS, where, order,
                after)).sql(orderBy + " LIMIT ").param(rows).sql(")").build();
    }

    /** Where the cursor row lies: its absent flag and type rank are the order's first two values. */
    private static Segment segment(List<Object> cursor, long rank, boolean descending) {
        if (Boolean.TRUE.equals(cursor.get(0)) || cursor.get(1) == null) {
            return Segment.AFTER;
        }
        long cursorRank = (Long) cursor.get(1);
        if (cursorRank == rank) {
            return Segment.TYPED;
        }
        return descending == cursorRank > rank ? Segment.BEFORE : Segment.AFTER;
    }

    /** The rank of the index's type in the order of {@link MetadataSql#typeRank}. */
    private static long typeRank(IndexType type) {
        return switch (type) {
            case NUMBER -> 2;
            case STRING -> 1;
        };
    }

    /** The index's expression as the page's columns give it: the number, or the string's indexed prefix. */
    private static String indexedSortValue(IndexType type) {
        return switch (type) {
            case NUMBER -> CompiledSearch.sortColumnLabel(2);
            case STRING -> "left(" + CompiledSearch.sortColumnLabel(3) + ", " + IndexType.STRING_PREFIX + ")";
        };
    }

    /** The cursor row's value of the index's expression; empty in a cursor no page of this search issued. */
    private static Optional<Object> indexedValue(IndexType type, List<Object> cursor) {
        return switch (type) {
            case NUMBER -> Optional.ofNullable(cursor.get(2));
            case STRING -> Optional.ofNullable((String) cursor.get(3)).map(IndexType::prefix);
        };
    }

    private static SqlStatement untyped(List<String> path, IndexType type) {
        SqlBuilder sql = new SqlBuilder();
        MetadataSql.indexKey(sql, path, type);
        return sql.sql(" IS NULL").build();
    }

    /**
     * Present values whose type rank lies above ({@code above}) or below the index type's rank; with
     * {@code orAbsent}, absent values too.
     */
    private static SqlStatement rankBeyond(List<String> path, long rank, boolean above, boolean orAbsent) {
        SqlBuilder sql = new SqlBuilder().sql("(");
        MetadataSql.typeRank(sql, path);
        sql.sql(above ? " > " : " < ").param(rank);
        if (orAbsent) {
            sql.sql(" OR ");
            MetadataSql.value(sql, path);
            sql.sql(" IS NULL");
        }
        return sql.sql(")").build();
    }

    private static SqlStatement and(SqlStatement... conditions) {
        return RecordsTable.conjunction(List.of(conditions));
    }
}
