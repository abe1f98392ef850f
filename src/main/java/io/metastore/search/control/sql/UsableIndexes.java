package io.metastore.search.control.sql;

import io.metastore.indexes.control.IndexType;
import io.metastore.indexes.control.ReadyIndexes;
import io.metastore.search.control.query.Filter;
import io.metastore.search.control.query.Operator;
import io.metastore.search.control.query.RecordField;
import io.metastore.search.control.query.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ready declared indexes one search may use: those of the namespace its conditions keep it in. A declared index
 * is partial ({@code WHERE namespace = 'ns'}), and PostgreSQL uses it only when it can prove the search's condition
 * implies that predicate. A namespace equality in the filter's top-level conjunction does, with the value bound
 * (searches plan with their values); a key condition inside {@code ns/} or a caller who may read only {@code ns}
 * keeps the search there too; for a key condition {@link #condition} states the namespace equality PostgreSQL needs.
 */
record UsableIndexes(Optional<String> namespace, boolean stated, ReadyIndexes ready) {

    static final UsableIndexes NONE = new UsableIndexes(Optional.empty(), true, ReadyIndexes.NONE);

    static UsableIndexes of(SearchQuery query, Optional<Set<String>> readableNamespaces, ReadyIndexes ready) {
        List<Filter> conjuncts = query.filter().map(UsableIndexes::conjuncts).orElse(List.of());
        for (Filter conjunct : conjuncts) {
            Optional<String> equal = namespaceEquality(conjunct);
            if (equal.isPresent()) {
                return new UsableIndexes(equal, true, ready);
            }
        }
        for (Filter conjunct : conjuncts) {
            Optional<String> byKey = keyNamespace(conjunct);
            if (byKey.isPresent()) {
                return new UsableIndexes(byKey, false, ready);
            }
        }
        if (readableNamespaces.isPresent() && readableNamespaces.get().size() == 1) {
            // namespace = ANY('{ns}') with its value bound implies the predicate: PostgreSQL reads a short constant
            // array as the OR of its equalities
            return new UsableIndexes(readableNamespaces.get().stream().findFirst(), true, ready);
        }
        return NONE;
    }

    /** The types of the ready indexes on the metadata path in this search's namespace. */
    Set<IndexType> at(List<String> path) {
        return namespace.map(ns -> ready.at(ns, path)).orElse(Set.of());
    }

    /** {@code namespace = ns} when the search keeps to ns without saying so in a way PostgreSQL can read. */
    Optional<SqlStatement> condition() {
        return namespace.filter(ns -> !stated)
                .map(ns -> new SqlBuilder().sql("namespace = ").param(ns).build());
    }

    static List<Filter> conjuncts(Filter filter) {
        if (!(filter instanceof Filter.And and)) {
            return List.of(filter);
        }
        List<Filter> conjuncts = new ArrayList<>();
        for (Filter operand : and.operands()) {
            conjuncts.addAll(conjuncts(operand));
        }
        return conjuncts;
    }

    /** Whether the condition is a namespace equality, which keeps a search inside one namespace. */
    static boolean isNamespaceEquality(Filter filter) {
        return namespaceEquality(filter).isPresent();
    }

    private static Optional<String> namespaceEquality(Filter filter) {
        return filter instanceof Filter.Comparison c && c.field().root() == RecordField.NAMESPACE
                && c.op() == Operator.EQ && c.value().isTextual() ? Optional.of(c.value().textValue())
                : Optional.empty();
    }

    /**
     * The namespace every key a key condition accepts lies in: an equality, a prefix that holds a slash, or a range
     * whose bounds share the namespace (in code-point order whatever lies between two keys shares their common
     * prefix).
     */
    private static Optional<String> keyNamespace(Filter filter) {
        if (!(filter instanceof Filter.Comparison c) || c.field().root() != RecordField.KEY) {
            return Optional.empty();
        }
        return switch (c.op()) {
            case EQ, STARTS_WITH -> namespaceOf(c.value().textValue());
            case BETWEEN -> namespaceOf(c.value().get(0).textValue())
                    .filter(ns -> namespaceOf(c.value().get(1).textValue()).equals(Optional.of(ns)));
            default -> Optional.empty();
        };
    }

    private static Optional<String> namespaceOf(String keyOrPrefix) {
        int slash = keyOrPrefix.indexOf('/');
        return slash > 0 ? Optional.of(keyOrPrefix.substring(0, slash)) : Optional.empty();
    }
}
