package io.metastore.records.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Failure;
import io.metastore.records.entity.RecordEntity;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * The rules of each write on one key, applied to the record as loaded under its row lock (null when the key has never
 * existed). The single-record calls and bulk both go through here, so they answer exactly alike. A write that breaks a
 * rule throws its {@link Failure} before it changes anything; one that succeeds changes the record as its next version
 * (an identical create replayed changes nothing).
 */
public final class RecordLifecycle {

    /** JSON equality as PostgreSQL's jsonb sees it: 1, 1.0 and 1e0 are the same number. */
    private static final Comparator<JsonNode> NUMERIC_AWARE = (a, b) ->
            a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

    private final String principal;
    private final Instant now;

    public RecordLifecycle(String principal, Instant now) {
        this.principal = principal;
        this.now = now;
    }

    /** What one write did: its outcome and the record after it (a new, not yet persisted entity when created). */
    public record Change(WriteOutcome outcome, RecordEntity record) {
    }

    public Change apply(RecordWrite write, RecordEntity current) {
        return switch (write.kind()) {
            case CREATE -> create(write.key(), current, write.content());
            case UPSERT -> put(write.key(), current, write.content(), write.precondition());
            case PATCH -> patch(write.key(), current, write.patch(), write.precondition());
            case DELETE -> delete(write.key(), current, write.precondition());
        };
    }

    /** POST: idempotent on the key; the same content again is a no-op, other content a conflict. */
    private Change create(RecordKey key, RecordEntity current, RecordContent content) {
        if (current == null || current.isDeleted()) {
            return replace(key, current, content);
        }
        if (sameContent(current, content)) {
            return new Change(WriteOutcome.UNCHANGED, current);
        }
        throw Failure.conflict("A record with key " + key + " already exists with other content");
    }

    /** PUT: replaces the content, creating or reviving the record when needed. */
    private Change put(RecordKey key, RecordEntity current, RecordContent content, Precondition precondition) {
        precondition.check(liveVersion(current));
        return replace(key, current, content);
    }

    /** PATCH: merges into a live record. */
    private Change patch(RecordKey key, RecordEntity current, MergePatch patch, Precondition precondition) {
        requireLive(key, current);
        precondition.check(current.version());
        RecordContent merged = patch.applyTo(contentOf(current));
        write(current, merged);
        return new Change(WriteOutcome.UPDATED, current);
    }

    /** DELETE: a soft delete, itself a write. */
    private Change delete(RecordKey key, RecordEntity current, Precondition precondition) {
        requireLive(key, current);
        precondition.check(current.version());
        current.softDelete(principal, now);
        return new Change(WriteOutcome.DELETED, current);
    }

    private Change replace(RecordKey key, RecordEntity current, RecordContent content) {
        if (current == null) {
            return new Change(WriteOutcome.CREATED, RecordEntity.created(key.value(), content.metadata(),
                    content.tags(), content.owner(), principal, now));
        }
        WriteOutcome outcome = current.isDeleted() ? WriteOutcome.REVIVED : WriteOutcome.UPDATED;
        write(current, content);
        return new Change(outcome, current);
    }

    private void write(RecordEntity record, RecordContent content) {
        record.write(content.metadata(), content.tags(), content.owner(), principal, now);
    }

    private static void requireLive(RecordKey key, RecordEntity current) {
        if (current == null || current.isDeleted()) {
            throw Failure.notFound("No record with key " + key);
        }
    }

    private static Long liveVersion(RecordEntity current) {
        return current == null || current.isDeleted() ? null : current.version();
    }

    private static RecordContent contentOf(RecordEntity record) {
        return new RecordContent(record.metadata(), record.tags(), record.owner());
    }

    private static boolean sameContent(RecordEntity record, RecordContent content) {
        return record.metadata().equals(NUMERIC_AWARE, content.metadata())
                && record.tags().equals(content.tags())
                && Objects.equals(record.owner(), content.owner());
    }
}
