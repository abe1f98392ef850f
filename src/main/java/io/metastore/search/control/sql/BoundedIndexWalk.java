package io.metastore.search.control.sql;

import io.metastore.search.control.query.Filter;
import io.metastore.search.control.query.Operator;
import io.metastore.search.control.query.RecordField;
import io.metastore.search.control.query.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The page statement for an order a B-tree serves (the key; {@code updatedAt} through the {@code (updated_at, key)}
 * index) when the filter holds conditions that index cannot apply (tags, metadata, other columns). Left to itself,
 * PostgreSQL walks the ordered index and filters, betting that the page fills early because it believes the filter
 * common. When it is wrong (several containments it multiplies as if independent; a tag no row holds; matches that
 * all sit late in the order, such as a metadata member only one namespace has), the walk reads the whole index:
 * seconds at a million rows. Statistics cannot correct these estimates (docs/benchmarks.md), so the statement bounds
 * the walk itself and falls back to the GIN indexes:
 * <ol>
 * <li>{@code walk}: the first {@link #WALK_BUDGET} rows of the range in the search's order, filtered, stopping as
 * soon as the page is full, which is the plan PostgreSQL picks for a common filter;</li>
 * <li>only when the walk found less than a page: the whole search planned for full retrieval (OFFSET 0 keeps the
 * LIMIT from reaching that planner), so the GIN indexes fetch every candidate and a top-N sort orders them. The
 * filter then matched under 0.5 % of the walked rows, so the candidates are few unless they cluster in the
 * order.</li>
 * </ol>
 * Either branch alone gives the exact page in the full order (ties included), so the cursor after its last row is
 * the same whichever branch answered; the second merely replaces a walk that fell short. Orders no index serves
 * (createdAt and other columns, metadata paths) have no walk to bound: PostgreSQL fetches and sorts the matches.
 */
public final class BoundedIndexWalk {

    /**
     * Rows the walk reads before the search asks the other indexes instead: 50 to 225 ms at 1M rows, more where the
     * order is scattered over the table's pages (docs/benchmarks.md).
     */
    public static final int WALK_BUDGET = 10_000;
    private static final Set<Operator> RANGE_OPERATORS =
            Set.of(Operator.EQ, Operator.LT, Operator.LTE, Operator.GT, Operator.GTE, Operator.BETWEEN);

    /**
     * The search's conditions in two parts: those the walked index applies as its range (plus the readable
     * namespaces and the deletion test, which hold for most rows), and the residual filter.
     */
    record Split(SqlStatement range, SqlStatement residual) {
    }

    private BoundedIndexWalk() {
    }

    /**
     * Empty when no index serves the order or every condition bounds the walk: the plain statement is safe then.
     */
    static Optional<Split> split(SearchQuery query, Optional<Set<String>> readableNamespaces,
                                 UsableIndexes indexes) {
        RecordField leading = query.sort().isEmpty() ? RecordField.KEY : query.sort().get(0).field().root();
        if (leading != RecordField.KEY && leading != RecordField.UPDATED_AT) {
            return Optional.empty();
        }
        List<SqlStatement> range = new ArrayList<>();
        List<SqlStatement> residual = new ArrayList<>();
        query.filter().ifPresent(filter -> {
            for (Filter conjunct : UsableIndexes.conjuncts(filter)) {
                (boundsTheWalk(leading, conjunct) ? range : residual).add(RecordsTable.condition(conjunct,
                        indexes));
            }
        });
        if (residual.isEmpty()) {
            return Optional.empty();
        }
        readableNamespaces.ifPresent(namespaces -> range.add(RecordsTable.readable(namespaces)));
        if (!query.includeDeleted()) {
            range.add(RecordsTable.NOT_DELETED);
        }
        return Optional.of(new Split(RecordsTable.conjunction(range), RecordsTable.conjunction(residual)));
    }

    /**
     * @param where all conditions of the search, for the fallback
     * @param order the search's order, led by the walked index's column
     */
    static SqlStatement page(Split split, SqlStatement where, List<SortColumn> order, Optional<KeysetCursor> after,
                             int limit) {
        return page(split, where, order, after, limit, RecordsTable.orderBy(order));
    }

    /**
     * The same, walking in {@code orderBy}: an ORDER BY that gives the search's order on the rows of {@code where}
     * and that the walked index serves (a declared index's value first, {@link IndexedOrder}).
     */
    static SqlStatement page(Split split, SqlStatement where, List<SortColumn> order, Optional<KeysetCursor> after,
                             int limit, String orderBy) {
        long rows = (long) limit + 1;
        String sortColumns = IntStream.range(0, order.size()).mapToObj(CompiledSearch::sortColumnLabel)
                .collect(Collectors.joining(", "));
        return new SqlBuilder()
                .sql("WITH walk AS MATERIALIZED (SELECT " + RecordsTable.RECORD_COLUMNS + ", " + sortColumns
                        + " FROM (")
                .append(RecordsTable.selection("*", split.range(), order, after))
                .sql(orderBy + " LIMIT " + WALK_BUDGET + ") AS walked WHERE ").append(split.residual())
                .sql(orderBy + " LIMIT ").param(rows).sql(")")
                .sql(" SELECT * FROM walk WHERE (SELECT count(*) FROM walk) = ").param(rows)
                .sql(" UNION ALL SELECT * FROM (")
                .append(RecordsTable.selection(RecordsTable.RECORD_COLUMNS, where, order, after))
                .sql(" OFFSET 0) AS candidates WHERE (SELECT count(*) FROM walk) < ").param(rows)
                // after a UNION, PostgreSQL orders by result columns only: the sort columns give the same order
                .sql(RecordsTable.orderBy(order) + " LIMIT ").param(rows)
                .build();
    }

    /**
     * A comparison the walked index applies itself: in key order one of the key (a prefix is a range too) or a
     * namespace equality, which the (namespace, key) index serves; in updatedAt order one of updatedAt, or one of the
     * key, which (updated_at, key) checks in the index before it reads the row.
     */
    private static boolean boundsTheWalk(RecordField leading, Filter condition) {
        if (!(condition instanceof Filter.Comparison comparison) || comparison.value() == null
                || comparison.value().isNull()) {
            return false;
        }
        Operator op = comparison.op();
        RecordField field = comparison.field().root();
        boolean keyRange = field == RecordField.KEY && (RANGE_OPERATORS.contains(op) || op == Operator.STARTS_WITH);
        return switch (leading) {
            case KEY -> keyRange || field == RecordField.NAMESPACE && op == Operator.EQ;
            case UPDATED_AT -> keyRange || field == RecordField.UPDATED_AT && RANGE_OPERATORS.contains(op);
            default -> false;
        };
    }
}
