package io.metastore.search.control.query;

import java.util.List;
import java.util.Optional;

/**
 * A validated search request. {@code fields} empty means the full representation; {@code sort} empty means key
 * order; {@code cursor} is the opaque token from a previous page, or null for the first page.
 */
public record SearchQuery(Optional<Filter> filter, List<Field> fields, List<SortKey> sort, int limit, String cursor,
                          boolean includeDeleted, boolean count) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public SearchQuery {
        fields = List.copyOf(fields);
        sort = List.copyOf(sort);
    }
}
