package io.metastore.indexes.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * Builds declared indexes in a test database with the service's own DDL, as the builder does, for tests outside this
 * package that compare searches with and without them.
 */
public final class DeclaredIndexFixture {

    private DeclaredIndexFixture() {
    }

    /**
     * Builds the index of a declaration of {@code field} as {@code type} in {@code namespace} (CONCURRENTLY, so the
     * connection must be in autocommit) and answers the declaration as ready.
     */
    public static IndexDeclaration build(Connection autocommit, String namespace, String field, IndexType type)
            throws SQLException {
        IndexDefinition definition = new IndexDefinition(IndexDefinition.parseField(field, "field"), type);
        IndexDeclaration declaration = new IndexDeclaration(namespace, field + "-" + type.jsonName, definition,
                IndexState.READY, null, Instant.parse("2026-11-29T00:00:00Z"), "tester");
        try (Statement statement = autocommit.createStatement()) {
            statement.execute(IndexDdl.create(declaration));
        }
        return declaration;
    }

    /** The PostgreSQL name of the index {@link #build} makes. */
    public static String indexName(IndexDeclaration declaration) {
        return declaration.indexName();
    }
}
