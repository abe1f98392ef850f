package io.metastore.records.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The single-record calls. A write locks its key's row, applies the {@link RecordLifecycle} rules and answers what it
 * flushed, in a transaction of its own, so of N writers holding the same expected version exactly one wins and
 * unconditional writers each add exactly one version.
 */
@Stateless
public class RecordService {

    @Inject
    RecordRepository repository;

    @Inject
    RecordTransactions transactions;

    public Optional<RecordSnapshot> findLive(RecordKey key) {
        return repository.findLive(key);
    }

    /** @throws io.metastore.platform.Failure when the write breaks a rule; nothing is written then */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public WriteResult write(RecordWrite write, String principal) {
        return transactions.retryingLostRaces(() -> {
            WriteBatch batch = WriteBatch.lock(repository, principal, List.of(write.key().value()));
            WriteBatch.Pending pending = batch.apply(write);
            batch.flush();
            return pending.result();
        });
    }
}
