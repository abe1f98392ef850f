package io.metastore.bulk.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Failure;
import io.metastore.platform.Json;
import io.metastore.records.control.InMemoryRecords;
import io.metastore.records.control.MergePatch;
import io.metastore.records.control.Precondition;
import io.metastore.records.control.RecordContent;
import io.metastore.records.control.RecordKey;
import io.metastore.records.control.RecordWrite;
import io.metastore.records.control.WriteBatch;
import io.metastore.records.control.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One atomic bulk attempt on records in memory: results in request order, versions as stored, all or nothing. */
class AtomicBulkTest {

    private final InMemoryRecords records = new InMemoryRecords();
    private final AtomicBoolean rolledBack = new AtomicBoolean();
    private final List<List<String>> locked = new ArrayList<>();

    private List<OperationResult> attempt(BulkItem... items) {
        return AtomicBulk.attempt(List.of(items), keys -> {
            locked.add(keys);
            return WriteBatch.lock(records, "alice", keys);
        }, () -> rolledBack.set(true));
    }

    private static RecordKey key(String name) {
        return RecordKey.parse("key", "ns/" + name);
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static BulkItem create(int index, String name) {
        return new BulkItem.Planned(index, RecordWrite.create(key(name), RecordContent.of(null, null, null)));
    }

    private static BulkItem patch(int index, String name, String metadata) {
        return new BulkItem.Planned(index, RecordWrite.patch(key(name),
                MergePatch.of(json("{\"metadata\":" + metadata + "}")), Precondition.NONE));
    }

    private static BulkItem delete(int index, String name) {
        return new BulkItem.Planned(index, RecordWrite.delete(key(name), Precondition.NONE));
    }

    @Test
    void everyWriteToARepeatedKeyAnswersTheVersionItStored() {
        List<OperationResult> results = attempt(create(0, "b"), patch(1, "b", "{}"), create(2, "a"),
                patch(3, "b", "{\"x\":1}"), delete(4, "a"));
        assertFalse(rolledBack.get());
        assertEquals(List.of(0, 1, 2, 3, 4), results.stream().map(OperationResult::index).toList());
        assertEquals(List.of(1L, 2L, 1L, 3L, 2L), results.stream().map(r -> r.applied().record().version()).toList());
        assertEquals(List.of(WriteOutcome.CREATED, WriteOutcome.UPDATED, WriteOutcome.CREATED, WriteOutcome.UPDATED,
                WriteOutcome.DELETED), results.stream().map(r -> r.applied().outcome()).toList());
        assertEquals(List.of(results.get(0).applied().record(), results.get(1).applied().record(),
                results.get(3).applied().record()), records.storedStates("ns/b"), "every answer was stored");
        assertEquals(results.get(4).applied().record(), records.stored("ns/a"));
        assertEquals(List.of(List.of("ns/a", "ns/b")), locked, "keys are locked once each, in key order");
    }

    @Test
    void oneFailureRollsBackAndTheOthersAreNotApplied() {
        List<OperationResult> results = attempt(create(0, "a"), delete(1, "missing"), patch(2, "a", "{}"));
        assertTrue(rolledBack.get());
        assertEquals(Failure.Kind.NOT_FOUND, results.get(1).failure().kind());
        for (int i : new int[] {0, 2}) {
            assertFalse(results.get(i).succeeded());
            assertFalse(results.get(i).failed());
            assertNull(results.get(i).applied());
        }
    }

    @Test
    void anOperationRefusedUpFrontFailsTheBulkWithItsOwnFailure() {
        Failure forbidden = Failure.forbidden("no");
        List<OperationResult> results = attempt(create(0, "a"), new BulkItem.Refused(1, "other/x", forbidden));
        assertTrue(rolledBack.get());
        assertSame(forbidden, results.get(1).failure());
        assertEquals("other/x", results.get(1).key());
        assertFalse(results.get(0).succeeded());
        assertSame(forbidden, AtomicVerdict.of(results).orElseThrow());
    }
}
