package io.metastore.bulk.control;

import io.metastore.platform.FailureClassifier;
import io.metastore.platform.ProblemException;
import io.metastore.records.control.RecordService;
import io.metastore.records.control.RecordService.Attempt;
import io.metastore.records.control.RecordWrite;
import io.metastore.records.control.WriteResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Runs a bulk request. Atomic: every planned write in one transaction through {@link RecordService#writeAllOrNothing}
 * and, when anything failed (refused up front or at run time), nothing is applied and the operations that were fine
 * answer 424. Not atomic: each write in its own transaction, in request order, standing alone.
 */
@ApplicationScoped
public class BulkService {

    @Inject
    RecordService records;

    public List<OperationResult> applyAtomically(List<BulkItem> items, String principal) {
        List<RecordWrite> writes = new ArrayList<>();
        for (BulkItem item : items) {
            if (item instanceof BulkItem.Planned planned) {
                writes.add(planned.write());
            }
        }
        boolean refusedAny = writes.size() < items.size();
        Iterator<Attempt> attempts = writes.isEmpty() ? Collections.emptyIterator()
                : records.writeAllOrNothing(writes, principal, refusedAny).iterator();
        List<OperationResult> results = new ArrayList<>(items.size());
        for (BulkItem item : items) {
            results.add(item instanceof BulkItem.Refused refused ? refused.result()
                    : result((BulkItem.Planned) item, attempts.next()));
        }
        return results.stream().allMatch(OperationResult::succeeded) ? results
                : results.stream().map(r -> r.succeeded() ? r.notApplied() : r).toList();
    }

    public List<OperationResult> applyEach(List<BulkItem> items, String principal) {
        List<OperationResult> results = new ArrayList<>(items.size());
        for (BulkItem item : items) {
            results.add(item instanceof BulkItem.Refused refused ? refused.result()
                    : applyAlone((BulkItem.Planned) item, principal));
        }
        return results;
    }

    private OperationResult applyAlone(BulkItem.Planned planned, String principal) {
        String key = planned.write().key().value();
        try {
            return applied(planned.index(), records.write(planned.write(), principal));
        } catch (RuntimeException e) {
            ProblemException problem = FailureClassifier.classify(e).orElseThrow(() -> e);
            return OperationResult.failed(planned.index(), key, problem);
        }
    }

    private static OperationResult result(BulkItem.Planned planned, Attempt attempt) {
        return attempt.succeeded() ? applied(planned.index(), attempt.result())
                : OperationResult.failed(planned.index(), planned.write().key().value(), attempt.failure());
    }

    private static OperationResult applied(int index, WriteResult result) {
        return OperationResult.applied(index, result.record().key(), result.outcome().status(),
                result.record().version());
    }
}
