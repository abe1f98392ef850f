package io.metastore.search.boundary;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of a search request, for the OpenAPI document (the parser validates the JSON tree itself). */
@Schema(name = "SearchRequest", additionalProperties = Schema.False.class)
public record SearchRequest(
        @Schema(description = "which records match; absent: every record of the namespaces the caller may read")
        Filter filter,
        @Schema(description = "project each item to these fields (metadata paths nested) plus key", maxItems = 256,
                examples = "[\"key\", \"version\", \"metadata.size\"]") List<String> fields,
        @Schema(description = "each field at most once; default: key ascending", maxItems = 8) List<Sort> sort,
        @Schema(minimum = "1", maximum = "1000", defaultValue = "50") Integer limit,
        @Schema(nullable = true, description = "nextCursor of the previous page, with the same filter and sort")
        String cursor,
        @Schema(defaultValue = "false", description = "also match soft-deleted records") Boolean includeDeleted,
        @Schema(defaultValue = "false", description = "also answer the total number of matches") Boolean count) {

    @Schema(name = "SearchSort", additionalProperties = Schema.False.class)
    public record Sort(@Schema(required = true, examples = "metadata.size") String field,
                       @Schema(enumeration = {"asc", "desc"}, defaultValue = "asc") String direction) {
    }

    /**
     * The filter language: a comparison, or {@code and}, {@code or}, {@code not} around filters, nested at most 32
     * levels deep.
     */
    @Schema(name = "Filter", description = "a comparison {field, op, value}, or {and: [...]}, {or: [...]}, "
            + "{not: {...}} around filters; and, or and not nest at most 32 levels deep",
            oneOf = {Comparison.class, And.class, Or.class, Not.class})
    public sealed interface Filter permits Comparison, And, Or, Not {
    }

    @Schema(name = "FilterComparison", additionalProperties = Schema.False.class,
            description = "Metadata comparisons follow the JSON type of value: numbers compare numerically, strings "
                    + "by code point; a record whose value has another type does not match")
    public record Comparison(
            @Schema(required = true, description = "key, namespace, owner, tags, version, createdAt, updatedAt, "
                    + "deletedAt, createdBy, updatedBy, metadata, or a metadata.<a>.<b> path",
                    examples = "metadata.size") String field,
            @Schema(required = true, enumeration = {"eq", "neq", "lt", "lte", "gt", "gte", "between", "in",
                    "contains", "starts_with", "has_key", "array_contains", "exists"}) String op,
            @Schema(description = "any JSON value as the operator needs: [lo, hi] for between, a list for in and "
                    + "array_contains, a key for has_key, absent for exists", examples = "1000") Object value)
            implements Filter {
    }

    @Schema(name = "FilterAnd", additionalProperties = Schema.False.class)
    public record And(@Schema(required = true, minItems = 1, description = "every filter matches") List<Filter> and)
            implements Filter {
    }

    @Schema(name = "FilterOr", additionalProperties = Schema.False.class)
    public record Or(@Schema(required = true, minItems = 1, description = "at least one filter matches")
                     List<Filter> or) implements Filter {
    }

    @Schema(name = "FilterNot", additionalProperties = Schema.False.class)
    public record Not(@Schema(required = true, description = "matches exactly where this filter does not")
                      Filter not) implements Filter {
    }
}
