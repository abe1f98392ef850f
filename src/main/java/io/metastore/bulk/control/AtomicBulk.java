package io.metastore.bulk.control;

import io.metastore.platform.Failure;
import io.metastore.records.control.WriteBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One attempt of an atomic bulk, inside the transaction that {@link BulkService} opened. Every write is tried so that
 * every failure can be reported; when any operation failed, here or up front, the transaction is marked for rollback
 * and the operations that were fine are reported as not applied.
 *
 * <p>Writes apply in key order, a key's own writes keeping their request order: a write only touches its own key, so
 * no outcome changes, and every transaction inserts new keys in one global order, so two bulks creating the same keys
 * in opposite orders queue at the unique index instead of deadlocking there.
 */
final class AtomicBulk {

    private AtomicBulk() {
    }

    /**
     * @param locking      locks the existing records of these keys for the transaction
     * @param rollbackOnly marks the transaction so that nothing of it is committed
     */
    static List<OperationResult> attempt(List<BulkItem> items, Function<List<String>, WriteBatch> locking,
                                         Runnable rollbackOnly) {
        List<BulkItem.Planned> planned = new ArrayList<>();
        for (BulkItem item : items) {
            if (item instanceof BulkItem.Planned p) {
                planned.add(p);
            }
        }
        planned.sort(Comparator.comparing(p -> p.write().key().value()));
        WriteBatch batch = locking.apply(planned.stream().map(p -> p.write().key().value()).distinct().toList());
        Map<Integer, WriteBatch.Pending> pending = new HashMap<>();
        Map<Integer, Failure> failed = new HashMap<>();
        for (BulkItem.Planned p : planned) {
            try {
                pending.put(p.index(), batch.apply(p.write()));
            } catch (Failure failure) {
                failed.put(p.index(), failure);
            }
        }
        boolean allApplied = failed.isEmpty() && planned.size() == items.size();
        if (allApplied) {
            batch.flush();
        } else {
            rollbackOnly.run();
        }
        List<OperationResult> results = new ArrayList<>(items.size());
        for (BulkItem item : items) {
            if (!(item instanceof BulkItem.Planned p)) {
                results.add(OperationResult.refused((BulkItem.Refused) item));
            } else if (failed.containsKey(p.index())) {
                results.add(OperationResult.failed(p.index(), p.write().key().value(), failed.get(p.index())));
            } else {
                results.add(allApplied ? OperationResult.applied(p.index(), pending.get(p.index()).result())
                        : OperationResult.notApplied(p.index(), p.write().key().value()));
            }
        }
        return results;
    }
}
