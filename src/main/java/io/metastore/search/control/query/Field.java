package io.metastore.search.control.query;

import io.metastore.platform.Failure;
import io.metastore.platform.MetadataPath;
import java.util.List;

/**
 * A validated field reference: a record field, and for {@code metadata} the member path below it (empty for the whole
 * object). Only names that pass {@link #parse} exist, so the compiler may shape SQL by them.
 */
public record Field(RecordField root, List<String> path) {

    public Field {
        path = List.copyOf(path);
    }

    public static Field of(RecordField root) {
        return new Field(root, List.of());
    }

    public boolean isMetadataPath() {
        return root == RecordField.METADATA && !path.isEmpty();
    }

    /** The field named by {@code text}; a 400 naming {@code path} when the grammar rejects it. */
    public static Field parse(String text, String path) {
        String[] parts = text.split("\\.", -1);
        RecordField root = RecordField.byJsonName(parts[0])
                .orElseThrow(() -> Failure.invalid(path, "unknown field '" + text + "'"));
        if (parts.length == 1) {
            return of(root);
        }
        if (root != RecordField.METADATA) {
            throw Failure.invalid(path, "only metadata has nested paths");
        }
        List<String> segments = List.of(parts).subList(1, parts.length);
        MetadataPath.problem(segments).ifPresent(problem -> {
            throw Failure.invalid(path, problem);
        });
        return new Field(root, segments);
    }

    /** The field as a request spells it, e.g. {@code metadata.owner.team}. */
    public String name() {
        return path.isEmpty() ? root.jsonName : root.jsonName + "." + String.join(".", path);
    }
}
