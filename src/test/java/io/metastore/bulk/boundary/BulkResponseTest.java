package io.metastore.bulk.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.metastore.bulk.control.OperationResult;
import io.metastore.platform.Failure;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.records.control.WriteOutcome;
import io.metastore.records.control.WriteResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each operation answers the status its single-record call would; a fine operation of a failed bulk answers 424. */
class BulkResponseTest {

    private static OperationResult applied(WriteOutcome outcome, long version) {
        RecordSnapshot record = new RecordSnapshot("ns/a", null, List.of(), null, version, null, null, null, null,
                null);
        return new OperationResult(0, "ns/a", new WriteResult(outcome, record), null);
    }

    @Test
    void appliedOperationsAnswerTheirSingleRecordStatusAndVersion() {
        assertEquals(201, BulkResponse.Result.of(applied(WriteOutcome.CREATED, 1)).status());
        assertEquals(201, BulkResponse.Result.of(applied(WriteOutcome.REVIVED, 4)).status());
        assertEquals(200, BulkResponse.Result.of(applied(WriteOutcome.UPDATED, 2)).status());
        assertEquals(200, BulkResponse.Result.of(applied(WriteOutcome.UNCHANGED, 2)).status());
        BulkResponse.Result deleted = BulkResponse.Result.of(applied(WriteOutcome.DELETED, 3));
        assertEquals(204, deleted.status());
        assertEquals(3L, deleted.version());
        assertNull(deleted.error());
    }

    @Test
    void failuresCarryTheirOwnStatusAndTheRestFailedDependency() {
        assertEquals(409, BulkResponse.Result.of(new OperationResult(0, "ns/a", null,
                Failure.versionConflict("v"))).status());
        assertEquals(403, BulkResponse.Result.of(new OperationResult(0, "ns/a", null, Failure.forbidden("f")))
                .status());
        BulkResponse.Result notApplied = BulkResponse.Result.of(new OperationResult(0, "ns/a", null, null));
        assertEquals(424, notApplied.status());
        assertEquals(424, notApplied.error().status());
        assertNull(notApplied.version());
    }
}
