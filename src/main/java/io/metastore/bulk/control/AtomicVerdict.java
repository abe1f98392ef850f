package io.metastore.bulk.control;

import io.metastore.platform.Failure;
import java.util.List;
import java.util.Optional;

/**
 * The one failure that speaks for a failed atomic bulk: a forbidden operation first (the caller must not learn more
 * about a namespace it may not use), else an invalid one (the request itself is wrong), else the first failure in
 * request order. Empty when every operation was applied.
 */
public final class AtomicVerdict {

    private AtomicVerdict() {
    }

    public static Optional<Failure> of(List<OperationResult> results) {
        List<Failure> failures = results.stream().filter(OperationResult::failed).map(OperationResult::failure)
                .toList();
        return failures.stream().filter(f -> f.kind() == Failure.Kind.FORBIDDEN).findFirst()
                .or(() -> failures.stream().filter(f -> f.kind() == Failure.Kind.INVALID).findFirst())
                .or(() -> failures.stream().findFirst());
    }
}
