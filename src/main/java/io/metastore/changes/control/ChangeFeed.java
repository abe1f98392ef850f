package io.metastore.changes.control;

import io.metastore.platform.Failure;
import io.metastore.platform.LocalTransaction;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the change feed from the history entries. A cursor stands at a PostgreSQL snapshot S1; a read takes the current
 * snapshot S2 and answers the entries of the transactions S2 sees committed and S1 did not (their xid is at or above
 * S1's xmax, or was in progress in S1), then moves the cursor to S2. Each committed transaction is in exactly one such
 * delta, the first snapshot that sees it, whatever order transactions began and committed in; a sequence number or
 * the xid alone would skip a transaction that commits after a later one was read.
 *
 * <p>Order: a transaction that writes a key after another took the key's row lock only once that one committed, so
 * every snapshot that sees the later one sees the earlier one too (a key's versions never go backwards across deltas),
 * and its history rows took their seq after all of the earlier one's: ordered by rank (each transaction's largest
 * seq), then xid, then seq, a delta lists a key's versions in order and a transaction's changes together. A delta
 * larger than a page is paged by that position, against the same S2, so nothing that commits meanwhile slips in
 * before the position. Transactions without history rows (other applications on the shared instance, however long
 * they run) cost an index probe and never hold the feed back.
 *
 * <p>A snapshot is handed out only once the WAL that led to it is on disk ({@link #awaitDurable}). A transaction that
 * aborts writes its abort record without flushing it; if PostgreSQL crashed before anything flushed that record,
 * recovery would hand the same xid (and those above it) to new transactions, which a cursor whose snapshot had seen the
 * xid completed would then skip for ever. Commits (synchronous_commit on) flush themselves, so the wait is rare and
 * short (the WAL writer flushes every wal_writer_delay).
 */
@ApplicationScoped
public class ChangeFeed {

    /** The delta between two snapshots, ranked; positions compare on the rank computed over every namespace. */
    private static final String DELTA = "SELECT * FROM (SELECT d.*, max(d.seq) OVER (PARTITION BY d.xid) AS rank FROM ("
            + "SELECT seq, xid, key, namespace, version, change, updated_at, updated_by"
            + " FROM metastore.metastore_history WHERE xid >= pg_snapshot_xmax(CAST(? AS pg_snapshot))"
            + " UNION ALL SELECT seq, xid, key, namespace, version, change, updated_at, updated_by"
            + " FROM metastore.metastore_history"
            + " WHERE xid = ANY(ARRAY(SELECT pg_snapshot_xip(CAST(? AS pg_snapshot))))) AS d"
            + " WHERE pg_visible_in_snapshot(d.xid, CAST(? AS pg_snapshot))) AS ranked";

    /** How long a read waits for PostgreSQL to flush the WAL up to its snapshot before it gives up (503). */
    private static final Duration DURABLE_WITHIN = Duration.ofSeconds(2);
    private static final long FLUSH_POLL_MILLIS = 5;

    @Resource(lookup = "jdbc/metastore")
    DataSource database;

    @Inject
    @ConfigProperty(name = "metastore.search.statement-timeout", defaultValue = "5s")
    String statementTimeout;

    @Inject
    @ConfigProperty(name = "metastore.history.retention", defaultValue = "P90D")
    Duration retention;

    /** The cursor of now: every change committed so far lies before it. */
    public FeedCursor now() {
        return LocalTransaction.read(database, Connection.TRANSACTION_READ_COMMITTED, statementTimeout,
                connection -> {
                    Current current = current(connection);
                    awaitDurable(connection, current);
                    return current.cursor();
                });
    }

    /**
     * Up to {@code limit} changes after the cursor in the namespaces given (all when empty), and the cursor after them.
     *
     * @throws Failure expired when the cursor is older than the retention: changes it has not seen may be pruned
     */
    public ChangePage read(FeedCursor since, int limit, Optional<Set<String>> namespaces) {
        return LocalTransaction.read(database, Connection.TRANSACTION_REPEATABLE_READ, statementTimeout, connection -> {
            // repeatable read: the page statement sees the rows of this snapshot, so no prune committed after the age
            // check below can take a row it answers
            Current current = current(connection);
            if (!since.takenAt().isAfter(current.clock().minus(retention))) {
                throw Failure.expired("The cursor is older than the history's retention (" + retention + "), so "
                        + "changes after it may be pruned: list again (search), then follow a fresh cursor");
            }
            Snapshot until = since.delta().map(FeedCursor.Delta::until).orElse(current.cursor().from());
            Instant untilTakenAt = since.delta().map(FeedCursor.Delta::untilTakenAt)
                    .orElse(current.cursor().takenAt());
            List<Row> rows = page(connection, since.from(), until,
                    since.delta().map(FeedCursor.Delta::position), limit + 1, namespaces);
            awaitDurable(connection, current);
            if (rows.size() <= limit) {
                return new ChangePage(rows.stream().map(Row::change).toList(), FeedCursor.at(until, untilTakenAt));
            }
            List<Row> answered = rows.subList(0, limit);
            FeedCursor.Delta delta = new FeedCursor.Delta(until, untilTakenAt, answered.get(limit - 1).position());
            return new ChangePage(answered.stream().map(Row::change).toList(),
                    new FeedCursor(since.from(), since.takenAt(), Optional.of(delta)));
        });
    }

    /**
     * This transaction's snapshot with the time before it was taken, the database clock after, and the WAL insert
     * position after (past the completion record of every transaction the snapshot sees completed).
     */
    private record Current(FeedCursor cursor, Instant clock, String walPosition, boolean durable) {
    }

    private static Current current(Connection connection) throws SQLException {
        try (PreparedStatement now = connection.prepareStatement("SELECT CAST(pg_current_snapshot() AS text), now(), "
                + "clock_timestamp(), CAST(pg_current_wal_insert_lsn() AS text), "
                + "pg_current_wal_flush_lsn() >= pg_current_wal_insert_lsn()");
             ResultSet row = now.executeQuery()) {
            row.next();
            Snapshot snapshot = Snapshot.parse(row.getString(1))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL wrote a snapshot this service cannot read"));
            return new Current(FeedCursor.at(snapshot, instant(row, 2)), instant(row, 3), row.getString(4),
                    row.getBoolean(5));
        }
    }

    /** Waits until PostgreSQL has flushed its WAL up to the snapshot's position; a 503 if that takes unusually long. */
    private static void awaitDurable(Connection connection, Current current) throws SQLException {
        if (current.durable()) {
            return;
        }
        long deadline = System.nanoTime() + DURABLE_WITHIN.toNanos();
        try (PreparedStatement flushed = connection.prepareStatement(
                "SELECT pg_current_wal_flush_lsn() >= CAST(? AS pg_lsn)")) {
            flushed.setString(1, current.walPosition());
            while (true) {
                try (ResultSet row = flushed.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw Failure.databaseUnreachable();
                }
                try {
                    Thread.sleep(FLUSH_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw Failure.databaseUnreachable();
                }
            }
        }
    }

    private record Row(Change change, FeedCursor.Position position) {
    }

    private static List<Row> page(Connection connection, Snapshot from, Snapshot until,
                                  Optional<FeedCursor.Position> after, int rows, Optional<Set<String>> namespaces)
            throws SQLException {
        StringBuilder sql = new StringBuilder(DELTA).append(" WHERE TRUE");
        namespaces.ifPresent(n -> sql.append(" AND namespace = ANY(?)"));
        after.ifPresent(p -> sql.append(" AND (rank, xid, seq) > (?, CAST(? AS xid8), ?)"));
        sql.append(" ORDER BY rank, xid, seq LIMIT ?");
        try (PreparedStatement page = connection.prepareStatement(sql.toString())) {
            int i = 0;
            page.setString(++i, from.text());
            page.setString(++i, from.text());
            page.setString(++i, until.text());
            if (namespaces.isPresent()) {
                page.setArray(++i, connection.createArrayOf("text", namespaces.get().stream().sorted().toArray()));
            }
            if (after.isPresent()) {
                page.setLong(++i, after.get().rank());
                page.setString(++i, Long.toString(after.get().xid()));
                page.setLong(++i, after.get().seq());
            }
            page.setInt(++i, rows);
            List<Row> read = new ArrayList<>();
            try (ResultSet row = page.executeQuery()) {
                while (row.next()) {
                    read.add(new Row(new Change(row.getString("key"), row.getString("namespace"),
                            row.getLong("version"), row.getString("change"), instant(row, "updated_at"),
                            row.getString("updated_by")), new FeedCursor.Position(row.getLong("rank"),
                            Long.parseLong(row.getString("xid")), row.getLong("seq"))));
                }
            }
            return read;
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
