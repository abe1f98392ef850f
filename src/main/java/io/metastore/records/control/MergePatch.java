package io.metastore.records.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Failure;
import io.metastore.platform.JsonMembers;
import io.metastore.platform.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An RFC 7386 JSON merge patch of a record. Inside {@code metadata} objects merge recursively and {@code null}
 * removes a member; {@code tags} and {@code owner}, when present, replace (null clears them).
 */
public final class MergePatch {

    private static final Set<String> PATCHABLE = Set.of("metadata", "tags", "owner");

    private final JsonNode patch;

    private MergePatch(JsonNode patch) {
        this.patch = patch;
    }

    /** Checks the patch document itself; the result of applying it is checked again by {@link #applyTo}. */
    public static MergePatch of(JsonNode patch) {
        JsonMembers.requireObject(patch, "", "a merge patch of a record");
        JsonMembers.requireKnown(patch, "", PATCHABLE, "metadata, tags and owner (only they can be patched)");
        JsonNode metadata = patch.get("metadata");
        if (metadata != null && !metadata.isObject()) {
            throw Failure.invalid("metadata", "must be a JSON object (metadata cannot be removed)");
        }
        return new MergePatch(patch);
    }

    public RecordContent applyTo(RecordContent current) {
        List<Violation> violations = new ArrayList<>();
        ObjectNode metadata = current.metadata().deepCopy();
        if (patch.has("metadata")) {
            merge(metadata, (ObjectNode) patch.get("metadata"));
            StorableJson.check("metadata", metadata, violations);
        }
        List<String> tags = patch.has("tags") ? RecordContent.tags(patch.get("tags"), violations) : current.tags();
        String owner = patch.has("owner") ? RecordContent.owner(patch.get("owner"), violations) : current.owner();
        if (!violations.isEmpty()) {
            throw Failure.invalid(violations);
        }
        return new RecordContent(metadata, tags, owner);
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            JsonNode value = member.getValue();
            JsonNode existing = target.get(member.getKey());
            if (value.isNull()) {
                target.remove(member.getKey());
            } else if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, (ObjectNode) value);
            } else if (value.isObject()) {
                ObjectNode fresh = target.putObject(member.getKey());
                merge(fresh, (ObjectNode) value);
            } else {
                target.set(member.getKey(), value);
            }
        }
    }
}
