package io.metastore.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The one check of request objects against the members their shape defines, so that a misspelt member
 * ({@code metdata}) is a 400 naming it, never silently ignored. Every request body, bulk operation, search filter and
 * sort key goes through it.
 */
public final class JsonMembers {

    private JsonMembers() {
    }

    /**
     * @param path     the object's JSON path, empty for the request body
     * @param expected how the message describes the valid members, e.g. "metadata, tags, owner"
     * @throws Failure (invalid) naming every member outside {@code known}
     */
    public static void requireKnown(JsonNode object, String path, Set<String> known, String expected) {
        List<Violation> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(new Violation(path.isEmpty() ? name : path + "." + name, "unknown member; expected "
                        + expected));
            }
        }
        if (!unknown.isEmpty()) {
            throw Failure.invalid(unknown);
        }
    }

    /** @throws Failure (invalid at {@code path}) unless the node is a JSON object */
    public static JsonNode requireObject(JsonNode node, String path, String what) {
        if (node == null || !node.isObject()) {
            throw Failure.invalid(path, what + " must be a JSON object");
        }
        return node;
    }
}
