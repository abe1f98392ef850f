package io.metastore.records.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.ProblemException;
import io.metastore.records.entity.RecordEntity;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * The rules of each write on one key, applied to the record as loaded under its row lock (null when the key has
 * never existed). Shared by the single-record service and bulk so both answer exactly alike. Returned snapshots carry
 * the version the pending change will have once flushed: Hibernate bumps {@code @Version} by one per flushed change.
 */
public final class RecordLifecycle {

    /** JSON equality as PostgreSQL's jsonb sees it: 1, 1.0 and 1e0 are the same number. */
    private static final Comparator<JsonNode> NUMERIC_AWARE = (a, b) ->
            a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

    private final RecordRepository repository;
    private final String principal;
    private final Instant now;

    public RecordLifecycle(RecordRepository repository, String principal, Instant now) {
        this.repository = repository;
        this.principal = principal;
        this.now = now;
    }

    /** POST: idempotent on the key; the same content again is a no-op, other content a conflict. */
    public WriteResult create(RecordKey key, RecordEntity current, RecordContent content) {
        if (current == null) {
            return insert(key, content);
        }
        if (current.isDeleted()) {
            return revive(current, content);
        }
        if (sameContent(current, content)) {
            return new WriteResult(WriteOutcome.UNCHANGED, RecordSnapshot.of(current));
        }
        throw ProblemException.conflict("A record with key " + key + " already exists with other content");
    }

    /** PUT: replaces the content, creating or reviving the record when needed. */
    public WriteResult put(RecordKey key, RecordEntity current, RecordContent content, Precondition precondition) {
        precondition.check(liveVersion(current));
        if (current == null) {
            return insert(key, content);
        }
        if (current.isDeleted()) {
            return revive(current, content);
        }
        return update(current, content);
    }

    /** PATCH: merges into a live record. */
    public WriteResult patch(RecordKey key, RecordEntity current, MergePatch patch, Precondition precondition) {
        requireLive(key, current);
        precondition.check(current.version);
        return update(current, patch.applyTo(contentOf(current)));
    }

    /** DELETE: a soft delete, itself a write. */
    public WriteResult delete(RecordKey key, RecordEntity current, Precondition precondition) {
        requireLive(key, current);
        precondition.check(current.version);
        current.deletedAt = now;
        touch(current);
        return new WriteResult(WriteOutcome.DELETED, pendingSnapshot(current));
    }

    private WriteResult insert(RecordKey key, RecordContent content) {
        RecordEntity record = new RecordEntity();
        record.key = key.value();
        record.version = 1L;
        record.createdAt = now;
        record.createdBy = principal;
        assign(record, content);
        touch(record);
        repository.add(record);
        return new WriteResult(WriteOutcome.CREATED, RecordSnapshot.of(record, 1L));
    }

    private WriteResult revive(RecordEntity record, RecordContent content) {
        record.deletedAt = null;
        assign(record, content);
        touch(record);
        return new WriteResult(WriteOutcome.CREATED, pendingSnapshot(record));
    }

    private WriteResult update(RecordEntity record, RecordContent content) {
        assign(record, content);
        touch(record);
        return new WriteResult(WriteOutcome.UPDATED, pendingSnapshot(record));
    }

    private static void requireLive(RecordKey key, RecordEntity current) {
        if (current == null || current.isDeleted()) {
            throw ProblemException.notFound("No record with key " + key);
        }
    }

    private static Long liveVersion(RecordEntity current) {
        return current == null || current.isDeleted() ? null : current.version;
    }

    private static RecordSnapshot pendingSnapshot(RecordEntity record) {
        return RecordSnapshot.of(record, record.version + 1);
    }

    private static RecordContent contentOf(RecordEntity record) {
        return new RecordContent(record.metadata, record.tags, record.owner);
    }

    private static boolean sameContent(RecordEntity record, RecordContent content) {
        return record.metadata.equals(NUMERIC_AWARE, content.metadata())
                && record.tags.equals(content.tags())
                && Objects.equals(record.owner, content.owner());
    }

    private static void assign(RecordEntity record, RecordContent content) {
        record.metadata = content.metadata().deepCopy();
        record.tags = content.tags();
        record.owner = content.owner();
    }

    private void touch(RecordEntity record) {
        record.updatedAt = now;
        record.updatedBy = principal;
    }
}
