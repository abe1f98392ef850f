package io.metastore.platform;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A failure that reaches the client as an RFC 9457 problem: a status, a short stable type, a human title and a
 * detail that never carries record content or server internals. An application exception for the EJB container: it
 * reaches the caller unwrapped (and unlogged, as it is an expected answer). It does not mark the transaction for
 * rollback: the write paths roll back explicitly, and a refusal that leaves a method running without a global
 * transaction ({@code NOT_SUPPORTED}) would otherwise make Liberty log WLTC0017E at ERROR for every refused write.
 */
@ApplicationException(rollback = false, inherited = true)
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String type, String title, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public static ProblemException invalid(List<Violation> violations) {
        String detail = violations.size() == 1
                ? violations.get(0).path() + ": " + violations.get(0).message()
                : violations.size() + " invalid values in the request";
        return new ProblemException(400, "validation", "Invalid request", detail, violations);
    }

    public static ProblemException invalid(String path, String message) {
        return invalid(List.of(new Violation(path, message)));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "precondition-failed", "Precondition failed", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException payloadTooLarge(String detail) {
        return new ProblemException(413, "payload-too-large", "Payload too large", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
