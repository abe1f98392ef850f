package io.metastore.search.control.query;

import static io.metastore.search.control.query.Operator.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Failure;
import io.metastore.platform.Violation;
import io.metastore.records.control.StorableJson;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which operators each field accepts and which value shapes each operator takes there. The compiler relies on these
 * checks: a comparison that reaches it has a value of the shape named here.
 */
final class ComparisonRules {

    /** Longest {@code in} and {@code array_contains} list. */
    static final int MAX_LIST_VALUES = 1000;

    private static final Set<Operator> ORDERED = EnumSet.of(EQ, NEQ, LT, LTE, GT, GTE, BETWEEN, IN);
    private static final Set<Operator> STRING_OPS = union(ORDERED, EnumSet.of(CONTAINS, STARTS_WITH));
    private static final Set<Operator> TAGS_OPS = EnumSet.of(ARRAY_CONTAINS, CONTAINS);
    private static final Set<Operator> METADATA_OBJECT_OPS = EnumSet.of(EQ, NEQ, CONTAINS, HAS_KEY);
    private static final Set<Operator> METADATA_PATH_OPS = EnumSet.allOf(Operator.class);

    private ComparisonRules() {
    }

    /** @param path where the comparison object stands in the request, e.g. {@code filter.and[2]} */
    static void check(Field field, Operator op, JsonNode value, String path) {
        Set<Operator> accepted = operatorsOf(field);
        if (!accepted.contains(op)) {
            throw Failure.invalid(path + ".op", "'" + op.jsonName + "' does not apply to " + field.name()
                    + "; it takes " + accepted.stream().map(o -> o.jsonName).collect(Collectors.joining(", ")));
        }
        String valuePath = path + ".value";
        if (op == EXISTS) {
            if (value != null) {
                throw Failure.invalid(valuePath, "exists takes no value");
            }
            return;
        }
        if (value == null) {
            throw Failure.invalid(valuePath, "'" + op.jsonName + "' needs a value");
        }
        checkShape(field, op, value, valuePath);
        List<Violation> unstorable = new ArrayList<>();
        StorableJson.check(valuePath, value, unstorable);
        if (!unstorable.isEmpty()) {
            throw Failure.invalid(unstorable);
        }
    }

    private static Set<Operator> operatorsOf(Field field) {
        return switch (field.root().kind) {
            case STRING -> STRING_OPS;
            case INTEGER, TIMESTAMP -> ORDERED;
            case TAGS -> TAGS_OPS;
            case METADATA -> field.isMetadataPath() ? METADATA_PATH_OPS : METADATA_OBJECT_OPS;
        };
    }

    private static void checkShape(Field field, Operator op, JsonNode value, String path) {
        switch (op) {
            case EQ, NEQ -> requireEquatable(field, value, path);
            case LT, LTE, GT, GTE -> requireOrdered(field, value, path);
            case BETWEEN -> requireRange(field, value, path);
            case IN -> {
                requireList(value, path);
                for (int i = 0; i < value.size(); i++) {
                    requireEquatable(field, value.get(i), path + "[" + i + "]");
                }
            }
            case CONTAINS -> requireContainable(field, value, path);
            case STARTS_WITH, HAS_KEY -> require(value.isTextual(), path, "must be a string");
            case ARRAY_CONTAINS -> requireMembers(field, value, path);
            case EXISTS -> throw new IllegalStateException("exists has no value");
        }
    }

    private static void requireEquatable(Field field, JsonNode value, String path) {
        if (value.isNull() && field.root().nullable) {
            return;
        }
        switch (field.root().kind) {
            case METADATA -> require(field.isMetadataPath() || value.isObject(), path, "must be a JSON object");
            default -> requireOrdered(field, value, path);
        }
    }

    private static void requireOrdered(Field field, JsonNode value, String path) {
        switch (field.root().kind) {
            case STRING -> require(value.isTextual(), path, "must be a string");
            case INTEGER -> require(value.isIntegralNumber() && value.canConvertToLong(), path, "must be an integer");
            case TIMESTAMP -> require(value.isTextual() && Rfc3339.parse(value.textValue()).isPresent(), path,
                    "must be an RFC 3339 timestamp such as 2026-11-27T20:00:00Z");
            case METADATA -> require(value.isNumber() || value.isTextual(), path,
                    "must be a number or a string (only they have an order)");
            case TAGS -> throw new IllegalStateException("tags have no order");
        }
    }

    private static void requireRange(Field field, JsonNode value, String path) {
        require(value.isArray() && value.size() == 2, path, "must be [low, high]");
        requireOrdered(field, value.get(0), path + "[0]");
        requireOrdered(field, value.get(1), path + "[1]");
        require(value.get(0).getNodeType() == value.get(1).getNodeType(), path,
                "low and high must have the same JSON type");
    }

    private static void requireContainable(Field field, JsonNode value, String path) {
        switch (field.root().kind) {
            case STRING -> require(value.isTextual(), path, "must be a string");
            case TAGS -> requireMembers(field, value, path);
            default -> require(field.isMetadataPath() ? value.isContainerNode() || value.isTextual()
                    : value.isObject(), path, field.isMetadataPath()
                    ? "must be a string (substring), an object or an array (JSON containment)"
                    : "must be a JSON object");
        }
    }

    /** Array members: strings for tags; scalars for metadata, whose containment is exact only for scalars. */
    private static void requireMembers(Field field, JsonNode value, String path) {
        requireList(value, path);
        for (int i = 0; i < value.size(); i++) {
            JsonNode member = value.get(i);
            String memberPath = path + "[" + i + "]";
            if (field.root() == RecordField.TAGS) {
                require(member.isTextual(), memberPath, "must be a string");
            } else {
                require(member.isValueNode(), memberPath,
                        "must be a string, number, boolean or null; use contains for objects and arrays");
            }
        }
    }

    /** An array of at most {@link #MAX_LIST_VALUES}; beyond, names the first value that does not fit. */
    private static void requireList(JsonNode value, String path) {
        require(value.isArray(), path, "must be an array");
        require(value.size() <= MAX_LIST_VALUES, path + "[" + MAX_LIST_VALUES + "]",
                "a list holds at most " + MAX_LIST_VALUES + " values");
    }

    private static void require(boolean condition, String path, String message) {
        if (!condition) {
            throw Failure.invalid(path, message);
        }
    }

    private static Set<Operator> union(Set<Operator> a, Set<Operator> b) {
        Set<Operator> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
