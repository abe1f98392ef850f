package io.metastore.records.control;

import io.metastore.platform.DatabaseFailures;
import io.metastore.platform.Failure;
import jakarta.annotation.Resource;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.Supplier;

/**
 * Runs write transactions: each attempt in a transaction of its own, again when it lost a race ({@link RaceRetry}).
 * Inside the transaction, database failures that are answers rather than defects (a lost race, PostgreSQL away, a
 * value it cannot take) become application exceptions, so the container rolls back without logging them as errors.
 */
@Stateless
public class RecordTransactions {

    @Resource
    SessionContext context;

    /** Runs {@code work} in a new transaction, and again in another one while it loses a race. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public <T> T retryingLostRaces(Supplier<T> work) {
        RecordTransactions self = context.getBusinessObject(RecordTransactions.class);
        return RaceRetry.run(() -> self.inNewTransaction(work));
    }

    /** One attempt of {@link #retryingLostRaces}; public only so that the container gives it its own transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T inNewTransaction(Supplier<T> work) {
        try {
            return work.get();
        } catch (Failure answered) {
            throw answered;
        } catch (RuntimeException failure) {
            if (DatabaseFailures.lostRace(failure)) {
                throw new LostRace(failure);
            }
            throw DatabaseFailures.classify(failure).orElseThrow(() -> failure);
        }
    }

    /** A transaction that lost a race and was rolled back; the same work, run again, wins or answers by the rules. */
    @ApplicationException(rollback = true)
    static final class LostRace extends RuntimeException {
        LostRace(Throwable cause) {
            super("the transaction lost a race with a concurrent one", cause, false, false);
        }
    }
}
