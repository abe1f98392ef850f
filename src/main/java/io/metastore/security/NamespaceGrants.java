package io.metastore.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Namespace grants parsed from a token's groups. {@code admin} implies {@code write}, which implies {@code read}
 * (API.md); {@code *} stands for every namespace. Groups that are not grants are ignored.
 */
public final class NamespaceGrants {

    private static final String WILDCARD = "*";

    private final Set<String> readable = new HashSet<>();
    private final Set<String> writable = new HashSet<>();
    private final Set<String> administrable = new HashSet<>();

    public NamespaceGrants(Collection<String> groups) {
        for (String group : groups) {
            int colon = group.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            String namespace = group.substring(0, colon);
            switch (group.substring(colon + 1)) {
                case "admin" -> {
                    administrable.add(namespace);
                    writable.add(namespace);
                    readable.add(namespace);
                }
                case "write" -> {
                    writable.add(namespace);
                    readable.add(namespace);
                }
                case "read" -> readable.add(namespace);
                default -> {
                    // not a namespace grant
                }
            }
        }
    }

    public boolean canRead(String namespace) {
        return readable.contains(WILDCARD) || readable.contains(namespace);
    }

    public boolean canWrite(String namespace) {
        return writable.contains(WILDCARD) || writable.contains(namespace);
    }

    /** Whether the caller may declare and drop the namespace's indexes: admin only, write is not enough. */
    public boolean canAdminister(String namespace) {
        return administrable.contains(WILDCARD) || administrable.contains(namespace);
    }

    /** The namespaces a search may return, or empty when every namespace is readable. */
    public Optional<Set<String>> readableNamespaces() {
        return readable.contains(WILDCARD) ? Optional.empty() : Optional.of(Set.copyOf(readable));
    }
}
