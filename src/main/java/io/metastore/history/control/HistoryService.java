package io.metastore.history.control;

import io.metastore.platform.Failure;
import io.metastore.platform.LocalTransaction;
import io.metastore.records.control.RecordKey;
import io.metastore.records.control.RecordRows;
import io.metastore.records.control.RecordSnapshot;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads a key's history entries (written by PostgreSQL's trigger, migration V2) on a pooled connection, each as the
 * record it was: its metadata stays PostgreSQL's text of the jsonb, as a search item's does. Both reads use the unique
 * B-tree on (key, version).
 */
@ApplicationScoped
public class HistoryService {

    @Resource(lookup = "jdbc/metastore")
    DataSource database;

    @Inject
    @ConfigProperty(name = "metastore.search.statement-timeout", defaultValue = "5s")
    String statementTimeout;

    /**
     * Up to {@code limit} versions of the key, newest first, below the cursor's version when there is one.
     *
     * @throws Failure not found when the key has no entry at all (it never existed)
     */
    public HistoryPage page(RecordKey key, int limit, Optional<String> cursor) {
        Optional<HistoryCursor> after = cursor.map(token -> HistoryCursor.decode(token, key.toString()));
        List<RecordSnapshot> rows = LocalTransaction.read(database, Connection.TRANSACTION_READ_COMMITTED,
                statementTimeout, connection -> {
                    try (PreparedStatement page = connection.prepareStatement("SELECT " + RecordRows.COLUMNS
                            + " FROM metastore.metastore_history WHERE key = ? AND version < ?"
                            + " ORDER BY version DESC LIMIT ?")) {
                        page.setString(1, key.toString());
                        page.setLong(2, after.map(HistoryCursor::below).orElse(Long.MAX_VALUE));
                        page.setInt(3, limit + 1);
                        return read(page);
                    }
                });
        if (rows.isEmpty() && after.isEmpty()) {
            throw Failure.notFound("No history for key " + key);
        }
        if (rows.size() <= limit) {
            return new HistoryPage(rows, null);
        }
        List<RecordSnapshot> items = rows.subList(0, limit);
        return new HistoryPage(List.copyOf(items),
                new HistoryCursor(key.toString(), items.get(limit - 1).version()).encode());
    }

    /** The key as it was at this version, when that entry exists (it may never have, or have been pruned). */
    public Optional<RecordSnapshot> version(RecordKey key, long version) {
        return LocalTransaction.read(database, Connection.TRANSACTION_READ_COMMITTED, statementTimeout, connection -> {
            try (PreparedStatement one = connection.prepareStatement("SELECT " + RecordRows.COLUMNS
                    + " FROM metastore.metastore_history WHERE key = ? AND version = ?")) {
                one.setString(1, key.toString());
                one.setLong(2, version);
                return read(one).stream().findFirst();
            }
        });
    }

    private static List<RecordSnapshot> read(PreparedStatement statement) throws SQLException {
        List<RecordSnapshot> entries = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                entries.add(RecordRows.read(rows));
            }
        }
        return entries;
    }
}
