package io.metastore.records.control;

import io.metastore.records.entity.RecordEntity;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Single-record reads and writes, one container-managed transaction per call. Every write first takes the key's
 * advisory lock, then reads the current row, so of N writers holding the same expected version exactly one wins and
 * unconditional writers each add exactly one version.
 */
@Stateless
public class RecordService {

    @PersistenceContext(unitName = "metastore")
    EntityManager em;

    public Optional<RecordSnapshot> findLive(RecordKey key) {
        return repository().find(key.value()).filter(r -> !r.isDeleted()).map(RecordSnapshot::of);
    }

    public WriteResult create(RecordKey key, RecordContent content, String principal) {
        RecordEntity current = lockAndLoad(key);
        return flushed(lifecycle(principal).create(key, current, content));
    }

    public WriteResult put(RecordKey key, RecordContent content, Precondition precondition, String principal) {
        RecordEntity current = lockAndLoad(key);
        return flushed(lifecycle(principal).put(key, current, content, precondition));
    }

    public WriteResult patch(RecordKey key, MergePatch patch, Precondition precondition, String principal) {
        RecordEntity current = lockAndLoad(key);
        return flushed(lifecycle(principal).patch(key, current, patch, precondition));
    }

    public WriteResult delete(RecordKey key, Precondition precondition, String principal) {
        RecordEntity current = lockAndLoad(key);
        return flushed(lifecycle(principal).delete(key, current, precondition));
    }

    private RecordEntity lockAndLoad(RecordKey key) {
        RecordRepository repository = repository();
        repository.lockKeys(List.of(key.value()));
        return repository.find(key.value()).orElse(null);
    }

    /** Flushing inside the call surfaces constraint and lock failures here, while they can still be classified. */
    private WriteResult flushed(WriteResult result) {
        em.flush();
        return result;
    }

    private RecordLifecycle lifecycle(String principal) {
        return new RecordLifecycle(repository(), principal, now());
    }

    private RecordRepository repository() {
        return new RecordRepository(em);
    }

    /** PostgreSQL keeps microseconds; truncating here makes the answer equal what a later read returns. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
