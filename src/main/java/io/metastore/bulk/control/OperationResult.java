package io.metastore.bulk.control;

import io.metastore.platform.Failure;
import io.metastore.records.control.WriteResult;

/**
 * What became of one bulk operation: applied (with the write's result), failed (with its own failure), or, in an
 * atomic bulk that failed elsewhere, not applied although it was fine.
 */
public record OperationResult(int index, String key, WriteResult applied, Failure failure) {

    static OperationResult applied(int index, WriteResult result) {
        return new OperationResult(index, result.record().key(), result, null);
    }

    static OperationResult failed(int index, String key, Failure failure) {
        return new OperationResult(index, key, null, failure);
    }

    static OperationResult refused(BulkItem.Refused refused) {
        return failed(refused.index(), refused.key(), refused.failure());
    }

    static OperationResult notApplied(int index, String key) {
        return new OperationResult(index, key, null, null);
    }

    public boolean succeeded() {
        return applied != null;
    }

    public boolean failed() {
        return failure != null;
    }
}
