package io.metastore.records.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Failure;
import io.metastore.platform.Json;
import io.metastore.platform.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The client-owned part of a record: metadata, tags and owner. Everything else (version, timestamps, audit principals)
 * is assigned by the server. Instances are always valid and storable; lengths count characters (code points), as a
 * person reading the value would.
 */
public record RecordContent(ObjectNode metadata, List<String> tags, String owner) {

    public static final int MAX_TAGS = 256;
    public static final int MAX_TAG_LENGTH = 256;
    public static final int MAX_OWNER_LENGTH = 256;

    public RecordContent {
        tags = List.copyOf(tags);
    }

    /**
     * The content that the three JSON members state, each null when absent: absent metadata is {}, absent tags [], an
     * absent or null owner none.
     *
     * @throws Failure (invalid) naming every member that breaks a rule
     */
    public static RecordContent of(JsonNode metadata, JsonNode tags, JsonNode owner) {
        List<Violation> violations = new ArrayList<>();
        RecordContent content = new RecordContent(metadata(metadata, violations), tags(tags, violations),
                owner(owner, violations));
        if (!violations.isEmpty()) {
            throw Failure.invalid(violations);
        }
        return content;
    }

    private static ObjectNode metadata(JsonNode value, List<Violation> violations) {
        if (value == null) {
            return Json.MAPPER.createObjectNode();
        }
        if (!value.isObject()) {
            violations.add(new Violation("metadata", "must be a JSON object"));
            return Json.MAPPER.createObjectNode();
        }
        StorableJson.check("metadata", value, violations);
        return (ObjectNode) value;
    }

    static List<String> tags(JsonNode value, List<Violation> violations) {
        if (value == null || value.isNull()) {
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
            if (!tag.isTextual() || !hasLength(tag.textValue(), MAX_TAG_LENGTH)) {
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
        if (!value.isTextual() || !hasLength(value.textValue(), MAX_OWNER_LENGTH)) {
            violations.add(new Violation("owner", "must be null or a string of 1 to " + MAX_OWNER_LENGTH
                    + " characters (an empty owner is refused: send null for none)"));
            return null;
        }
        StorableJson.checkString("owner", value.textValue(), violations);
        return value.textValue();
    }

    /** 1 to {@code max} characters, counted as code points. */
    private static boolean hasLength(String text, int max) {
        int length = text.codePointCount(0, text.length());
        return length >= 1 && length <= max;
    }
}
