package io.metastore.security;

import io.metastore.platform.Failure;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller of this request. The container has already verified the token (signature, issuer, expiry)
 * before a resource runs; this bean turns its claims into a principal for the audit fields and into namespace checks.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    private NamespaceGrants grants;
    private String checkedNamespace;

    public String principal() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw Failure.unauthenticated("The token has no subject (sub) claim");
        }
        return subject;
    }

    public void requireRead(String namespace) {
        checkedNamespace = namespace;
        if (!grants().canRead(namespace)) {
            throw Failure.forbidden("The caller may not read namespace " + namespace);
        }
    }

    public void requireWrite(String namespace) {
        checkedNamespace = namespace;
        if (!grants().canWrite(namespace)) {
            throw Failure.forbidden("The caller may not write namespace " + namespace);
        }
    }

    public boolean canWrite(String namespace) {
        return grants().canWrite(namespace);
    }

    public boolean canRead(String namespace) {
        return grants().canRead(namespace);
    }

    /**
     * The namespace this request last asked a grant for, granted or not: for a single-record call, its key's namespace
     * (the access log names it, also when the answer is 403).
     */
    public Optional<String> checkedNamespace() {
        return Optional.ofNullable(checkedNamespace);
    }

    /** The namespaces this caller may search, or empty for all. */
    public Optional<Set<String>> readableNamespaces() {
        return grants().readableNamespaces();
    }

    private NamespaceGrants grants() {
        if (grants == null) {
            Set<String> groups = token.getGroups();
            grants = new NamespaceGrants(groups == null ? Set.of() : groups);
        }
        return grants;
    }
}
