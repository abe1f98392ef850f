package io.metastore.records.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Failure;
import io.metastore.platform.Json;
import io.metastore.records.control.Precondition.Versions;
import io.metastore.records.entity.RecordEntity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of every write, on records in memory: no server, no database. */
class RecordLifecycleTest {

    private static final RecordKey KEY = RecordKey.parse("key", "ns/a");
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-29T11:00:00Z");

    private final RecordLifecycle alice = new RecordLifecycle("alice", T0);
    private final RecordLifecycle bob = new RecordLifecycle("bob", T1);

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static RecordContent content(String metadata, List<String> tags, String owner) {
        return new RecordContent(json(metadata), tags, owner);
    }

    private static final RecordContent A = content("{\"n\":1}", List.of("t"), "o");
    private static final RecordContent B = content("{\"n\":2}", List.of(), null);

    private RecordEntity created() {
        return alice.apply(RecordWrite.create(KEY, A), null).record();
    }

    @Test
    void createMakesVersionOneWithTheAuditFields() {
        RecordLifecycle.Change change = alice.apply(RecordWrite.create(KEY, A), null);
        assertEquals(WriteOutcome.CREATED, change.outcome());
        RecordEntity record = change.record();
        assertEquals(1, record.version());
        assertEquals("ns/a", record.key());
        assertEquals(json("{\"n\":1}"), record.metadata());
        assertEquals(List.of("t"), record.tags());
        assertEquals("o", record.owner());
        assertEquals(T0, record.createdAt());
        assertEquals(T0, record.updatedAt());
        assertEquals("alice", record.createdBy());
        assertEquals("alice", record.updatedBy());
        assertNull(record.deletedAt());
    }

    @Test
    void anIdenticalCreateChangesNothingAndOtherContentConflicts() {
        RecordEntity record = created();
        RecordLifecycle.Change replay = bob.apply(RecordWrite.create(KEY, content("{\"n\":1.0}", List.of("t"), "o")),
                record);
        assertEquals(WriteOutcome.UNCHANGED, replay.outcome(), "1 and 1.0 are the same jsonb number");
        assertEquals(1, record.version());
        assertEquals("alice", record.updatedBy());
        Failure conflict = assertThrows(Failure.class, () -> bob.apply(RecordWrite.create(KEY, B), record));
        assertEquals(Failure.Kind.CONFLICT, conflict.kind());
        assertThrows(Failure.class, () -> bob.apply(RecordWrite.create(KEY, content("{\"n\":1}", List.of(), "o")),
                record), "tags are content too");
        assertEquals(1, record.version());
        assertEquals(json("{\"n\":1}"), record.metadata());
    }

    @Test
    void upsertCreatesReplacesAndRevivesCountingVersionsOn() {
        RecordLifecycle.Change first = alice.apply(RecordWrite.upsert(KEY, A, Precondition.NONE), null);
        assertEquals(WriteOutcome.CREATED, first.outcome());
        RecordEntity record = first.record();
        assertEquals(WriteOutcome.UPDATED, bob.apply(RecordWrite.upsert(KEY, B, Precondition.NONE), record).outcome());
        assertEquals(2, record.version());
        assertEquals(List.of(), record.tags(), "an omitted tags list replaces with none");
        assertNull(record.owner());
        assertEquals("bob", record.updatedBy());
        assertEquals("alice", record.createdBy());
        assertEquals(T0, record.createdAt());
        bob.apply(RecordWrite.delete(KEY, Precondition.NONE), record);
        assertEquals(3, record.version());
        RecordLifecycle.Change revived = alice.apply(RecordWrite.upsert(KEY, A, Precondition.NONE), record);
        assertEquals(WriteOutcome.REVIVED, revived.outcome());
        assertEquals(4, record.version());
        assertNull(record.deletedAt());
        RecordLifecycle.Change recreated = alice.apply(RecordWrite.delete(KEY, Precondition.NONE), record);
        assertEquals(5, recreated.record().version());
        assertEquals(WriteOutcome.REVIVED, alice.apply(RecordWrite.create(KEY, B), record).outcome(),
                "POST revives a soft-deleted key too");
        assertEquals(6, record.version());
    }

    @Test
    void anUnchangedUpsertIsStillANewVersion() {
        RecordEntity record = created();
        alice.apply(RecordWrite.upsert(KEY, A, Precondition.NONE), record);
        alice.apply(RecordWrite.upsert(KEY, A, Precondition.NONE), record);
        assertEquals(3, record.version(), "every successful write bumps the version by exactly 1");
    }

    @Test
    void patchMergesIntoALiveRecordOnly() {
        RecordEntity record = alice.apply(RecordWrite.create(KEY, content("{\"a\":{\"b\":1,\"c\":2}}", List.of("t"),
                "o")), null).record();
        MergePatch patch = MergePatch.of(json("{\"metadata\":{\"a\":{\"b\":null,\"d\":3}},\"owner\":null}"));
        assertEquals(WriteOutcome.UPDATED, bob.apply(RecordWrite.patch(KEY, patch, Precondition.NONE), record)
                .outcome());
        assertEquals(json("{\"a\":{\"c\":2,\"d\":3}}"), record.metadata());
        assertEquals(List.of("t"), record.tags(), "absent tags stay");
        assertNull(record.owner());
        assertEquals(2, record.version());
        Failure absent = assertThrows(Failure.class, () -> bob.apply(RecordWrite.patch(KEY, patch,
                Precondition.NONE), null));
        assertEquals(Failure.Kind.NOT_FOUND, absent.kind());
        bob.apply(RecordWrite.delete(KEY, Precondition.NONE), record);
        assertEquals(Failure.Kind.NOT_FOUND, assertThrows(Failure.class, () -> bob.apply(RecordWrite.patch(KEY,
                patch, Precondition.NONE), record)).kind());
    }

    @Test
    void softDeleteIsAWriteAndOnlyOfALiveRecord() {
        RecordEntity record = created();
        assertEquals(WriteOutcome.DELETED, bob.apply(RecordWrite.delete(KEY, Precondition.NONE), record).outcome());
        assertEquals(2, record.version());
        assertEquals(T1, record.deletedAt());
        assertEquals(T1, record.updatedAt());
        assertEquals("bob", record.updatedBy());
        assertEquals(json("{\"n\":1}"), record.metadata(), "a soft delete keeps the content");
        assertEquals(Failure.Kind.NOT_FOUND, assertThrows(Failure.class,
                () -> bob.apply(RecordWrite.delete(KEY, Precondition.NONE), record)).kind());
        assertEquals(Failure.Kind.NOT_FOUND, assertThrows(Failure.class,
                () -> bob.apply(RecordWrite.delete(KEY, Precondition.NONE), null)).kind());
    }

    @Test
    void ifMatchHoldsForAnyListedVersionOfALiveRecord() {
        RecordEntity record = created();
        Precondition oneOrFive = Precondition.NONE.withConditions(Versions.listed(Set.of(1L, 5L)),
                Versions.UNCONDITIONAL);
        bob.apply(RecordWrite.upsert(KEY, B, oneOrFive), record);
        assertEquals(2, record.version());
        Failure stale = assertThrows(Failure.class, () -> bob.apply(RecordWrite.upsert(KEY, A, oneOrFive), record));
        assertEquals(Failure.Kind.CONDITION_FAILED, stale.kind());
        Precondition nothing = Precondition.NONE.withConditions(Versions.listed(Set.of()), Versions.UNCONDITIONAL);
        assertEquals(Failure.Kind.CONDITION_FAILED, assertThrows(Failure.class,
                () -> bob.apply(RecordWrite.delete(KEY, nothing), record)).kind(), "a weak tag names nothing");
        Precondition any = Precondition.NONE.withConditions(Versions.ANY, Versions.UNCONDITIONAL);
        assertEquals(Failure.Kind.CONDITION_FAILED, assertThrows(Failure.class,
                () -> bob.apply(RecordWrite.upsert(KEY, A, any), null)).kind(), "If-Match: * needs a record");
        bob.apply(RecordWrite.upsert(KEY, A, any), record);
        assertEquals(3, record.version());
        assertEquals(json("{\"n\":1}"), record.metadata());
    }

    @Test
    void ifNoneMatchStarCreatesOnlyWhenNoLiveRecordExists() {
        Precondition absentOnly = Precondition.NONE.withConditions(Versions.UNCONDITIONAL, Versions.ANY);
        RecordEntity record = alice.apply(RecordWrite.upsert(KEY, A, absentOnly), null).record();
        assertEquals(Failure.Kind.CONDITION_FAILED, assertThrows(Failure.class,
                () -> bob.apply(RecordWrite.upsert(KEY, B, absentOnly), record)).kind());
        assertEquals(json("{\"n\":1}"), record.metadata(), "the refused write changed nothing");
        assertEquals(1, record.version());
        Precondition notOne = Precondition.NONE.withConditions(Versions.UNCONDITIONAL, Versions.listed(Set.of(1L)));
        assertEquals(Failure.Kind.CONDITION_FAILED, assertThrows(Failure.class,
                () -> bob.apply(RecordWrite.delete(KEY, notOne), record)).kind());
        bob.apply(RecordWrite.delete(KEY, Precondition.NONE), record);
        assertEquals(WriteOutcome.REVIVED, bob.apply(RecordWrite.upsert(KEY, B, absentOnly), record).outcome(),
                "a soft-deleted key counts as absent");
    }

    @Test
    void aBodyVersionConflictsUnlessTheLiveRecordIsAtIt() {
        RecordEntity record = created();
        Failure wrong = assertThrows(Failure.class,
                () -> bob.apply(RecordWrite.upsert(KEY, B, Precondition.expecting(2L)), record));
        assertEquals(Failure.Kind.VERSION_CONFLICT, wrong.kind());
        assertEquals(Failure.Kind.VERSION_CONFLICT, assertThrows(Failure.class,
                () -> bob.apply(RecordWrite.upsert(KEY, B, Precondition.expecting(1L)), null)).kind());
        bob.apply(RecordWrite.upsert(KEY, B, Precondition.expecting(1L)), record);
        assertEquals(2, record.version());
        Precondition both = Precondition.expecting(2L).withConditions(Versions.listed(Set.of(3L)),
                Versions.UNCONDITIONAL);
        assertEquals(Failure.Kind.CONDITION_FAILED, assertThrows(Failure.class,
                () -> bob.apply(RecordWrite.patch(KEY, MergePatch.of(json("{}")), both), record)).kind(),
                "entity-tag conditions are evaluated first");
    }

    @Test
    void aRefusedPatchLeavesTheRecordAsItWas() {
        RecordEntity record = created();
        MergePatch badTags = MergePatch.of(json("{\"metadata\":{\"x\":1},\"tags\":[\"a\",\"a\"]}"));
        assertEquals(Failure.Kind.INVALID, assertThrows(Failure.class,
                () -> bob.apply(RecordWrite.patch(KEY, badTags, Precondition.NONE), record)).kind());
        assertEquals(json("{\"n\":1}"), record.metadata());
        assertEquals(1, record.version());
        assertEquals("alice", record.updatedBy());
    }

    @Test
    void everyOrderOfWritesToOneKeyAddsExactlyOneVersionEach() {
        List<RecordWrite> kinds = List.of(RecordWrite.create(KEY, A), RecordWrite.upsert(KEY, B, Precondition.NONE),
                RecordWrite.patch(KEY, MergePatch.of(json("{}")), Precondition.NONE),
                RecordWrite.delete(KEY, Precondition.NONE));
        for (RecordWrite first : kinds) {
            for (RecordWrite second : kinds) {
                for (RecordWrite third : kinds) {
                    RecordEntity record = null;
                    long expected = 0;
                    for (RecordWrite write : List.of(first, second, third)) {
                        RecordEntity before = record;
                        try {
                            RecordLifecycle.Change change = alice.apply(write, record);
                            record = change.record();
                            if (change.outcome() != WriteOutcome.UNCHANGED) {
                                expected++;
                            }
                            assertTrue(before == null || before == record, "the same row is written");
                        } catch (Failure refused) {
                            assertSame(before, record);
                        }
                        assertEquals(expected, record == null ? 0 : record.version(),
                                () -> "after " + first.kind() + ", " + second.kind() + ", " + third.kind());
                    }
                }
            }
        }
    }
}
