package io.metastore.indexes.control;

import io.metastore.observability.MetastoreMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * This instance's view of the declarations: the ready indexes search counts on, and the number in each state for the
 * {@code metastore.indexes} gauge. The declarations table is the truth, shared by every instance; the view is read
 * again in the background when a search finds it older than {@link #FRESHNESS}, and at once after this instance's
 * builder changed a state. So an index another instance built serves searches here within about two seconds.
 */
@ApplicationScoped
public class IndexCatalog {

    static final Duration FRESHNESS = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(IndexCatalog.class.getName());

    private record View(ReadyIndexes ready, Map<IndexState, Long> counts, long readAt) {
    }

    @Resource(lookup = "jdbc/metastore")
    DataSource database;

    @Resource
    ManagedExecutorService executor;

    @Inject
    MetastoreMetrics metrics;

    private volatile View view = new View(ReadyIndexes.NONE, Map.of(), System.nanoTime() - FRESHNESS.toNanos());
    private final AtomicBoolean reading = new AtomicBoolean();

    @PostConstruct
    void registerGauges() {
        for (IndexState state : IndexState.values()) {
            metrics.indexesInState(state.jsonName, () -> view.counts().getOrDefault(state, 0L));
        }
    }

    /**
     * The ready indexes as last read; when that was {@link #FRESHNESS} ago, a managed thread reads them again while
     * this search goes on with what is known. So no search waits for the read, nor fails because it did (the database
     * away, the schema not migrated yet): it runs without the indexes it does not know of yet, which changes its
     * speed only.
     */
    public ReadyIndexes ready() {
        View current = view;
        if (System.nanoTime() - current.readAt() >= FRESHNESS.toNanos() && reading.compareAndSet(false, true)) {
            try {
                executor.execute(this::readAgain);
            } catch (RejectedExecutionException e) {
                // the application is stopping
                reading.set(false);
            }
        }
        return current.ready();
    }

    private void readAgain() {
        try (Connection connection = database.getConnection()) {
            read(connection);
        } catch (SQLException | RuntimeException e) {
            // try again after FRESHNESS, not at once while the database is away
            View current = view;
            view = new View(current.ready(), current.counts(), System.nanoTime());
            LOG.log(Level.FINE, "Declared indexes could not be read; searches run without news of them for now", e);
        } finally {
            reading.set(false);
        }
    }

    /** Reads the declarations on {@code connection} (any, in autocommit or in a transaction of the caller's). */
    void read(Connection connection) throws SQLException {
        List<IndexDeclaration> declarations = IndexDeclarations.all(connection);
        view = new View(ReadyIndexes.of(declarations), IndexDeclarations.countByState(declarations), System.nanoTime());
    }
}
