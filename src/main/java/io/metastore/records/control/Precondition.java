package io.metastore.records.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.ProblemException;

/**
 * What a writer expects of the current record: nothing, any live record ({@code If-Match: *}), or a live record at
 * one version. A failed If-Match answers 412; a failed {@code version} member in the body answers 409.
 */
public record Precondition(Long expectedVersion, boolean requiresLiveRecord, int failureStatus) {

    public static final Precondition NONE = new Precondition(null, false, 0);

    public static Precondition ifMatchAny() {
        return new Precondition(null, true, 412);
    }

    public static Precondition ifMatch(long version) {
        return new Precondition(version, true, 412);
    }

    public static Precondition bodyVersion(long version) {
        return new Precondition(version, true, 409);
    }

    /** The precondition a body's {@code version} member states (absent or null: none); 409 when it fails. */
    public static Precondition fromBodyVersion(JsonNode version) {
        if (version == null || version.isNull()) {
            return NONE;
        }
        if (!version.canConvertToExactIntegral() || !version.canConvertToLong() || version.longValue() < 1) {
            throw ProblemException.invalid("version", "must be a positive integer");
        }
        return bodyVersion(version.longValue());
    }

    public boolean isPresent() {
        return requiresLiveRecord;
    }

    /** Throws unless the live record's version (null when absent or soft-deleted) satisfies this precondition. */
    public void check(Long liveVersion) {
        if (!requiresLiveRecord) {
            return;
        }
        if (liveVersion == null) {
            throw failure("The record does not exist, so no version can match");
        }
        if (expectedVersion != null && !expectedVersion.equals(liveVersion)) {
            throw failure("Expected version " + expectedVersion + " but the record is at version " + liveVersion);
        }
    }

    private ProblemException failure(String detail) {
        return failureStatus == 412 ? ProblemException.preconditionFailed(detail) : ProblemException.conflict(detail);
    }

}
