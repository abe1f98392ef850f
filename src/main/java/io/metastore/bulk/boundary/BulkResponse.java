package io.metastore.bulk.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.metastore.bulk.control.OperationResult;
import io.metastore.platform.Problem;
import io.metastore.records.boundary.RecordAnswers;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a bulk request: one result per operation, in request order. */
@Schema(name = "BulkResponse", description = "one result per operation, in request order",
        requiredProperties = "results")
public record BulkResponse(List<Result> results) {

    /** Status of an operation that was fine but not applied because another one failed (atomic mode). */
    static final int FAILED_DEPENDENCY = 424;
    private static final Problem NOT_APPLIED = Problem.of(FAILED_DEPENDENCY, "failed-dependency", "Not applied",
            "Not applied because another operation of this atomic bulk failed");

    /** One operation's answer: the status its single-record call would give, and the version or the error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BulkResult", requiredProperties = {"index", "status"})
    public record Result(
            @Schema(description = "the operation's position in the request, from 0") int index,
            @Schema(description = "the operation's key, when it had a string key", examples = "jobs/j1") String key,
            @Schema(description = "what the single-record call would answer: 201, 200 or 204 when applied; 400, "
                    + "403, 404 or 409 when it failed; 424 when it was fine but not applied because another operation "
                    + "of the atomic bulk failed", examples = "201") int status,
            @Schema(description = "the record's version after the write, when applied") Long version,
            @Schema(description = "why it was not applied, when it was not") Problem error) {

        static Result of(OperationResult result) {
            if (result.succeeded()) {
                return new Result(result.index(), result.key(), RecordAnswers.status(result.applied().outcome()),
                        result.applied().record().version(), null);
            }
            Problem error = result.failed() ? Problem.of(result.failure()) : NOT_APPLIED;
            return new Result(result.index(), result.key(), error.status(), null, error);
        }
    }

    static BulkResponse of(List<OperationResult> results) {
        return new BulkResponse(results.stream().map(Result::of).toList());
    }
}
