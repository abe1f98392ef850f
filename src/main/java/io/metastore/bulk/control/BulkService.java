package io.metastore.bulk.control;

import io.metastore.platform.Failure;
import io.metastore.records.control.RecordRepository;
import io.metastore.records.control.RecordService;
import io.metastore.records.control.RecordTransactions;
import io.metastore.records.control.WriteBatch;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a bulk request over the records' write path. Atomic: every planned write in one transaction, each seeing the
 * ones before it; when any operation failed (refused up front or at run time) the transaction is rolled back and the
 * operations that were fine are reported as not applied. Not atomic: each write in its own transaction, in request
 * order, standing alone.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BulkService {

    @Inject
    RecordRepository repository;

    @Inject
    RecordTransactions transactions;

    @Inject
    RecordService records;

    @Resource
    TransactionSynchronizationRegistry transaction;

    public List<OperationResult> applyAtomically(List<BulkItem> items, String principal) {
        return transactions.retryingLostRaces(() -> AtomicBulk.attempt(items,
                keys -> WriteBatch.lock(repository, principal, keys), transaction::setRollbackOnly));
    }

    public List<OperationResult> applyEach(List<BulkItem> items, String principal) {
        List<OperationResult> results = new ArrayList<>(items.size());
        for (BulkItem item : items) {
            results.add(item instanceof BulkItem.Planned planned ? applyAlone(planned, principal)
                    : OperationResult.refused((BulkItem.Refused) item));
        }
        return results;
    }

    private OperationResult applyAlone(BulkItem.Planned planned, String principal) {
        try {
            return OperationResult.applied(planned.index(), records.write(planned.write(), principal));
        } catch (Failure failure) {
            return OperationResult.failed(planned.index(), planned.write().key().value(), failure);
        }
    }
}
