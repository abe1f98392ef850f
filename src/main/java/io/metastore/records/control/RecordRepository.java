package io.metastore.records.control;

import io.metastore.platform.Json;
import io.metastore.records.entity.RecordEntity;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and locks records for the write paths. Writers to a key serialise on a transaction-scoped advisory lock
 * taken before the row is read, which also covers keys that do not exist yet (a row lock cannot), so two creators
 * of one key never race to the unique constraint. Locks are taken in hash order, so writers that touch several keys
 * (bulk) in different orders cannot deadlock.
 */
public class RecordRepository {

    /** The advisory lock space of Metastore: other services sharing the database use other class ids. */
    static final int ADVISORY_LOCK_CLASS = 0x4D455441; // "META"

    private final EntityManager em;

    public RecordRepository(EntityManager em) {
        this.em = em;
    }

    public void lockKeys(Collection<String> keys) {
        em.createNativeQuery("""
                        SELECT count(*) FROM (
                          SELECT pg_advisory_xact_lock(?1, h)
                          FROM (SELECT DISTINCT hashtext(k) AS h
                                FROM jsonb_array_elements_text(CAST(?2 AS jsonb)) AS k
                                ORDER BY h) AS ordered
                        ) AS locked""")
                .setParameter(1, ADVISORY_LOCK_CLASS)
                .setParameter(2, Json.write(keys))
                .getSingleResult();
    }

    public Optional<RecordEntity> find(String key) {
        return em.createQuery("SELECT r FROM RecordEntity r WHERE r.key = :key", RecordEntity.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    public Map<String, RecordEntity> findAll(Collection<String> keys) {
        List<RecordEntity> found = em.createQuery("SELECT r FROM RecordEntity r WHERE r.key IN :keys",
                        RecordEntity.class)
                .setParameter("keys", keys)
                .getResultList();
        return found.stream().collect(Collectors.toMap(r -> r.key, Function.identity()));
    }

    public void add(RecordEntity record) {
        em.persist(record);
    }
}
