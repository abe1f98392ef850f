package io.metastore.records.control;

import io.metastore.platform.ProblemException;
import io.metastore.records.entity.RecordEntity;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Record reads and writes in container-managed transactions. Every write first reads and locks its keys' current
 * rows, so of N writers holding the same expected version exactly one wins and unconditional writers each add exactly
 * one version. A write that loses a creation race or a deadlock is run again in a new transaction ({@link RaceRetry}).
 */
@Stateless
public class RecordService {

    @PersistenceContext(unitName = "metastore")
    EntityManager em;

    @Resource
    SessionContext context;

    public Optional<RecordSnapshot> findLive(RecordKey key) {
        return new RecordRepository(em).find(key.value()).filter(r -> !r.isDeleted()).map(RecordSnapshot::of);
    }

    /** One write in its own transaction, retried when it lost a race; a refused write throws its problem. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public WriteResult write(RecordWrite write, String principal) {
        Attempt attempt = writeAllOrNothing(List.of(write), principal, false).get(0);
        if (!attempt.succeeded()) {
            throw attempt.failure();
        }
        return attempt.result();
    }

    /**
     * Several writes in one transaction, in order, each seeing the ones before it; when any fails the transaction is
     * rolled back, so all or nothing is applied. Every write is attempted so that every failure can be reported.
     * Changes are flushed together (batched) unless a key repeats, which flushes first so every write adds exactly
     * one version. When {@code othersFailed}, the caller's request already failed elsewhere: the writes are only
     * tried, to report their own failures, and rolled back. Retried as a whole when it lost a race.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Attempt> writeAllOrNothing(List<RecordWrite> writes, String principal, boolean othersFailed) {
        RecordService self = context.getBusinessObject(RecordService.class);
        return RaceRetry.run(() -> self.writeAllOrNothingOnce(writes, principal, othersFailed));
    }

    /** One attempt of {@link #writeAllOrNothing}; public only so that each attempt gets its own transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Attempt> writeAllOrNothingOnce(List<RecordWrite> writes, String principal, boolean othersFailed) {
        RecordRepository repository = new RecordRepository(em);
        Set<String> keys = new LinkedHashSet<>();
        writes.forEach(w -> keys.add(w.key().value()));
        Map<String, RecordEntity> loaded = new HashMap<>(repository.lockExisting(keys));
        RecordLifecycle lifecycle = new RecordLifecycle(repository, principal, now());
        Set<String> written = new HashSet<>();
        Attempt[] attempts = new Attempt[writes.size()];
        for (int index : inKeyOrder(writes)) {
            RecordWrite write = writes.get(index);
            String key = write.key().value();
            if (written.contains(key)) {
                em.flush();
                loaded.put(key, repository.find(key).orElse(null));
            }
            try {
                attempts[index] = Attempt.success(write.applyTo(lifecycle, loaded.get(key)));
                written.add(key);
            } catch (ProblemException failure) {
                attempts[index] = Attempt.failure(failure);
            }
        }
        if (!othersFailed && Arrays.stream(attempts).allMatch(Attempt::succeeded)) {
            em.flush();
        } else {
            context.setRollbackOnly();
        }
        return List.of(attempts);
    }

    /**
     * The order in which to apply writes: by key, a key's own writes keeping their request order. A write only ever
     * touches its own key, so this changes no outcome; it makes every transaction insert new keys in one global order,
     * so two bulks creating the same keys in opposite orders wait for each other at the unique index instead of
     * deadlocking there (existing rows are already locked in key order by {@link RecordRepository#lockExisting}).
     */
    private static int[] inKeyOrder(List<RecordWrite> writes) {
        return IntStream.range(0, writes.size()).boxed()
                .sorted(Comparator.comparing(index -> writes.get(index).key().value()))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** The result of one write of {@link #writeAllOrNothing}: either what it did or why it failed. */
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
