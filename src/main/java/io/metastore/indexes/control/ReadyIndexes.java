package io.metastore.indexes.control;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared indexes search may count on, by namespace and metadata path: those that were ready when the
 * declarations were last read. An index dropped since then costs a search its speed, never its result: the SQL a search
 * writes for an index is correct without it.
 */
public final class ReadyIndexes {

    public static final ReadyIndexes NONE = new ReadyIndexes(Map.of());

    private final Map<String, Map<List<String>, Set<IndexType>>> byNamespace;

    private ReadyIndexes(Map<String, Map<List<String>, Set<IndexType>>> byNamespace) {
        this.byNamespace = byNamespace;
    }

    /** The ready ones among {@code declarations}. */
    public static ReadyIndexes of(List<IndexDeclaration> declarations) {
        Map<String, Map<List<String>, Set<IndexType>>> ready = new HashMap<>();
        for (IndexDeclaration declaration : declarations) {
            if (declaration.state() == IndexState.READY) {
                ready.computeIfAbsent(declaration.namespace(), namespace -> new HashMap<>())
                        .merge(declaration.definition().path(), Set.of(declaration.definition().type()),
                                ReadyIndexes::union);
            }
        }
        ready.replaceAll((namespace, paths) -> Map.copyOf(paths));
        return new ReadyIndexes(Map.copyOf(ready));
    }

    private static Set<IndexType> union(Set<IndexType> one, Set<IndexType> other) {
        EnumSet<IndexType> both = EnumSet.copyOf(one);
        both.addAll(other);
        return Set.copyOf(both);
    }

    /** The types of the ready indexes on {@code path} in {@code namespace}; empty when there are none. */
    public Set<IndexType> at(String namespace, List<String> path) {
        return byNamespace.getOrDefault(namespace, Map.of()).getOrDefault(path, Set.of());
    }
}
