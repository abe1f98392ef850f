package io.metastore.indexes.control;

import io.metastore.platform.Failure;
import io.metastore.platform.MetadataPath;
import java.util.List;

/**
 * What a declaration asks for: a metadata path and the JSON type whose values the index holds.
 *
 * @param path the segments below metadata, at least one (the grammar of {@link MetadataPath})
 */
public record IndexDefinition(List<String> path, IndexType type) {

    private static final String METADATA = "metadata";

    public IndexDefinition {
        path = List.copyOf(path);
    }

    /** The field as a search names it, e.g. {@code metadata.metrics.accuracy}. */
    public String field() {
        return METADATA + "." + String.join(".", path);
    }

    /** @throws Failure (invalid at {@code at}) unless {@code field} is a metadata path such as metadata.size */
    public static List<String> parseField(String field, String at) {
        String[] parts = field.split("\\.", -1);
        if (parts.length < 2 || !parts[0].equals(METADATA)) {
            throw Failure.invalid(at, "must be a metadata path such as metadata.size");
        }
        List<String> path = List.of(parts).subList(1, parts.length);
        MetadataPath.problem(path).ifPresent(problem -> {
            throw Failure.invalid(at, problem);
        });
        return path;
    }
}
