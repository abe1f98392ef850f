package io.metastore.platform;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * Why the service refuses a request, in the domain's words: invalid at a path, not found, a conflict, an expected
 * version that does not hold, a namespace the caller may not use, the database being away. Control code throws these;
 * {@link Problem#of(Failure)} is the one place that turns them into an HTTP status and an RFC 9457 body. The detail
 * never carries record content or server internals, and no stack trace is kept: a failure is an answer, not a bug.
 *
 * <p>An application exception for the EJB container: it reaches the caller unwrapped and unlogged. It does not mark
 * the transaction for rollback itself: the write path rolls back explicitly (records' {@code RecordTransactions}),
 * and a failure passing through a method without a global transaction ({@code NOT_SUPPORTED}) would otherwise make
 * Liberty roll back its local transaction containment and log WLTC0017E at ERROR for every refused write.
 */
@ApplicationException(rollback = false)
public final class Failure extends RuntimeException {

    public enum Kind {
        /** Parts of the request break a rule; each violation names its JSON path. */
        INVALID,
        /** The request cannot be read at all (malformed JSON, a value PostgreSQL cannot take); no path to name. */
        MALFORMED,
        /** The caller presented no usable identity. */
        UNAUTHENTICATED,
        /** The caller may not use the namespace; says nothing about whether the record exists. */
        FORBIDDEN,
        NOT_FOUND,
        /** The write contradicts the stored state: other content under the same key, or a concurrent write. */
        CONFLICT,
        /** The version the request's content expects is not the stored one. */
        VERSION_CONFLICT,
        /** A condition the request was made under (its entity tags) does not hold, so nothing was written. */
        CONDITION_FAILED,
        /** The request is larger than a limit allows. */
        TOO_LARGE,
        /** PostgreSQL cannot be reached or refuses connections; the same request may succeed later. */
        DATABASE_UNREACHABLE,
        /** The statement ran past its time limit. */
        STATEMENT_TIMEOUT,
        /** Metastore is switched off on this server. */
        DISABLED,
        /** What the request refers to was kept for a limited time, which is over (a change feed cursor). */
        EXPIRED,
        /** This instance serves as many of these calls at once as it may; the same request may succeed later. */
        BUSY
    }

    private final Kind kind;
    private final List<Violation> violations;

    private Failure(Kind kind, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    private Failure(Kind kind, String detail) {
        this(kind, detail, List.of());
    }

    public static Failure invalid(List<Violation> violations) {
        String detail = violations.size() == 1 ? violations.get(0).path() + ": " + violations.get(0).message()
                : violations.size() + " invalid values in the request";
        return new Failure(Kind.INVALID, detail, violations);
    }

    public static Failure invalid(String path, String message) {
        return invalid(List.of(new Violation(path, message)));
    }

    public static Failure malformed(String detail) {
        return new Failure(Kind.MALFORMED, detail);
    }

    public static Failure unauthenticated(String detail) {
        return new Failure(Kind.UNAUTHENTICATED, detail);
    }

    /** The token is missing or not one this service trusts; never says which check failed. */
    public static Failure untrustedToken() {
        return unauthenticated("A valid bearer token is required: an RS256 JWT from a trusted issuer, for this "
                + "service's audience, within its validity period");
    }

    public static Failure forbidden(String detail) {
        return new Failure(Kind.FORBIDDEN, detail);
    }

    public static Failure notFound(String detail) {
        return new Failure(Kind.NOT_FOUND, detail);
    }

    public static Failure conflict(String detail) {
        return new Failure(Kind.CONFLICT, detail);
    }

    public static Failure versionConflict(String detail) {
        return new Failure(Kind.VERSION_CONFLICT, detail);
    }

    public static Failure conditionFailed(String detail) {
        return new Failure(Kind.CONDITION_FAILED, detail);
    }

    public static Failure tooLarge(String detail) {
        return new Failure(Kind.TOO_LARGE, detail);
    }

    public static Failure databaseUnreachable() {
        return new Failure(Kind.DATABASE_UNREACHABLE,
                "The metadata database cannot be reached right now; retry later");
    }

    public static Failure statementTimeout() {
        return new Failure(Kind.STATEMENT_TIMEOUT,
                "The database cancelled the statement after the configured timeout; narrow the filter");
    }

    public static Failure disabled(String detail) {
        return new Failure(Kind.DISABLED, detail);
    }

    public static Failure expired(String detail) {
        return new Failure(Kind.EXPIRED, detail);
    }

    public static Failure busy(String detail) {
        return new Failure(Kind.BUSY, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** Where the request broke a rule; empty unless {@link Kind#INVALID}. */
    public List<Violation> violations() {
        return violations;
    }

    /** The same failure with each violation's path placed under {@code prefix} (e.g. {@code operations[3]}). */
    public Failure within(String prefix) {
        if (violations.isEmpty()) {
            return this;
        }
        return invalid(violations.stream()
                .map(v -> new Violation(v.path().isEmpty() ? prefix : prefix + "." + v.path(), v.message()))
                .toList());
    }
}
