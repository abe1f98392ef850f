package io.metastore.indexes.control;

import java.util.List;

/**
 * The DDL of a declared index. PostgreSQL cannot bind parameters in DDL, so the statement is text; everything in it
 * is either fixed here, a name made by {@link IndexDeclaration#physicalName} (hex digits), or a namespace and path
 * segments that passed their grammars (no quote, backslash or whitespace can reach this far), and even those are
 * written as properly quoted literals and identifiers.
 */
final class IndexDdl {

    static final String SCHEMA = "metastore";
    static final String RECORDS = SCHEMA + ".metastore_records";

    private IndexDdl() {
    }

    /**
     * A partial B-tree on the declared expression and the key, for the namespace's records only: the key makes the
     * order of equal values the order a search pages in, and the predicate is the {@code namespace = ...} a search
     * restricted to the namespace carries, so PostgreSQL can prove the index applies. CONCURRENTLY: writes to records
     * go on while it builds; the statement must run outside any transaction.
     */
    static String create(IndexDeclaration declaration) {
        StringBuilder sql = new StringBuilder("CREATE INDEX CONCURRENTLY ").append(identifier(declaration.indexName()))
                .append(" ON ").append(RECORDS).append(" (");
        List<String> path = declaration.definition().path();
        declaration.definition().type().key(sql::append, () -> {
            sql.append("metadata");
            for (String segment : path) {
                sql.append(" -> ").append(literal(segment));
            }
        });
        return sql.append(", key) WHERE namespace = ").append(literal(declaration.namespace())).toString();
    }

    /** Drops without blocking writes; nothing when the index is already gone. Also outside any transaction. */
    static String drop(String indexName) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + SCHEMA + "." + identifier(indexName);
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A standard string literal (standard_conforming_strings is on in every supported PostgreSQL). */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
