package io.metastore.search.control;

import io.metastore.platform.LocalTransaction;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.search.control.sql.CompiledSearch;
import io.metastore.search.control.sql.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a compiled search on the caller's connection, inside the caller's transaction. Three settings are made with
 * {@code is_local}, so they end with that transaction and never leak to other users of a pooled connection:
 * <ul>
 * <li>a statement timeout, so no search can hold a connection for long;</li>
 * <li>custom plans only: once PgJDBC prepares a statement on the server, PostgreSQL may switch to a generic plan
 * that cannot see the values. For a lone metadata condition in key order such a plan walks the whole key index
 * rather than asking the GIN index (it guesses 1% of rows match and the GIN cost of an unknown value is high),
 * which is a full scan for a rare value. Planning a search afresh costs well under a millisecond.</li>
 * <li>no JIT compilation: a bounded index walk carries a fallback branch costed for full
 * retrieval, which lifts the plan above {@code jit_above_cost} although the branch rarely runs; compiling it
 * costs about 100 ms, for a search that otherwise takes 2 ms.</li>
 * </ul>
 */
public final class SearchExecutor {

    /**
     * A page ends early, with a cursor, once its items reach this size (API.md), so one search never holds more than
     * about this much record content in memory, whatever its limit.
     */
    public static final long MAX_PAGE_BYTES = 8L * 1024 * 1024;
    /** Generously, what an item's representation adds to its variable parts: member names, version, timestamps. */
    private static final int REPRESENTATION_OVERHEAD = 256;

    private final String statementTimeout;

    /** @param statementTimeout a PostgreSQL duration such as {@code 5s}; bounds each search statement */
    public SearchExecutor(String statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public SearchPage execute(Connection connection, CompiledSearch search) throws SQLException {
        LocalTransaction.readSettings(connection, statementTimeout);
        List<RecordSnapshot> items = new ArrayList<>();
        List<Object> lastSortValues = List.of();
        boolean more = false;
        long bytes = 0;
        try (PreparedStatement page = prepare(connection, search.page()); ResultSet rows = page.executeQuery()) {
            while (rows.next()) {
                if (items.size() == search.limit() || bytes >= MAX_PAGE_BYTES) {
                    more = true;
                    break;
                }
                RecordSnapshot item = search.item(rows);
                items.add(item);
                bytes += representationBytes(item);
                lastSortValues = search.sortValues(rows);
            }
        }
        String nextCursor = more ? search.cursorAfter(lastSortValues) : null;
        Long total = search.count().isPresent() ? count(connection, search.count().get()) : null;
        return new SearchPage(items, nextCursor, total);
    }

    private static long count(Connection connection, SqlStatement statement) throws SQLException {
        try (PreparedStatement count = prepare(connection, statement); ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The statement with its values bound as a search binds them (tests explain plans with exactly these types). */
    static PreparedStatement prepare(Connection connection, SqlStatement statement) throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(statement.sql());
        try {
            List<Object> parameters = statement.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof String[] texts) {
                    prepared.setArray(i + 1, connection.createArrayOf("text", texts));
                } else {
                    prepared.setObject(i + 1, value);
                }
            }
            return prepared;
        } catch (SQLException e) {
            prepared.close();
            throw e;
        }
    }

    /**
     * The size of the item's full representation as UTF-8: its variable parts counted exactly, the rest allowed for.
     * With {@code fields} the answered items are smaller, so such a page may end before its items reach the bound.
     */
    private static long representationBytes(RecordSnapshot item) {
        long bytes = REPRESENTATION_OVERHEAD + utf8Length(item.metadataText()) + utf8Length(item.key()) * 2L
                + utf8Length(item.createdBy()) + utf8Length(item.updatedBy());
        if (item.owner() != null) {
            bytes += utf8Length(item.owner());
        }
        for (String tag : item.tags()) {
            bytes += utf8Length(tag) + 3;
        }
        return bytes;
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
