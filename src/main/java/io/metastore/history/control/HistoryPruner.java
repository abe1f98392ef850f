package io.metastore.history.control;

import io.metastore.platform.SchemaMigration;
import io.metastore.platform.ServiceSwitch;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes history entries older than {@code metastore.history.retention}, except each key's newest, every
 * {@code metastore.history.prune-interval}. One instance prunes at a time (a PostgreSQL advisory lock, taken by each
 * of the run's transactions, so it goes with a crashed instance); the deletes run in batches of {@value #BATCH} rows,
 * each a short transaction of its own, so pruning holds no lock for long and never blocks writers (they insert, pruning
 * deletes other rows).
 *
 * <p>"Older than the retention" is measured by commit, not by a timestamp a transaction chose when it began: each run
 * notes the oldest transaction still running and when (a mark); entries whose xid is below the newest mark taken more
 * than the retention ago committed before that mark. A change feed cursor younger than the retention was therefore
 * taken after they committed and has seen them, so pruning can never make the feed skip a change; an older cursor
 * answers 410.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HistoryPruner {

    static final int BATCH = 1000;
    private static final Logger LOG = Logger.getLogger(HistoryPruner.class.getName());
    /** The advisory lock's two keys: "meta" and "hist" in ASCII, unlikely to be another application's. */
    private static final int LOCK_CLASS = 0x6d657461;
    private static final int LOCK_OBJECT = 0x68697374;

    @Resource(lookup = "jdbc/metastore")
    DataSource database;

    @Resource
    TimerService timers;

    @Inject
    ServiceSwitch serviceSwitch;

    @Inject
    SchemaMigration migration;

    @Inject
    @ConfigProperty(name = "metastore.history.retention", defaultValue = "P90D")
    Duration retention;

    @Inject
    @ConfigProperty(name = "metastore.history.prune-interval", defaultValue = "PT10M")
    Duration interval;

    @PostConstruct
    void schedule() {
        if (serviceSwitch.enabled()) {
            long millis = Math.max(1, interval.toMillis());
            timers.createIntervalTimer(millis, millis, new TimerConfig(null, false));
        }
    }

    @Timeout
    void run() {
        if (!migration.isMigrated()) {
            return;
        }
        try {
            int pruned = prune();
            if (pruned > 0) {
                LOG.fine(() -> "Pruned " + pruned + " history entries older than " + retention);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.INFO, "History pruning failed this time (" + e.getMessage() + "); it runs again in "
                    + interval, e instanceof SQLException ? null : e);
        }
    }

    /**
     * One run: the entries pruned. Each step (the mark, then each batch) is a transaction of its own that first takes
     * the advisory lock for itself ({@code pg_try_advisory_xact_lock}); when another instance holds it, the run ends.
     * A lock of the transaction, not of the session, holds through a transaction-mode pooler (PgBouncer), which may
     * give each transaction of one connection another PostgreSQL session.
     */
    int prune() throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!lock(connection)) {
                    connection.rollback();
                    return 0;
                }
                Long boundary = mark(connection);
                connection.commit();
                return boundary == null ? 0 : deleteBelow(connection, boundary);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static boolean lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, LOCK_OBJECT);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /**
     * Notes a mark for later runs and answers the xid below which entries committed more than the retention ago (the
     * newest mark old enough), or null while no mark is; marks older than that one are no longer needed.
     */
    private Long mark(Connection connection) throws SQLException {
        try (Statement note = connection.createStatement()) {
            // clock_timestamp() runs after the statement took its snapshot: the mark's time is never early
            note.execute("INSERT INTO metastore.metastore_history_marks (taken_at, oldest_xid) SELECT "
                    + "clock_timestamp(), pg_snapshot_xmin(pg_current_snapshot()) ON CONFLICT DO NOTHING");
        }
        try (PreparedStatement oldEnough = connection.prepareStatement("WITH chosen AS (SELECT oldest_xid, taken_at "
                + "FROM metastore.metastore_history_marks WHERE taken_at <= clock_timestamp() - CAST(? AS interval) "
                + "ORDER BY taken_at DESC LIMIT 1), forgotten AS (DELETE FROM metastore.metastore_history_marks m "
                + "USING chosen WHERE m.taken_at < chosen.taken_at) SELECT CAST(oldest_xid AS text) FROM chosen")) {
            oldEnough.setString(1, retention.toString());
            try (ResultSet row = oldEnough.executeQuery()) {
                return row.next() ? Long.valueOf(row.getString(1)) : null;
            }
        }
    }

    /**
     * Walks the entries below the boundary in xid order, a batch per transaction (each under the lock), and deletes
     * those that have a newer entry of their key. Each run walks every old entry once: a key's only entry stays, and may be superseded later.
     */
    private static int deleteBelow(Connection connection, long boundary) throws SQLException {
        int pruned = 0;
        String afterXid = "0";
        long afterSeq = 0;
        try (PreparedStatement batch = connection.prepareStatement("WITH walked AS (SELECT seq, xid, key, version "
                + "FROM metastore.metastore_history WHERE xid < CAST(? AS xid8) AND (xid, seq) > (CAST(? AS xid8), ?) "
                + "ORDER BY xid, seq LIMIT " + BATCH + "), pruned AS (DELETE FROM metastore.metastore_history h "
                + "USING walked w WHERE h.xid = w.xid AND h.seq = w.seq AND EXISTS (SELECT 1 FROM "
                + "metastore.metastore_history n WHERE n.key = w.key AND n.version > w.version) RETURNING 1) "
                + "SELECT CAST(xid AS text), seq, (SELECT count(*) FROM pruned), (SELECT count(*) FROM walked) "
                + "FROM walked ORDER BY xid DESC, seq DESC LIMIT 1")) {
            while (true) {
                if (!lock(connection)) {
                    connection.rollback();
                    return pruned;
                }
                batch.setString(1, Long.toString(boundary));
                batch.setString(2, afterXid);
                batch.setLong(3, afterSeq);
                boolean more;
                try (ResultSet last = batch.executeQuery()) {
                    if (!last.next()) {
                        connection.commit();
                        return pruned;
                    }
                    afterXid = last.getString(1);
                    afterSeq = last.getLong(2);
                    pruned += last.getInt(3);
                    more = last.getInt(4) == BATCH;
                }
                connection.commit();
                if (!more) {
                    return pruned;
                }
            }
        }
    }
}
