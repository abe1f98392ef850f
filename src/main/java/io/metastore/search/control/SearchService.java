package io.metastore.search.control;

import io.metastore.search.control.query.SearchQuery;
import io.metastore.search.control.sql.CompiledSearch;
import io.metastore.search.control.sql.SearchCompiler;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Runs a search in a container-managed transaction, on the JDBC connection Hibernate holds for it: the compiled SQL
 * is native PostgreSQL (jsonb operators, keyset predicates) that JPQL cannot express.
 */
@Stateless
public class SearchService {

    @PersistenceContext(unitName = "metastore")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "metastore.search.statement-timeout", defaultValue = "5s")
    String statementTimeout;

    private final SearchCompiler compiler = new SearchCompiler();

    /** @param readableNamespaces the namespaces the caller may read, or empty for all */
    public SearchPage search(SearchQuery query, Optional<Set<String>> readableNamespaces) {
        CompiledSearch compiled = compiler.compile(query, readableNamespaces);
        SearchExecutor executor = new SearchExecutor(statementTimeout);
        return em.unwrap(Session.class).doReturningWork(connection -> executor.execute(connection, compiled));
    }
}
