package io.metastore.search.control.sql;

import io.metastore.records.control.RecordSnapshot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A search ready to run: the page statement (fetching {@code limit + 1} rows, so the executor knows whether more
 * follow), the count statement when a total was asked for, and how to read the page's rows and issue the next cursor.
 */
public record CompiledSearch(SqlStatement page, Optional<SqlStatement> count, List<SortColumn> order,
                             String fingerprint, int limit) {

    public CompiledSearch {
        order = List.copyOf(order);
    }

    /** The record a row of the page statement holds. */
    public RecordSnapshot item(ResultSet row) throws SQLException {
        return RecordsTable.item(row);
    }

    /** The values of the sort expressions in a row of the page statement, which the cursor after that row carries. */
    public List<Object> sortValues(ResultSet row) throws SQLException {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            values.add(order.get(i).type().read(row, sortColumnLabel(i)));
        }
        return values;
    }

    /** The cursor of the page that starts after the row with these sort values. */
    public String cursorAfter(List<Object> sortValues) {
        return new KeysetCursor(fingerprint, sortValues).encode(order);
    }

    /** Column label of the i-th sort expression in the page statement. */
    static String sortColumnLabel(int index) {
        return "sort_" + (index + 1);
    }
}
