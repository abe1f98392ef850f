package io.metastore.indexes.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A stored declaration: which index a namespace admin asked for, when and by whom, and how far its build got.
 *
 * @param error why the build failed; null unless {@code state} is failed
 */
public record IndexDeclaration(String namespace, String name, IndexDefinition definition, IndexState state,
                               String error, Instant createdAt, String createdBy) {

    /** Every physical index Metastore builds for a declaration is named so; nothing else in the schema is. */
    static final String INDEX_NAME_PREFIX = "metastore_declared_";

    /** {@link #physicalName} of this declaration. */
    public String indexName() {
        return physicalName(namespace, name, definition);
    }

    /**
     * The PostgreSQL name of the index for a declaration: the prefix and 40 hex digits of a SHA-256 over namespace,
     * name, field and type, so 59 characters (PostgreSQL cuts names at 63 bytes) that are never client text. The same
     * declaration always gets the same name, so a build interrupted by a crash finds what it left; another
     * declaration under the same name gets another, so its index is never mistaken for the old one.
     */
    static String physicalName(String namespace, String name, IndexDefinition definition) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // NUL cannot occur in any of the parts, so the joined text is unambiguous
            String declared = String.join("\0", namespace, name, definition.field(), definition.type().jsonName);
            byte[] digest = sha.digest(declared.getBytes(StandardCharsets.UTF_8));
            return INDEX_NAME_PREFIX + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
