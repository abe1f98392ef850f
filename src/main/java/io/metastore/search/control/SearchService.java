package io.metastore.search.control;

import io.metastore.indexes.control.IndexCatalog;
import io.metastore.platform.LocalTransaction;
import io.metastore.search.control.query.SearchQuery;
import io.metastore.search.control.sql.CompiledSearch;
import io.metastore.search.control.sql.SearchCompiler;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a search in a local transaction of its own on a pooled connection: the compiled SQL is native PostgreSQL
 * (jsonb operators, keyset predicates) that JPQL cannot express, and a read of one statement needs neither an entity
 * manager nor a container transaction (opening both cost a fifth of a search's CPU in the service). The transaction
 * only scopes the executor's settings, which end with it.
 */
@ApplicationScoped
public class SearchService {

    @Resource(lookup = "jdbc/metastore")
    DataSource database;

    @Inject
    @ConfigProperty(name = "metastore.search.statement-timeout", defaultValue = "5s")
    String statementTimeout;

    @Inject
    IndexCatalog indexes;

    private final SearchCompiler compiler = new SearchCompiler();

    /** @param readableNamespaces the namespaces the caller may read, or empty for all */
    public SearchPage search(SearchQuery query, Optional<Set<String>> readableNamespaces) {
        CompiledSearch compiled = compiler.compile(query, readableNamespaces, indexes.ready());
        SearchExecutor executor = new SearchExecutor(statementTimeout);
        return LocalTransaction.run(database, "a search statement",
                connection -> executor.execute(connection, compiled));
    }
}
