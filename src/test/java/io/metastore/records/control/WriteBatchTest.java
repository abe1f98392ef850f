package io.metastore.records.control;

import static io.metastore.records.control.RecordLifecycleTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.metastore.platform.Failure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transaction's view of writes: every answer is a state that was flushed, also for a key written twice. */
class WriteBatchTest {

    private static final RecordKey KEY = RecordKey.parse("key", "ns/a");
    private final InMemoryRecords records = new InMemoryRecords();

    @Test
    void aCreateThenAPatchOfTheSameKeyAnswerTwoStoredVersions() {
        WriteBatch batch = WriteBatch.lock(records, "alice", List.of(KEY.value()));
        WriteBatch.Pending created = batch.apply(RecordWrite.create(KEY, RecordContent.of(null, null, null)));
        WriteBatch.Pending patched = batch.apply(RecordWrite.patch(KEY, MergePatch.of(json("{\"metadata\":{}}")),
                Precondition.NONE));
        batch.flush();
        assertEquals(1, created.result().record().version());
        assertEquals(2, patched.result().record().version(), "a patch that changes nothing is still a version");
        assertEquals(List.of(created.result().record(), patched.result().record()), records.storedStates(KEY.value()),
                "each answer is a state that reached the row");
    }

    @Test
    void aResultIsKnownOnlyOnceFlushed() {
        WriteBatch batch = WriteBatch.lock(records, "alice", List.of(KEY.value()));
        WriteBatch.Pending created = batch.apply(RecordWrite.create(KEY, RecordContent.of(null, null, null)));
        assertThrows(IllegalStateException.class, created::result);
        batch.flush();
        assertEquals(records.stored(KEY.value()), created.result().record());
    }

    @Test
    void aFailedWriteLeavesTheKeyForTheNextOne() {
        WriteBatch batch = WriteBatch.lock(records, "alice", List.of(KEY.value()));
        assertThrows(Failure.class, () -> batch.apply(RecordWrite.delete(KEY, Precondition.NONE)));
        WriteBatch.Pending created = batch.apply(RecordWrite.create(KEY, RecordContent.of(null, null, null)));
        batch.flush();
        assertEquals(1, created.result().record().version());
    }

    @Test
    void laterTransactionsContinueFromTheStoredVersion() {
        for (int round = 1; round <= 3; round++) {
            WriteBatch batch = WriteBatch.lock(records, "alice", List.of(KEY.value()));
            WriteBatch.Pending upserted = batch.apply(RecordWrite.upsert(KEY,
                    RecordContent.of(json("{\"round\":" + round + "}"), null, null), Precondition.NONE));
            batch.flush();
            assertEquals(round, upserted.result().record().version());
            assertEquals(records.stored(KEY.value()), upserted.result().record());
        }
    }
}
