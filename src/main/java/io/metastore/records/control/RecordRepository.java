package io.metastore.records.control;

import io.metastore.records.entity.RecordEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one way to read and write record rows, inside whatever transaction the caller runs. Existing rows are locked
 * with {@code FOR UPDATE} in key order, so writers that touch several keys (bulk) in different orders queue rather
 * than deadlock. Row locks live in the rows themselves, not in PostgreSQL's shared lock table, so a 1,000-key bulk
 * costs the shared instance nothing there. Keys that do not exist yet cannot be locked: two creators of one key meet
 * at the unique constraint, and the loser is run again ({@link RecordTransactions}).
 */
@ApplicationScoped
public class RecordRepository {

    @PersistenceContext(unitName = "metastore")
    EntityManager em;

    public Optional<RecordSnapshot> findLive(RecordKey key) {
        return em.createQuery("SELECT r FROM RecordEntity r WHERE r.key = :key", RecordEntity.class)
                .setParameter("key", key.value())
                .getResultStream()
                .filter(record -> !record.isDeleted())
                .findFirst()
                .map(RecordSnapshot::of);
    }

    /** The existing records among these keys, each locked until the transaction ends. */
    public Map<String, RecordEntity> lockExisting(Collection<String> keys) {
        return em.createQuery("SELECT r FROM RecordEntity r WHERE r.key IN :keys ORDER BY r.key", RecordEntity.class)
                .setParameter("keys", keys)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .collect(Collectors.toMap(RecordEntity::key, Function.identity()));
    }

    public void add(RecordEntity record) {
        em.persist(record);
    }

    /** Sends every pending change to PostgreSQL (batched), so constraint violations surface here. */
    public void flush() {
        em.flush();
    }
}
