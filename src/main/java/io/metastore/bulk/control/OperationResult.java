package io.metastore.bulk.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.metastore.platform.Problem;
import io.metastore.platform.ProblemException;

/** The answer for one bulk operation: the status the single-record call would give, and the version or the error. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationResult(int index, String key, int status, Long version, Problem error) {

    /** Status of an operation that was fine but not applied because another one failed (atomic mode). */
    public static final int FAILED_DEPENDENCY = 424;

    public static OperationResult applied(int index, String key, int status, long version) {
        return new OperationResult(index, key, status, version, null);
    }

    public static OperationResult failed(int index, String key, ProblemException problem) {
        return new OperationResult(index, key, problem.status(), null, Problem.of(problem));
    }

    public OperationResult notApplied() {
        return new OperationResult(index, key, FAILED_DEPENDENCY, null, Problem.of(FAILED_DEPENDENCY,
                "failed-dependency", "Not applied", "Not applied because another operation of this atomic bulk failed"));
    }

    public boolean succeeded() {
        return error == null && status < 400;
    }
}
