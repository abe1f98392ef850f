package io.metastore.records.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Json;
import io.metastore.platform.ProblemException;
import io.metastore.platform.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The client-owned part of a record: metadata, tags and owner. Everything else (version, timestamps, audit
 * principals) is assigned by the server. Instances are always valid and storable.
 */
public record RecordContent(ObjectNode metadata, List<String> tags, String owner) {

    public static final int MAX_TAGS = 256;
    public static final int MAX_TAG_LENGTH = 256;
    public static final int MAX_OWNER_LENGTH = 256;

    public RecordContent {
        tags = List.copyOf(tags);
    }

    public static RecordContent empty() {
        return new RecordContent(Json.MAPPER.createObjectNode(), List.of(), null);
    }

    /**
     * The content a create or a full replacement (PUT) states: omitted metadata becomes {}, omitted tags [], an
     * omitted owner null. Members the server assigns (key, version, timestamps...) are ignored here.
     */
    public static RecordContent fromReplacement(JsonNode body) {
        List<Violation> violations = new ArrayList<>();
        ObjectNode metadata = metadata(body.get("metadata"), violations);
        List<String> tags = tags(body.get("tags"), violations);
        String owner = owner(body.get("owner"), violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new RecordContent(metadata, tags, owner);
    }

    static ObjectNode metadata(JsonNode value, List<Violation> violations) {
        if (value == null) {
            return Json.MAPPER.createObjectNode();
        }
        if (!value.isObject()) {
            violations.add(new Violation("metadata", "must be a JSON object"));
            return null;
        }
        StorableJson.check("metadata", value, violations);
        return (ObjectNode) value;
    }

    static List<String> tags(JsonNode value, List<Violation> violations) {
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            violations.add(new Violation("tags", "must be an array of distinct strings"));
            return List.of();
        }
        if (value.size() > MAX_TAGS) {
            violations.add(new Violation("tags", "at most " + MAX_TAGS + " tags"));
        }
        List<String> tags = new ArrayList<>(value.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String path = "tags[" + i + "]";
            JsonNode tag = value.get(i);
            if (!tag.isTextual() || tag.textValue().isEmpty() || tag.textValue().length() > MAX_TAG_LENGTH) {
                violations.add(new Violation(path, "must be a string of 1 to " + MAX_TAG_LENGTH + " characters"));
            } else if (!seen.add(tag.textValue())) {
                violations.add(new Violation(path, "duplicate tag \"" + tag.textValue() + "\""));
            } else {
                StorableJson.checkString(path, tag.textValue(), violations);
                tags.add(tag.textValue());
            }
        }
        return tags;
    }

    static String owner(JsonNode value, List<Violation> violations) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > MAX_OWNER_LENGTH) {
            violations.add(new Violation("owner", "must be null or a string of 1 to " + MAX_OWNER_LENGTH + " characters"));
            return null;
        }
        StorableJson.checkString("owner", value.textValue(), violations);
        return value.textValue();
    }
}
