package io.metastore.records.control;

import io.metastore.platform.ProblemException;
import io.metastore.records.entity.RecordEntity;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Record reads and writes in container-managed transactions. Every write first takes its keys' advisory locks, then
 * reads the current rows, so of N writers holding the same expected version exactly one wins and unconditional
 * writers each add exactly one version.
 */
@Stateless
public class RecordService {

    @PersistenceContext(unitName = "metastore")
    EntityManager em;

    @Resource
    SessionContext transaction;

    public Optional<RecordSnapshot> findLive(RecordKey key) {
        return new RecordRepository(em).find(key.value()).filter(r -> !r.isDeleted()).map(RecordSnapshot::of);
    }

    /** One write in its own transaction. */
    public WriteResult write(RecordWrite write, String principal) {
        RecordRepository repository = new RecordRepository(em);
        repository.lockKeys(List.of(write.key().value()));
        RecordEntity current = repository.find(write.key().value()).orElse(null);
        WriteResult result = write.applyTo(new RecordLifecycle(repository, principal, now()), current);
        // flushing inside the call surfaces constraint and lock failures here, while they can still be classified
        em.flush();
        return result;
    }

    /**
     * Several writes in one transaction, in order, each seeing the ones before it; when any fails the transaction is
     * rolled back, so all or nothing is applied. Every write is attempted so that every failure can be reported.
     * Changes are flushed together (batched) unless a key repeats, which flushes first so every write adds exactly
     * one version. When {@code othersFailed}, the caller's request already failed elsewhere: the writes are only
     * tried, to report their own failures, and rolled back.
     */
    public List<Attempt> writeAllOrNothing(List<RecordWrite> writes, String principal, boolean othersFailed) {
        RecordRepository repository = new RecordRepository(em);
        Set<String> keys = new LinkedHashSet<>();
        writes.forEach(w -> keys.add(w.key().value()));
        repository.lockKeys(keys);
        Map<String, RecordEntity> loaded = new HashMap<>(repository.findAll(keys));
        RecordLifecycle lifecycle = new RecordLifecycle(repository, principal, now());
        Set<String> written = new HashSet<>();
        List<Attempt> attempts = new ArrayList<>(writes.size());
        for (RecordWrite write : writes) {
            String key = write.key().value();
            if (written.contains(key)) {
                em.flush();
                loaded.put(key, repository.find(key).orElse(null));
            }
            try {
                attempts.add(Attempt.success(write.applyTo(lifecycle, loaded.get(key))));
                written.add(key);
            } catch (ProblemException failure) {
                attempts.add(Attempt.failure(failure));
            }
        }
        if (!othersFailed && attempts.stream().allMatch(Attempt::succeeded)) {
            em.flush();
        } else {
            transaction.setRollbackOnly();
        }
        return attempts;
    }

    /** The result of one write of {@link #writeAll}: either what it did or why it failed. */
    public record Attempt(WriteResult result, ProblemException failure) {
        static Attempt success(WriteResult result) {
            return new Attempt(result, null);
        }

        static Attempt failure(ProblemException failure) {
            return new Attempt(null, failure);
        }

        public boolean succeeded() {
            return failure == null;
        }
    }

    /** PostgreSQL keeps microseconds; truncating here makes the answer equal what a later read returns. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
