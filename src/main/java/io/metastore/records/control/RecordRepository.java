package io.metastore.records.control;

import io.metastore.records.entity.RecordEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
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

    private static final String BY_KEY = "SELECT r FROM RecordEntity r WHERE r.key = :key";

    @PersistenceContext(unitName = "metastore")
    EntityManager em;

    public Optional<RecordSnapshot> findLive(RecordKey key) {
        return em.createQuery(BY_KEY, RecordEntity.class)
                .setParameter("key", key.value())
                .getResultList().stream()
                .filter(record -> !record.isDeleted())
                .findFirst()
                .map(RecordSnapshot::of);
    }

    /** The existing records among these keys, each locked until the transaction ends. */
    public Map<String, RecordEntity> lockExisting(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        // A single key (every single-record write) gets a query of its own: Hibernate translates a query with an IN list
        // into SQL again on every call, which was a quarter of a PUT's CPU; the translation of this one is cached.
        TypedQuery<RecordEntity> query = keys.size() == 1
                ? em.createQuery(BY_KEY, RecordEntity.class).setParameter("key", keys.iterator().next())
                : em.createQuery("SELECT r FROM RecordEntity r WHERE r.key IN :keys ORDER BY r.key", RecordEntity.class)
                        .setParameter("keys", keys);
        return query.setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
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
