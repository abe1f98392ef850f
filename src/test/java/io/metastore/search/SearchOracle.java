package io.metastore.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.records.control.RecordSnapshot;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A reference evaluation of {@code POST /records/search}, written from API.md alone and sharing no code with the
 * service: which records a request matches and in which order, for a caller holding given groups, and what each item
 * of the answer holds. Tests compare the real search (every page, through its cursors) with {@link #search} and
 * {@link #item}. It assumes a valid request; validation is the parser's business and tested there.
 * <p>
 * The rules, as API.md states them: metadata comparisons follow the JSON type of the value (numbers numerically,
 * strings by code point, booleans and null by equality; another type never matches); {@code neq} and {@code not} are
 * exact negations; {@code contains} is a literal substring for a string value and JSON containment otherwise;
 * {@code has_key} needs an object; {@code array_contains} needs an array holding every listed value; sorting puts
 * records lacking a sort field last in either direction, orders mixed JSON types as PostgreSQL's jsonb ordering does,
 * and breaks ties by key; deleted records appear only with {@code includeDeleted}.
 */
public final class SearchOracle {

    private SearchOracle() {
    }

    /** Every record {@code request} matches for a caller with {@code groups}, in the request's order. */
    public static List<RecordSnapshot> search(Collection<RecordSnapshot> records, JsonNode request,
                                              Set<String> groups) {
        boolean includeDeleted = request.path("includeDeleted").asBoolean(false);
        JsonNode filter = request.path("filter");
        List<RecordSnapshot> matches = new ArrayList<>();
        for (RecordSnapshot record : records) {
            if (mayRead(groups, record.namespace()) && (includeDeleted || record.deletedAt() == null)
                    && (filter.isMissingNode() || filter.isNull() || matches(filter, record))) {
                matches.add(record);
            }
        }
        matches.sort(order(request.path("sort")));
        return matches;
    }

    /** A record as API.md represents it (timestamps RFC 3339, {@code owner} and {@code deletedAt} maybe null). */
    public static RecordSnapshot record(JsonNode representation) {
        List<String> tags = new ArrayList<>();
        representation.get("tags").forEach(tag -> tags.add(tag.textValue()));
        return new RecordSnapshot(representation.get("key").textValue(),
                (ObjectNode) representation.get("metadata").deepCopy(), tags, representation.get("owner").textValue(),
                representation.get("version").longValue(), instant(representation.get("createdAt")),
                instant(representation.get("updatedAt")), representation.get("createdBy").textValue(),
                representation.get("updatedBy").textValue(), instant(representation.get("deletedAt")));
    }

    private static Instant instant(JsonNode timestamp) {
        return timestamp.isNull() ? null : OffsetDateTime.parse(timestamp.textValue()).toInstant();
    }

    /**
     * A search item as API.md shapes it from the record's representation: the whole record, or with {@code fields}
     * only those fields plus {@code key}, metadata paths nested ({@code metadata.a.b} gives
     * {@code {"metadata": {"a": {"b": ...}}}}) and left out where the record lacks them.
     */
    public static JsonNode item(JsonNode representation, JsonNode fields) {
        if (!fields.isArray()) {
            return representation;
        }
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        project(representation, item, List.of("key"));
        for (JsonNode field : fields) {
            project(representation, item, List.of(field.textValue().split("\\.")));
        }
        return item;
    }

    /** Copies the value at {@code path} below {@code from} to the same path below {@code to}, if it is there. */
    private static void project(JsonNode from, ObjectNode to, List<String> path) {
        String member = path.get(0);
        JsonNode value = from.get(member);
        if (value == null) {
            return;
        }
        if (path.size() == 1) {
            to.set(member, value.deepCopy());
            return;
        }
        if (!value.isObject()) {
            return;
        }
        ObjectNode below = to.get(member) instanceof ObjectNode copied ? copied : JsonNodeFactory.instance.objectNode();
        project(value, below, path.subList(1, path.size()));
        if (!below.isEmpty()) {
            to.set(member, below);
        }
    }

    /** {@code <ns>:read}, {@code :write} or {@code :admin} (each implies the ones before), for ns or {@code *}. */
    public static boolean mayRead(Set<String> groups, String namespace) {
        for (String grantee : List.of(namespace, "*")) {
            for (String level : List.of("read", "write", "admin")) {
                if (groups.contains(grantee + ":" + level)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean matches(JsonNode filter, RecordSnapshot record) {
        if (filter.has("and")) {
            for (JsonNode operand : filter.get("and")) {
                if (!matches(operand, record)) {
                    return false;
                }
            }
            return true;
        }
        if (filter.has("or")) {
            for (JsonNode operand : filter.get("or")) {
                if (matches(operand, record)) {
                    return true;
                }
            }
            return false;
        }
        if (filter.has("not")) {
            return !matches(filter.get("not"), record);
        }
        return compare(filter.get("field").textValue(), filter.get("op").textValue(), filter.get("value"), record);
    }

    private static boolean compare(String field, String op, JsonNode value, RecordSnapshot record) {
        switch (op) {
            case "neq":
                return !compare(field, "eq", value, record);
            case "in":
                for (JsonNode alternative : value) {
                    if (compare(field, "eq", alternative, record)) {
                        return true;
                    }
                }
                return false;
            case "between":
                return compare(field, "gte", value.get(0), record) && compare(field, "lte", value.get(1), record);
            default:
                break;
        }
        if (field.equals("tags")) {
            // array_contains and contains: every listed tag is held
            List<String> wanted = new ArrayList<>();
            value.forEach(tag -> wanted.add(tag.textValue()));
            return record.tags().containsAll(wanted);
        }
        if (field.equals("metadata") || field.startsWith("metadata.")) {
            return compareMetadata(at(record.metadata(), field), op, value);
        }
        return compareColumn(column(field, record), op, value);
    }

    /** A record column as a comparable Java value (String, Long or Instant), null when the column is null. */
    private static Comparable<?> column(String field, RecordSnapshot record) {
        return switch (field) {
            case "key" -> record.key();
            case "namespace" -> record.namespace();
            case "owner" -> record.owner();
            case "createdBy" -> record.createdBy();
            case "updatedBy" -> record.updatedBy();
            case "version" -> record.version();
            case "createdAt" -> record.createdAt();
            case "updatedAt" -> record.updatedAt();
            case "deletedAt" -> record.deletedAt();
            default -> throw new IllegalArgumentException("unknown field " + field);
        };
    }

    private static boolean compareColumn(Comparable<?> actual, String op, JsonNode value) {
        if (op.equals("eq") && value.isNull()) {
            return actual == null;
        }
        if (actual == null) {
            return false;
        }
        if (actual instanceof String text) {
            switch (op) {
                case "contains":
                    return text.contains(value.textValue());
                case "starts_with":
                    return text.startsWith(value.textValue());
                default:
                    return ordered(op, codePointCompare(text, value.textValue()));
            }
        }
        if (actual instanceof Long number) {
            return ordered(op, Long.compare(number, value.longValue()));
        }
        Instant instant = (Instant) actual;
        return ordered(op, instant.compareTo(OffsetDateTime.parse(value.textValue()).toInstant()));
    }

    /** @param actual the value at the field, or null when the record lacks it */
    private static boolean compareMetadata(JsonNode actual, String op, JsonNode value) {
        if (actual == null) {
            return false;
        }
        switch (op) {
            case "exists":
                return true;
            case "eq":
                return sameType(actual, value) && jsonbCompare(actual, value) == 0;
            case "has_key":
                return actual.isObject() && actual.has(value.textValue());
            case "starts_with":
                return actual.isTextual() && actual.textValue().startsWith(value.textValue());
            case "contains":
                return value.isTextual() ? actual.isTextual() && actual.textValue().contains(value.textValue())
                        : contains(actual, value);
            case "array_contains":
                return actual.isArray() && contains(actual, value);
            default:
                // lt, lte, gt, gte: only numbers and strings have an order, and only against their own type
                return sameType(actual, value) && ordered(op, jsonbCompare(actual, value));
        }
    }

    private static boolean ordered(String op, int comparison) {
        return switch (op) {
            case "eq" -> comparison == 0;
            case "lt" -> comparison < 0;
            case "lte" -> comparison <= 0;
            case "gt" -> comparison > 0;
            case "gte" -> comparison >= 0;
            default -> throw new IllegalArgumentException("not an ordering operator: " + op);
        };
    }

    /**
     * JSON containment as PostgreSQL defines it below the top level: an object contains an object whose every member
     * it holds with a containing value; an array contains an array each of whose elements some element contains; a
     * scalar contains only an equal scalar.
     */
    public static boolean contains(JsonNode container, JsonNode contained) {
        if (contained.isObject()) {
            if (!container.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> members = contained.fields(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                JsonNode held = container.get(member.getKey());
                if (held == null || !contains(held, member.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (contained.isArray()) {
            if (!container.isArray()) {
                return false;
            }
            for (JsonNode wanted : contained) {
                boolean found = false;
                for (JsonNode element : container) {
                    found = found || contains(element, wanted);
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        return sameType(container, contained) && jsonbCompare(container, contained) == 0;
    }

    /** The value at a metadata field name such as {@code metadata.a.b}; null when absent. Digits name members. */
    private static JsonNode at(JsonNode metadata, String field) {
        JsonNode node = metadata;
        List<String> path = Arrays.asList(field.split("\\.")).subList(1, field.split("\\.").length);
        for (String segment : path) {
            node = node.isObject() ? node.get(segment) : null;
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    // ---------------------------------------------------------------------------------------------------- order

    private static Comparator<RecordSnapshot> order(JsonNode sort) {
        Comparator<RecordSnapshot> order = (a, b) -> 0;
        boolean keySeen = false;
        if (sort.isArray()) {
            for (JsonNode key : sort) {
                String field = key.get("field").textValue();
                boolean descending = "desc".equals(key.path("direction").asText("asc"));
                order = order.thenComparing(byField(field, descending));
                if (field.equals("key")) {
                    keySeen = true;
                    break;
                }
            }
        }
        return keySeen ? order : order.thenComparing(byField("key", false));
    }

    /** Present values in the direction asked, absent ones (null columns, missing metadata paths) after them. */
    private static Comparator<RecordSnapshot> byField(String field, boolean descending) {
        return (a, b) -> {
            Optional<Object> x = sortValue(field, a);
            Optional<Object> y = sortValue(field, b);
            if (x.isEmpty() || y.isEmpty()) {
                return Boolean.compare(x.isEmpty(), y.isEmpty());
            }
            int comparison = compareSortValues(x.get(), y.get());
            return descending ? -comparison : comparison;
        };
    }

    private static Optional<Object> sortValue(String field, RecordSnapshot record) {
        if (field.startsWith("metadata.")) {
            return Optional.ofNullable(at(record.metadata(), field));
        }
        return Optional.ofNullable(column(field, record));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareSortValues(Object x, Object y) {
        if (x instanceof JsonNode a) {
            return jsonbCompare(a, (JsonNode) y);
        }
        if (x instanceof String a) {
            return codePointCompare(a, (String) y);
        }
        return ((Comparable) x).compareTo(y);
    }

    /**
     * PostgreSQL's jsonb order: by type (null < string < number < boolean < array < object), then numbers by value,
     * strings by code point (the test databases collate C.UTF-8), false before true, arrays by length and then element
     * by element, objects by member count and then pair by pair with the keys in jsonb's storage order (shorter keys
     * first, then by bytes).
     */
    public static int jsonbCompare(JsonNode a, JsonNode b) {
        int byType = Integer.compare(typeRank(a), typeRank(b));
        if (byType != 0) {
            return byType;
        }
        if (a.isNumber()) {
            return decimal(a).compareTo(decimal(b));
        }
        if (a.isTextual()) {
            return codePointCompare(a.textValue(), b.textValue());
        }
        if (a.isBoolean()) {
            return Boolean.compare(a.booleanValue(), b.booleanValue());
        }
        if (a.isNull()) {
            return 0;
        }
        int bySize = Integer.compare(a.size(), b.size());
        if (bySize != 0) {
            return bySize;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                int byElement = jsonbCompare(a.get(i), b.get(i));
                if (byElement != 0) {
                    return byElement;
                }
            }
            return 0;
        }
        List<String> keysOfA = storageOrder(a);
        List<String> keysOfB = storageOrder(b);
        for (int i = 0; i < keysOfA.size(); i++) {
            int byKey = codePointCompare(keysOfA.get(i), keysOfB.get(i));
            if (byKey != 0) {
                return byKey;
            }
            int byValue = jsonbCompare(a.get(keysOfA.get(i)), b.get(keysOfB.get(i)));
            if (byValue != 0) {
                return byValue;
            }
        }
        return 0;
    }

    private static List<String> storageOrder(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        keys.sort(Comparator.comparingInt((String key) -> key.getBytes(StandardCharsets.UTF_8).length)
                .thenComparing(SearchOracle::codePointCompare));
        return keys;
    }

    private static int typeRank(JsonNode node) {
        if (node.isNull()) {
            return 0;
        }
        if (node.isTextual()) {
            return 1;
        }
        if (node.isNumber()) {
            return 2;
        }
        if (node.isBoolean()) {
            return 3;
        }
        return node.isArray() ? 4 : 5;
    }

    private static boolean sameType(JsonNode a, JsonNode b) {
        return typeRank(a) == typeRank(b);
    }

    private static BigDecimal decimal(JsonNode number) {
        return number.isBigDecimal() ? number.decimalValue() : new BigDecimal(number.asText());
    }

    public static int codePointCompare(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
