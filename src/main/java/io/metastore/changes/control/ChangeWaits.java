package io.metastore.changes.control;

import io.metastore.observability.MetastoreMetrics;
import io.metastore.platform.Failure;
import io.metastore.platform.LocalTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The feed calls that wait for a change (long polls), and the one poller per instance that wakes them. A waiting call
 * holds no database connection and no request thread: it is a callback. While any call waits, the poller asks
 * PostgreSQL every {@code metastore.changes.poll-interval} whether a transaction with history rows committed since its
 * previous look (the same snapshot test as the feed, one index probe), and on a change every waiting call reads the
 * feed again from its cursor, on the managed executor; a call that finds changes is answered, the others wait on until
 * their time is up and are then answered with no changes and their latest cursor. The poller reads the database, so
 * writes through any instance wake the calls waiting on this one. No LISTEN/NOTIFY: a notifying transaction holds one
 * lock of the whole PostgreSQL instance while it commits, so every write would queue on it to save one probe per
 * interval while calls wait.
 */
@ApplicationScoped
public class ChangeWaits {

    private static final Logger LOG = Logger.getLogger(ChangeWaits.class.getName());

    /** The first look: only the snapshot to compare the next look with. */
    private static final String FIRST_LOOK = "SELECT CAST(pg_current_snapshot() AS text), true";
    /** Whether history rows committed that {@code ?}, the previous look's snapshot, did not see. */
    private static final String LOOK = "SELECT CAST(pg_current_snapshot() AS text), EXISTS (SELECT 1 FROM "
            + "metastore.metastore_history WHERE xid >= pg_snapshot_xmax(CAST(? AS pg_snapshot))) OR EXISTS (SELECT 1 "
            + "FROM metastore.metastore_history WHERE xid = ANY(ARRAY(SELECT pg_snapshot_xip(CAST(? AS pg_snapshot)))))";

    /** How a watch is answered: exactly one of these, exactly once, from whichever thread gets there. */
    public interface Answer {
        void changes(ChangePage page);

        void failed(RuntimeException failure);
    }

    @Resource
    ManagedScheduledExecutorService executor;

    @Resource(lookup = "jdbc/metastore")
    DataSource database;

    @Inject
    ChangeFeed feed;

    @Inject
    MetastoreMetrics metrics;

    /** Its default is in microprofile-config.properties. */
    @Inject
    @ConfigProperty(name = "metastore.changes.max-waiting")
    int maxWaiting;

    @Inject
    @ConfigProperty(name = "metastore.changes.poll-interval", defaultValue = "PT0.2S")
    Duration pollInterval;

    @Inject
    @ConfigProperty(name = "metastore.search.statement-timeout", defaultValue = "5s")
    String statementTimeout;

    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger admitted = new AtomicInteger();
    /** Counts the changes the poller noticed; a call compares it before and after it reads. */
    private final AtomicLong noticed = new AtomicLong();
    private ScheduledFuture<?> poller;
    /** The snapshot of the poller's previous look, or null when it has none (it then wakes every call once). */
    private volatile Snapshot lastLook;

    /**
     * Answers the changes after {@code since} at once when there are any or {@code wait} is zero; else when the first
     * change commits, or with none when {@code wait} is over.
     *
     * @throws Failure busy when {@code metastore.changes.max-waiting} calls wait already on this instance; any failure
     *                 of the first read
     */
    public void watch(FeedCursor since, int limit, Optional<Set<String>> namespaces, Duration wait, Answer answer) {
        long before = noticed.get();
        ChangePage page = feed.read(since, limit, namespaces);
        if (!page.items().isEmpty() || wait.isZero()) {
            answer.changes(page);
            return;
        }
        Waiter waiter = new Waiter(page, limit, namespaces, answer);
        admit(waiter);
        waiter.timeout = executor.schedule(waiter::timeUp, wait.toMillis(), TimeUnit.MILLISECONDS);
        if (noticed.get() != before) {
            waiter.wake(); // the poller may have looked between the read and the admission
        }
    }

    @PostConstruct
    void publishWaiting() {
        metrics.changesWaiting(admitted::get);
    }

    private void admit(Waiter waiter) {
        int calls;
        do {
            calls = admitted.get();
            if (calls >= maxWaiting) {
                throw Failure.busy("This instance already holds " + maxWaiting + " waiting change feed calls; retry "
                        + "later or call with a shorter wait");
            }
        } while (!admitted.compareAndSet(calls, calls + 1));
        waiting.add(waiter);
        startPolling();
    }

    private synchronized void startPolling() {
        if (poller == null) {
            long millis = Math.max(1, pollInterval.toMillis());
            poller = executor.scheduleWithFixedDelay(this::look, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** One look of the poller: nothing while no call waits; else a probe, and on a change every waiting call reads. */
    private void look() {
        if (waiting.isEmpty()) {
            lastLook = null;
            return;
        }
        try {
            Snapshot previous = lastLook;
            boolean changed = LocalTransaction.read(database, Connection.TRANSACTION_READ_COMMITTED, statementTimeout,
                    connection -> {
                        try (PreparedStatement poll = connection.prepareStatement(previous == null ? FIRST_LOOK
                                : LOOK)) {
                            if (previous != null) {
                                poll.setString(1, previous.text());
                                poll.setString(2, previous.text());
                            }
                            try (ResultSet row = poll.executeQuery()) {
                                row.next();
                                lastLook = Snapshot.parse(row.getString(1)).orElse(null);
                                return row.getBoolean(2);
                            }
                        }
                    });
            if (changed) {
                noticed.incrementAndGet();
                waiting.forEach(Waiter::wake);
            }
        } catch (RuntimeException e) {
            // the database is away: the calls wait on and are answered when their time is up; the next look that
            // succeeds wakes them all, having no previous snapshot to compare with
            lastLook = null;
            LOG.log(Level.FINE, "The change feed poller could not look at the database", e);
        }
    }

    /** Answers every waiting call with what it has (no changes, its latest cursor) as the application stops. */
    @PreDestroy
    void stop() {
        synchronized (this) {
            if (poller != null) {
                poller.cancel(false);
            }
        }
        waiting.forEach(Waiter::timeUp);
    }

    /** One waiting call: its latest (empty) page and cursor, and the re-reads a wake asks for, one at a time. */
    private final class Waiter {
        private final int limit;
        private final Optional<Set<String>> namespaces;
        private final Answer answer;
        private final AtomicBoolean answered = new AtomicBoolean();
        /** Wakes not yet served by a read that began after them; the one who raises it from 0 starts the reader. */
        private final AtomicInteger wakes = new AtomicInteger();
        private volatile ChangePage latest;
        private volatile ScheduledFuture<?> timeout;

        Waiter(ChangePage latest, int limit, Optional<Set<String>> namespaces, Answer answer) {
            this.latest = latest;
            this.limit = limit;
            this.namespaces = namespaces;
            this.answer = answer;
        }

        void wake() {
            if (wakes.getAndIncrement() == 0) {
                executor.execute(this::readUntilServed);
            }
        }

        /** Reads again while wakes arrive during a read: the read may have begun before their change committed. */
        private void readUntilServed() {
            int served;
            do {
                served = wakes.get();
                if (answered.get()) {
                    return;
                }
                try {
                    ChangePage page = feed.read(latest.cursor(), limit, namespaces);
                    if (!page.items().isEmpty()) {
                        finish(() -> answer.changes(page));
                        return;
                    }
                    latest = page;
                } catch (RuntimeException e) {
                    finish(() -> answer.failed(e));
                    return;
                }
            } while (wakes.addAndGet(-served) != 0);
        }

        void timeUp() {
            finish(() -> answer.changes(latest));
        }

        private void finish(Runnable answering) {
            if (answered.compareAndSet(false, true)) {
                waiting.remove(this);
                admitted.decrementAndGet();
                ScheduledFuture<?> pending = timeout;
                if (pending != null) {
                    pending.cancel(false);
                }
                answering.run();
            }
        }
    }
}
