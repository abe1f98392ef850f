package io.metastore.search.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Json;
import io.metastore.records.boundary.RecordRepresentation;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.search.control.query.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shapes a search result item: the full representation, or only the requested fields plus {@code key}. Metadata
 * paths stay nested ({@code metadata.size} gives {@code {"metadata":{"size":...}}}); a path the record lacks is left
 * out, so absent and null stay distinguishable.
 */
public final class Projection {

    private final List<Field> fields;

    public Projection(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    /**
     * The item to answer: without fields the representation itself, written straight to the response (copying it into
     * a tree first cost a third of a search's JSON work); with fields a tree of the requested members.
     */
    public Object apply(RecordSnapshot record) {
        RecordRepresentation representation = RecordRepresentation.of(record);
        if (fields.isEmpty()) {
            return representation;
        }
        ObjectNode full = Json.MAPPER.valueToTree(representation);
        ObjectNode projected = Json.MAPPER.createObjectNode();
        projected.set("key", full.get("key"));
        for (Field field : fields) {
            List<String> names = new ArrayList<>();
            names.add(field.root().jsonName);
            names.addAll(field.path());
            find(full, names).ifPresent(value -> place(projected, names, value));
        }
        return projected;
    }

    private static Optional<JsonNode> find(JsonNode root, List<String> names) {
        JsonNode node = root;
        for (String name : names) {
            node = node.isObject() ? node.get(name) : null;
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /** Sets the value at the nested names, creating the enclosing objects a previous field did not. */
    private static void place(ObjectNode root, List<String> names, JsonNode value) {
        ObjectNode target = root;
        for (String name : names.subList(0, names.size() - 1)) {
            JsonNode child = target.get(name);
            if (child == null) {
                child = target.putObject(name);
            }
            // an existing child is an object: find() reached the value through it (setting the same member of a
            // node a broader field copied whole changes nothing)
            target = (ObjectNode) child;
        }
        target.set(names.get(names.size() - 1), value);
    }
}
