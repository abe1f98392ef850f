package io.metastore.search.control.query;

import io.metastore.platform.Failure;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A validated field reference: a record field, and for {@code metadata} the member path below it (empty for the whole
 * object). Only names that pass {@link #parse} exist, so the compiler may shape SQL by them.
 */
public record Field(RecordField root, List<String> path) {

    public static final int MAX_PATH_DEPTH = 16;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,128}");

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
        if (segments.size() > MAX_PATH_DEPTH) {
            throw Failure.invalid(path, "metadata paths are at most " + MAX_PATH_DEPTH + " segments deep");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw Failure.invalid(path, "each metadata path segment is 1 to 128 of A-Z a-z 0-9 _ -");
            }
        }
        return new Field(root, segments);
    }

    /** The field as a request spells it, e.g. {@code metadata.owner.team}. */
    public String name() {
        return path.isEmpty() ? root.jsonName : root.jsonName + "." + String.join(".", path);
    }
}
