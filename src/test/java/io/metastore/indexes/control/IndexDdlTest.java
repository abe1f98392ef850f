package io.metastore.indexes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.platform.Failure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DDL of declared indexes: the expressions search writes (a declared index serves a search only when PostgreSQL
 * finds the same expression), physical names that no client text shapes and PostgreSQL never truncates, literals that
 * stay literals. That PostgreSQL then uses the indexes is DeclaredIndexSearchPostgresTest's business.
 */
class IndexDdlTest {

    private static IndexDeclaration declaration(String namespace, String name, String field, IndexType type) {
        return new IndexDeclaration(namespace, name, new IndexDefinition(IndexDefinition.parseField(field, "field"),
                type), IndexState.BUILDING, null, Instant.EPOCH, "tester");
    }

    @Test
    void aNumberIndexHoldsTheNumericValueAndTheKeyForItsNamespaceOnly() {
        IndexDeclaration accuracy = declaration("models", "by-accuracy", "metadata.metrics.accuracy", IndexType.NUMBER);
        assertEquals("CREATE INDEX CONCURRENTLY \"" + accuracy.indexName() + "\" ON metastore.metastore_records ("
                + "(CASE WHEN jsonb_typeof(metadata -> 'metrics' -> 'accuracy') = 'number' THEN "
                + "CAST(metadata -> 'metrics' -> 'accuracy' AS numeric) END), key) WHERE namespace = 'models'",
                IndexDdl.create(accuracy));
    }

    @Test
    void aStringIndexHoldsAPrefixInCodePointOrder() {
        IndexDeclaration owner = declaration("a.b-c_d", "x", "metadata.owner", IndexType.STRING);
        assertEquals("CREATE INDEX CONCURRENTLY \"" + owner.indexName() + "\" ON metastore.metastore_records ("
                + "left((CASE WHEN jsonb_typeof(metadata -> 'owner') = 'string' THEN (metadata -> 'owner' #>> '{}') "
                + "END) COLLATE \"C\", 100), key) WHERE namespace = 'a.b-c_d'", IndexDdl.create(owner));
    }

    @Test
    void dropsConcurrentlyAndOnlyIfThere() {
        assertEquals("DROP INDEX CONCURRENTLY IF EXISTS metastore.\"metastore_declared_00\"",
                IndexDdl.drop("metastore_declared_00"));
    }

    @Test
    void quotesLiteralsAndIdentifiers() {
        assertEquals("'it''s'", IndexDdl.literal("it's"));
        assertEquals("\"a\"\"b\"", IndexDdl.identifier("a\"b"));
    }

    /** The longest name and namespace, in characters of four UTF-8 bytes: still 59 ASCII characters. */
    @Test
    void physicalNamesAreShortHexAndStable() {
        String longName = "😀".repeat(512);
        String longNamespace = "n".repeat(63);
        IndexDeclaration declaration = declaration(longNamespace, longName, "metadata.a", IndexType.STRING);
        String name = declaration.indexName();
        assertTrue(name.matches("metastore_declared_[0-9a-f]{40}"), name);
        assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 63);
        assertEquals(name, declaration(longNamespace, longName, "metadata.a", IndexType.STRING).indexName());
        assertNotEquals(name, declaration(longNamespace, longName, "metadata.a", IndexType.NUMBER).indexName());
        assertNotEquals(name, declaration(longNamespace, longName, "metadata.b", IndexType.STRING).indexName());
        assertNotEquals(declaration("a", "bc", "metadata.a", IndexType.NUMBER).indexName(),
                declaration("ab", "c", "metadata.a", IndexType.NUMBER).indexName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata", "size", "key", "tags.a", "metadata.", "metadata..a", "metadata.a'b",
            "metadata.a b", "metadata.a\\b", "meta.data", "Metadata.a"})
    void onlyMetadataPathsAreFields(String field) {
        Failure refused = assertThrows(Failure.class, () -> IndexDefinition.parseField(field, "field"));
        assertEquals("field", refused.violations().get(0).path());
    }

    @Test
    void fieldsUpToTheSearchDepthAreAccepted() {
        String deepest = "metadata" + ".a".repeat(16);
        assertEquals(16, IndexDefinition.parseField(deepest, "field").size());
        assertThrows(Failure.class, () -> IndexDefinition.parseField(deepest + ".a", "field"));
        assertEquals("metadata.x.y", new IndexDefinition(List.of("x", "y"), IndexType.NUMBER).field());
    }

    @Test
    void aStringPrefixCountsCodePoints() {
        assertEquals("😀".repeat(100), IndexType.prefix("😀".repeat(101)));
        assertEquals("abc", IndexType.prefix("abc"));
        assertEquals("", IndexType.prefix(""));
        assertEquals("x".repeat(100), IndexType.prefix("x".repeat(100) + "y"));
    }
}
