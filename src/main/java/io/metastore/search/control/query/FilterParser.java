package io.metastore.search.control.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Failure;
import io.metastore.platform.JsonMembers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code filter} tree of a search request, rejecting anything the language does not define. */
final class FilterParser {

    /**
     * Most levels of {@code and}, {@code or} and {@code not} on any path from the root filter (level 1) down to a
     * comparison, so compiling and planning stay cheap.
     */
    static final int MAX_DEPTH = 32;
    /**
     * Most comparisons in one filter, an {@code in} list counting one for each of its values (at least one): it is a
     * disjunction of {@code eq} and compiles to one. Parsing, compiling, binding and planning grow with them
     * (docs/limits.md).
     */
    static final int MAX_COMPARISONS = 4_096;

    private static final Set<String> COMPARISON_MEMBERS = Set.of("field", "op", "value");

    /** Comparisons read so far, in document order. */
    private int comparisons;

    private FilterParser() {
    }

    static Filter parse(JsonNode node, String path) {
        return new FilterParser().parse(node, path, 1);
    }

    /** @param depth the level {@code node} is at if it is a combinator */
    private Filter parse(JsonNode node, String path, int depth) {
        if (!node.isObject()) {
            throw Failure.invalid(path, "must be an object: a comparison, and, or, or not");
        }
        if (node.size() == 1) {
            Map.Entry<String, JsonNode> only = node.properties().iterator().next();
            String memberPath = path + "." + only.getKey();
            if (Set.of("and", "or", "not").contains(only.getKey()) && depth > MAX_DEPTH) {
                throw Failure.invalid(path, "and, or and not nest at most " + MAX_DEPTH + " levels deep");
            }
            switch (only.getKey()) {
                case "and" -> {
                    return new Filter.And(operands(only.getValue(), memberPath, depth));
                }
                case "or" -> {
                    return new Filter.Or(operands(only.getValue(), memberPath, depth));
                }
                case "not" -> {
                    return new Filter.Not(parse(only.getValue(), memberPath, depth + 1));
                }
                default -> {
                    // a comparison with a single member: reported below
                }
            }
        }
        return comparison(node, path);
    }

    private List<Filter> operands(JsonNode list, String path, int depth) {
        if (!list.isArray() || list.isEmpty()) {
            throw Failure.invalid(path, "must be a non-empty array of filters");
        }
        List<Filter> operands = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            operands.add(parse(list.get(i), path + "[" + i + "]", depth + 1));
        }
        return operands;
    }

    private Filter comparison(JsonNode node, String path) {
        JsonMembers.requireKnown(node, path, COMPARISON_MEMBERS,
                "a filter is {field, op, value}, {and: [...]}, {or: [...]} or {not: {...}}");
        Field field = Field.parse(requiredText(node, "field", path), path + ".field");
        String opName = requiredText(node, "op", path);
        Operator op = Operator.byJsonName(opName)
                .orElseThrow(() -> Failure.invalid(path + ".op", "unknown operator '" + opName + "'"));
        JsonNode value = node.get("value");
        ComparisonRules.check(field, op, value, path);
        count(op == Operator.IN && !value.isEmpty() ? value : null, path);
        return new Filter.Comparison(field, op, value);
    }

    /**
     * Counts one comparison, or the values of an in list; beyond the bound, names the comparison or the in-list
     * value that does not fit.
     *
     * @param inList the values of a non-empty in list, or null
     */
    private void count(JsonNode inList, String path) {
        int room = MAX_COMPARISONS - comparisons;
        int added = inList == null ? 1 : inList.size();
        if (added > room) {
            throw Failure.invalid(inList == null ? path : path + ".value[" + room + "]", "a filter holds at most "
                    + MAX_COMPARISONS + " comparisons; an in list counts one for each of its values");
        }
        comparisons += added;
    }

    private static String requiredText(JsonNode node, String member, String path) {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual()) {
            throw Failure.invalid(path + "." + member, "a string is required");
        }
        return value.textValue();
    }
}
