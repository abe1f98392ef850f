package io.metastore.search.boundary;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of a search request, for the OpenAPI document (the parser validates the JSON tree itself). */
@Schema(name = "SearchRequest")
public record SearchRequest(
        @Schema(type = SchemaType.OBJECT, description = "a condition {field, op, value} or a combinator {and: [...]}, "
                + "{or: [...]}, {not: {...}}; ops: eq, neq, lt, lte, gt, gte, between, in, contains, starts_with, "
                + "has_key, array_contains, exists; at most 32 levels of and, or and not")
        Object filter,
        @Schema(description = "project each item to these fields (metadata paths nested) plus key", maxItems = 256,
                example = "[\"key\", \"version\", \"metadata.size\"]") List<String> fields,
        @Schema(description = "each field at most once", maxItems = 8) List<Sort> sort,
        @Schema(minimum = "1", maximum = "1000", defaultValue = "50") Integer limit,
        @Schema(nullable = true, description = "nextCursor of the previous page, with the same filter and sort")
        String cursor,
        @Schema(defaultValue = "false") Boolean includeDeleted,
        @Schema(defaultValue = "false", description = "also answer the total number of matches") Boolean count) {

    @Schema(name = "SearchSort")
    public record Sort(@Schema(required = true, example = "metadata.size") String field,
                       @Schema(enumeration = {"asc", "desc"}, defaultValue = "asc") String direction) {
    }
}
