package io.metastore.records.control;

import io.metastore.records.entity.RecordEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads records, and locks them for the write paths. Existing rows are locked with {@code FOR UPDATE} in key order, so
 * writers that touch several keys (bulk) in different orders queue rather than deadlock. Row locks live in the rows
 * themselves, not in PostgreSQL's shared lock table, so a 1,000-key bulk costs the shared instance nothing there.
 * Keys that do not exist yet cannot be locked: two creators of one key meet at the unique constraint, and the loser
 * is retried by {@link RaceRetry}.
 */
public class RecordRepository {

    private final EntityManager em;

    public RecordRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<RecordEntity> find(String key) {
        return em.createQuery("SELECT r FROM RecordEntity r WHERE r.key = :key", RecordEntity.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    /** The existing records among these keys, each locked until the transaction ends. */
    public Map<String, RecordEntity> lockExisting(Collection<String> keys) {
        return em.createQuery("SELECT r FROM RecordEntity r WHERE r.key IN :keys ORDER BY r.key", RecordEntity.class)
                .setParameter("keys", keys)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .collect(Collectors.toMap(r -> r.key, Function.identity()));
    }

    public void add(RecordEntity record) {
        em.persist(record);
    }
}
