package io.metastore.platform;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The grammar of a path below {@code metadata} ({@code metadata.a.b} has segments a and b), shared by search fields and
 * declared indexes: only segments it accepts ever shape SQL, so they need no escaping anywhere.
 */
public final class MetadataPath {

    public static final int MAX_DEPTH = 16;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private MetadataPath() {
    }

    /** Why these segments are not a metadata path, or empty when they are one (an empty list is metadata itself). */
    public static Optional<String> problem(List<String> segments) {
        if (segments.size() > MAX_DEPTH) {
            return Optional.of("metadata paths are at most " + MAX_DEPTH + " segments deep");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.of("each metadata path segment is 1 to 128 of A-Z a-z 0-9 _ -");
            }
        }
        return Optional.empty();
    }
}
