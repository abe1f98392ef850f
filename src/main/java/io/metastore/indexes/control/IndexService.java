package io.metastore.indexes.control;

import io.metastore.platform.Failure;
import io.metastore.platform.LocalTransaction;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Declares, reads and deletes index declarations. Each call is one short local transaction on a pooled connection;
 * the physical index is the builder's business, after the declaration committed ({@link IndexBuilder#wake}), so a
 * declaration answers at once and a refused one leaves nothing behind in PostgreSQL.
 */
@ApplicationScoped
public class IndexService {

    /** The first key of the transaction-scoped advisory lock that queues declarations in one namespace. */
    private static final int NAMESPACE_LOCK = 0x4d534e53;

    /** What a declaration did: a build started (a new declaration, or a failed one declared again), or nothing. */
    public record Declared(IndexDeclaration declaration, boolean buildStarted) {
    }

    @Resource(lookup = "jdbc/metastore")
    DataSource database;

    @Inject
    @ConfigProperty(name = "metastore.indexes.max-per-namespace", defaultValue = "10")
    int maxPerNamespace;

    @Inject
    IndexBuilder builder;

    /**
     * The same declaration again changes nothing (a failed one builds anew); another under the same name, a second
     * index on the same field and type, or one beyond {@code metastore.indexes.max-per-namespace} is a conflict.
     * Declarations in one namespace queue on an advisory lock, so two at once cannot both pass the limit.
     */
    public Declared declare(String namespace, String name, IndexDefinition definition, String principal) {
        Declared declared = inTransaction(connection -> {
            lockNamespace(connection, namespace);
            Optional<IndexDeclaration> existing = IndexDeclarations.find(connection, namespace, name, true);
            if (existing.isPresent()) {
                return again(connection, existing.get(), definition);
            }
            List<IndexDeclaration> others = IndexDeclarations.inNamespace(connection, namespace);
            if (others.size() >= maxPerNamespace) {
                throw Failure.conflict("Namespace " + namespace + " already has " + others.size()
                        + " declared indexes, the most metastore.indexes.max-per-namespace allows; delete one first");
            }
            for (IndexDeclaration other : others) {
                if (other.definition().equals(definition)) {
                    throw Failure.conflict("Index " + other.name() + " of namespace " + namespace + " already holds "
                            + definition.field() + " as " + definition.type().jsonName);
                }
            }
            IndexDeclaration created = new IndexDeclaration(namespace, name, definition, IndexState.BUILDING, null,
                    Instant.now().truncatedTo(ChronoUnit.MICROS), principal);
            IndexDeclarations.insert(connection, created);
            return new Declared(created, true);
        });
        if (declared.buildStarted()) {
            builder.wake();
        }
        return declared;
    }

    private static Declared again(Connection connection, IndexDeclaration existing, IndexDefinition definition)
            throws SQLException {
        if (!existing.definition().equals(definition)) {
            throw Failure.conflict("Index " + existing.name() + " of namespace " + existing.namespace()
                    + " is declared on " + existing.definition().field() + " as "
                    + existing.definition().type().jsonName + "; delete it before declaring another under its name");
        }
        if (existing.state() != IndexState.FAILED) {
            return new Declared(existing, false);
        }
        IndexDeclarations.restart(connection, existing.indexName());
        return new Declared(new IndexDeclaration(existing.namespace(), existing.name(), definition,
                IndexState.BUILDING, null, existing.createdAt(), existing.createdBy()), true);
    }

    public IndexDeclaration find(String namespace, String name) {
        return inTransaction(connection -> IndexDeclarations.find(connection, namespace, name, false))
                .orElseThrow(() -> notFound(namespace, name));
    }

    /** The namespace's declarations in name order. */
    public List<IndexDeclaration> list(String namespace) {
        return inTransaction(connection -> IndexDeclarations.inNamespace(connection, namespace));
    }

    /**
     * Deletes the declaration at once: search stops counting on the index when it next reads the declarations, and
     * the builder drops the index concurrently (also one still being built, once its build ends).
     */
    public void delete(String namespace, String name) {
        if (!inTransaction(connection -> IndexDeclarations.delete(connection, namespace, name))) {
            throw notFound(namespace, name);
        }
        builder.wake();
    }

    private static Failure notFound(String namespace, String name) {
        return Failure.notFound("No index " + name + " is declared in namespace " + namespace);
    }

    private static void lockNamespace(Connection connection, String namespace) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, NAMESPACE_LOCK);
            lock.setInt(2, namespace.hashCode());
            lock.execute();
        }
    }

    private <T> T inTransaction(LocalTransaction.Work<T> work) {
        return LocalTransaction.run(database, "an index declaration statement", work);
    }
}
