package io.metastore.records.control;

import io.metastore.records.entity.RecordEntity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writes of one transaction: it locks the existing records of its keys, applies each write through the
 * {@link RecordLifecycle}, and hands back each write's result as flushed to PostgreSQL. A key written again first has
 * its earlier change flushed, so every write reaches the row as its own version and every answer is a stored state.
 * Changes to different keys are flushed together, in JDBC batches.
 */
public final class WriteBatch {

    private final RecordRepository repository;
    private final RecordLifecycle lifecycle;
    private final Map<String, RecordEntity> records;
    private final Set<String> written = new HashSet<>();
    private final List<Pending> unflushed = new ArrayList<>();

    private WriteBatch(RecordRepository repository, RecordLifecycle lifecycle, Map<String, RecordEntity> records) {
        this.repository = repository;
        this.lifecycle = lifecycle;
        this.records = records;
    }

    /** Locks the existing records among {@code keys} for this transaction, on behalf of {@code principal}. */
    public static WriteBatch lock(RecordRepository repository, String principal, Collection<String> keys) {
        return new WriteBatch(repository, new RecordLifecycle(principal, now()),
                new HashMap<>(repository.lockExisting(keys)));
    }

    /**
     * Applies one write to its key's record (locked by {@link #lock}); throws the write's failure, leaving the records
     * as they were.
     */
    public Pending apply(RecordWrite write) {
        String key = write.key().value();
        if (written.contains(key)) {
            flush();
        }
        RecordEntity current = records.get(key);
        RecordLifecycle.Change change = lifecycle.apply(write, current);
        if (current == null) {
            repository.add(change.record());
            records.put(key, change.record());
        }
        written.add(key);
        Pending pending = new Pending(change.outcome(), change.record());
        unflushed.add(pending);
        return pending;
    }

    /** Flushes every change applied so far; each {@link Pending} then holds its record as stored. */
    public void flush() {
        repository.flush();
        unflushed.forEach(Pending::capture);
        unflushed.clear();
    }

    /** A write applied but perhaps not yet flushed; its result is known once {@link #flush()} ran. */
    public static final class Pending {
        private final WriteOutcome outcome;
        private final RecordEntity record;
        private RecordSnapshot stored;

        private Pending(WriteOutcome outcome, RecordEntity record) {
            this.outcome = outcome;
            this.record = record;
        }

        private void capture() {
            stored = RecordSnapshot.of(record);
        }

        public WriteResult result() {
            if (stored == null) {
                throw new IllegalStateException("the write has not been flushed");
            }
            return new WriteResult(outcome, stored);
        }
    }

    /** PostgreSQL keeps microseconds; truncating here makes the answer equal what a later read returns. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
