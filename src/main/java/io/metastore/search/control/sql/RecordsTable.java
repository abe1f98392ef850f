package io.metastore.search.control.sql;

import io.metastore.records.control.RecordRows;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.search.control.query.Filter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The records table as every page statement reads it: its name, the columns an item needs and how an item is read from
 * them, the conditions a search always adds (the filter, the readable namespaces, live records only), and a selection
 * of the rows after a cursor with their sort values. Shared by the plain page statement ({@link SearchCompiler}) and the bounded walk
 * ({@link BoundedIndexWalk}), which otherwise know nothing of each other's SQL.
 */
final class RecordsTable {

    static final String TABLE = "metastore.metastore_records";
    static final SqlStatement NOT_DELETED = new SqlStatement("deleted_at IS NULL", List.of());
    static final String RECORD_COLUMNS = RecordRows.COLUMNS;

    private RecordsTable() {
    }

    static SqlStatement condition(Filter filter, UsableIndexes indexes) {
        SqlBuilder sql = new SqlBuilder();
        FilterCompiler.compile(filter, indexes, sql);
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

    /** The record in a row that selects {@link #RECORD_COLUMNS}, its metadata as PostgreSQL's text of the jsonb. */
    static RecordSnapshot item(ResultSet row) throws SQLException {
        return RecordRows.read(row);
    }
}
