package io.metastore.security;

import io.metastore.platform.Failure;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller of this request. The container has already verified the token (signature, issuer, expiry)
 * before a resource runs, and {@link TokenTrustGate} hands over the token it accepted; this bean turns its claims into a
 * principal for the audit fields and into namespace checks. Holding the token itself matters for speed: every call on
 * an injected {@code JsonWebToken} looks the caller up again in the security subject, whose sets are synchronized and
 * shared by every request of the same service token.
 */
@RequestScoped
public class Caller {

    private JsonWebToken token;
    private NamespaceGrants grants;
    private final Trace trace = new Trace();

    /** Called once per request, by the gate that accepted the token. */
    void identify(JsonWebToken accepted) {
        token = accepted;
        trace.subject = accepted.getSubject();
    }

    /**
     * What this request's access line tells of its caller, as it becomes known: a plain object, readable also where
     * the request is finished on another thread (a suspended change feed call is answered from the managed executor),
     * where the request scope is not active and this bean cannot be reached.
     */
    public static final class Trace {
        private volatile String subject;
        private volatile String checkedNamespace;

        /** The subject of the accepted token, when this request has one. */
        public Optional<String> subject() {
            return Optional.ofNullable(subject);
        }

        /**
         * The namespace this request last asked a grant for, granted or not: for a single-record call, its key's
         * namespace (the access log names it, also when the answer is 403).
         */
        public Optional<String> checkedNamespace() {
            return Optional.ofNullable(checkedNamespace);
        }
    }

    public Trace trace() {
        return trace;
    }

    public String principal() {
        if (token == null) {
            throw Failure.unauthenticated("The request carries no accepted token");
        }
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw Failure.unauthenticated("The token has no subject (sub) claim");
        }
        return subject;
    }

    public void requireRead(String namespace) {
        trace.checkedNamespace = namespace;
        if (!grants().canRead(namespace)) {
            throw Failure.forbidden("The caller may not read namespace " + namespace);
        }
    }

    public void requireWrite(String namespace) {
        trace.checkedNamespace = namespace;
        if (!grants().canWrite(namespace)) {
            throw Failure.forbidden("The caller may not write namespace " + namespace);
        }
    }

    public void requireAdmin(String namespace) {
        trace.checkedNamespace = namespace;
        if (!grants().canAdminister(namespace)) {
            throw Failure.forbidden("The caller may not administer namespace " + namespace);
        }
    }

    public boolean canWrite(String namespace) {
        return grants().canWrite(namespace);
    }

    public boolean canRead(String namespace) {
        return grants().canRead(namespace);
    }

    /** The namespaces this caller may search, or empty for all. */
    public Optional<Set<String>> readableNamespaces() {
        return grants().readableNamespaces();
    }

    private NamespaceGrants grants() {
        if (grants == null) {
            Set<String> groups = token == null ? null : token.getGroups();
            grants = new NamespaceGrants(groups == null ? Set.of() : groups);
        }
        return grants;
    }
}
