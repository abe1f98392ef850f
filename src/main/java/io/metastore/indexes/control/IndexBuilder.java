package io.metastore.indexes.control;

import io.metastore.observability.MetastoreMetrics;
import io.metastore.platform.DatabaseFailures;
import io.metastore.platform.Failure;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes the physical indexes agree with the declarations, one sweep at a time on a managed thread:
 * <ol>
 * <li>drops Metastore's declared indexes that no declaration names any more (deleted declarations), concurrently;</li>
 * <li>reopens ready declarations whose index went missing or invalid, so their state does not lie;</li>
 * <li>builds every declaration in state building that no other session is building: CREATE INDEX CONCURRENTLY, then
 * ready; or failed, with PostgreSQL's reason, when PostgreSQL refuses it.</li>
 * </ol>
 * A sweep runs when a declaration is made or deleted here, and on {@link IndexSweepSchedule}'s timer, so a build that
 * a crash, a restart or another instance's end interrupted is resumed: its declaration is still building, and an
 * INVALID index it left is dropped and built again (a valid one, finished before the state was written, is kept).
 * <p>
 * CREATE and DROP INDEX CONCURRENTLY cannot run inside a transaction, so the builder uses the migration's data source
 * (a non-transactional one, and PostgreSQL itself rather than a transaction-mode pooler) in autocommit, never a
 * container transaction. Each build holds a session advisory lock named after its index for its whole length, so with
 * several instances exactly one builds an index; PostgreSQL releases the lock when the session ends, crash included.
 */
@ApplicationScoped
public class IndexBuilder {

    /** The first key of the session advisory lock a build or drop of one physical index holds. */
    private static final int BUILD_LOCK = 0x4d534958;
    private static final Logger LOG = Logger.getLogger(IndexBuilder.class.getName());

    @Resource(lookup = "jdbc/metastore-migration")
    DataSource sessions;

    @Resource
    ManagedExecutorService executor;

    @Inject
    IndexCatalog catalog;

    @Inject
    MetastoreMetrics metrics;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    /** Asks for a sweep and returns at once; asked while one runs, that one sweeps again when it is done. */
    public void wake() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // the application is stopping: the declarations stay as they are and the next start resumes them
                running.set(false);
            }
        }
    }

    private void drain() {
        try {
            while (requested.getAndSet(false)) {
                sweep();
            }
        } finally {
            running.set(false);
        }
        if (requested.get()) {
            wake();
        }
    }

    void sweep() {
        try (Connection session = sessions.getConnection()) {
            session.setAutoCommit(true);
            for (String orphan : IndexDeclarations.orphans(session)) {
                dropOrphan(session, orphan);
            }
            if (IndexDeclarations.reopenLost(session) > 0) {
                LOG.warning("Declared indexes that were ready are missing or invalid in PostgreSQL; they are building"
                        + " again");
            }
            for (IndexDeclaration declaration : IndexDeclarations.all(session)) {
                if (declaration.state() == IndexState.BUILDING && tryLock(session, declaration.indexName())) {
                    try {
                        build(session, declaration);
                    } finally {
                        unlock(session, declaration.indexName());
                    }
                }
            }
            catalog.read(session);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Declared indexes: a sweep stopped (" + reason(e) + "); declarations still building"
                    + " are resumed by the next one, within " + IndexSweepSchedule.INTERVAL.toSeconds() + " s");
        }
    }

    /** Drops an index of a deleted declaration, unless a build of the same name holds it or it was declared again. */
    private void dropOrphan(Connection session, String indexName) throws SQLException {
        if (!tryLock(session, indexName)) {
            return;
        }
        try {
            if (!IndexDeclarations.declares(session, indexName)) {
                execute(session, IndexDdl.drop(indexName));
            }
        } finally {
            unlock(session, indexName);
        }
    }

    /** Builds one declaration, holding its lock; a database that goes away leaves it building for the next sweep. */
    private void build(Connection session, IndexDeclaration declaration) throws SQLException {
        String indexName = declaration.indexName();
        Optional<IndexDeclaration> current = IndexDeclarations.find(session, declaration.namespace(),
                declaration.name(), false).filter(found -> found.indexName().equals(indexName)
                && found.state() == IndexState.BUILDING);
        if (current.isEmpty()) {
            return;
        }
        Optional<Boolean> valid = IndexDeclarations.validity(session, indexName);
        if (valid.orElse(false)) {
            // built before, by a session that ended before it could say so
            IndexDeclarations.finish(session, indexName, IndexState.READY, null);
            return;
        }
        long started = System.nanoTime();
        try {
            if (valid.isPresent()) {
                // INVALID: what a CREATE INDEX CONCURRENTLY that was interrupted leaves behind
                execute(session, IndexDdl.drop(indexName));
            }
            createWithoutTimeout(session, declaration);
        } catch (SQLException e) {
            if (DatabaseFailures.classify(e).map(Failure::kind).orElse(null) == Failure.Kind.DATABASE_UNREACHABLE) {
                throw e;
            }
            metrics.indexBuilt("failed", Duration.ofNanos(System.nanoTime() - started));
            LOG.warning("Declared index " + indexName + " could not be built (" + reason(e) + ")");
            IndexDeclarations.finish(session, indexName, IndexState.FAILED, "PostgreSQL could not build the index: "
                    + reason(e));
            execute(session, IndexDdl.drop(indexName));
            return;
        }
        // the planner's statistics of the new expression (its NULLs: records of other types) come with ANALYZE
        execute(session, "ANALYZE " + IndexDdl.RECORDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.indexBuilt("ready", took);
        if (IndexDeclarations.finish(session, indexName, IndexState.READY, null)) {
            LOG.info(() -> "Declared index " + indexName + " is ready after " + took.toMillis() + " ms");
        } else {
            // deleted while it was building
            execute(session, IndexDdl.drop(indexName));
        }
    }

    /** A build takes as long as the namespace is large: no statement timeout of the session's role may cut it. */
    private static void createWithoutTimeout(Connection session, IndexDeclaration declaration) throws SQLException {
        execute(session, "SET statement_timeout = 0");
        try {
            execute(session, IndexDdl.create(declaration));
        } finally {
            execute(session, "RESET statement_timeout");
        }
    }

    private static boolean tryLock(Connection session, String indexName) throws SQLException {
        try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, BUILD_LOCK);
            lock.setInt(2, indexName.hashCode());
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection session, String indexName) throws SQLException {
        try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, BUILD_LOCK);
            unlock.setInt(2, indexName.hashCode());
            unlock.execute();
        }
    }

    private static void execute(Connection session, String sql) throws SQLException {
        try (Statement statement = session.createStatement()) {
            statement.execute(sql);
        }
    }

    /** SQLSTATE and message, which for these statements name no record content. */
    private static String reason(Exception e) {
        return e instanceof SQLException sql ? "SQLSTATE " + sql.getSQLState() + ": " + sql.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
