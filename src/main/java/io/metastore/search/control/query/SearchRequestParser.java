package io.metastore.search.control.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Failure;
import io.metastore.platform.JsonMembers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@code POST /records/search} body into a {@link SearchQuery}. Every rejection is a 400 naming the JSON path
 * of the offending value. A member that is JSON null counts as absent.
 */
public final class SearchRequestParser {

    private static final Set<String> MEMBERS =
            Set.of("filter", "fields", "sort", "limit", "cursor", "includeDeleted", "count");
    private static final Set<String> SORT_MEMBERS = Set.of("field", "direction");
    /** Most sort keys: each costs up to five sort expressions, which PostgreSQL computes for every candidate row. */
    public static final int MAX_SORT_KEYS = 8;
    /** Most projected paths: each is looked up in every item of the page. */
    public static final int MAX_FIELDS = 256;

    public SearchQuery parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Failure.invalid("", "the request body must be a JSON object");
        }
        JsonMembers.requireKnown(body, "", MEMBERS, "filter, fields, sort, limit, cursor, includeDeleted, count");
        Optional<Filter> filter = member(body, "filter").map(node -> FilterParser.parse(node, "filter"));
        List<Field> fields = member(body, "fields").map(SearchRequestParser::fields).orElse(List.of());
        List<SortKey> sort = member(body, "sort").map(SearchRequestParser::sort).orElse(List.of());
        int limit = member(body, "limit").map(SearchRequestParser::limit).orElse(SearchQuery.DEFAULT_LIMIT);
        String cursor = member(body, "cursor").map(node -> text(node, "cursor")).orElse(null);
        boolean includeDeleted = member(body, "includeDeleted").map(n -> bool(n, "includeDeleted")).orElse(false);
        boolean count = member(body, "count").map(n -> bool(n, "count")).orElse(false);
        return new SearchQuery(filter, fields, sort, limit, cursor, includeDeleted, count);
    }

    private static Optional<JsonNode> member(JsonNode body, String name) {
        return Optional.ofNullable(body.get(name)).filter(node -> !node.isNull());
    }

    private static List<Field> fields(JsonNode list) {
        requireArray(list, "fields");
        requireAtMost(list, MAX_FIELDS, "fields", "paths");
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "fields[" + i + "]";
            fields.add(Field.parse(text(list.get(i), path), path));
        }
        return fields;
    }

    private static List<SortKey> sort(JsonNode list) {
        requireArray(list, "sort");
        requireAtMost(list, MAX_SORT_KEYS, "sort", "keys");
        List<SortKey> sort = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            SortKey key = sortKey(list.get(i), "sort[" + i + "]");
            if (sort.stream().anyMatch(earlier -> earlier.field().equals(key.field()))) {
                throw Failure.invalid("sort[" + i + "].field", "sorts by " + key.field().name() + " a second time");
            }
            sort.add(key);
        }
        return sort;
    }

    /** Names the first element beyond the bound. */
    private static void requireAtMost(JsonNode list, int most, String path, String what) {
        if (list.size() > most) {
            throw Failure.invalid(path + "[" + most + "]", path + " holds at most " + most + " " + what);
        }
    }

    private static SortKey sortKey(JsonNode node, String path) {
        if (!node.isObject()) {
            throw Failure.invalid(path, "must be an object {field, direction}");
        }
        JsonMembers.requireKnown(node, path, SORT_MEMBERS, "field, direction");
        String fieldPath = path + ".field";
        Field field = Field.parse(text(node.path("field"), fieldPath), fieldPath);
        if (field.root() == RecordField.TAGS || field.root() == RecordField.METADATA && !field.isMetadataPath()) {
            throw Failure.invalid(fieldPath, "cannot sort by " + field.name()
                    + "; sort by a column or a metadata path");
        }
        String direction = node.hasNonNull("direction") ? text(node.get("direction"), path + ".direction") : "asc";
        return switch (direction) {
            case "asc" -> new SortKey(field, false);
            case "desc" -> new SortKey(field, true);
            default -> throw Failure.invalid(path + ".direction", "must be asc or desc");
        };
    }

    private static int limit(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1
                || node.intValue() > SearchQuery.MAX_LIMIT) {
            throw Failure.invalid("limit", "must be an integer from 1 to " + SearchQuery.MAX_LIMIT);
        }
        return node.intValue();
    }

    private static void requireArray(JsonNode node, String path) {
        if (!node.isArray()) {
            throw Failure.invalid(path, "must be an array");
        }
    }

    private static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw Failure.invalid(path, "must be a string");
        }
        return node.textValue();
    }

    private static boolean bool(JsonNode node, String path) {
        if (!node.isBoolean()) {
            throw Failure.invalid(path, "must be true or false");
        }
        return node.booleanValue();
    }
}
