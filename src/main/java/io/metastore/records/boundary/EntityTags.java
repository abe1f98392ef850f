package io.metastore.records.boundary;

import io.metastore.records.control.Precondition.Versions;
import java.util.HashSet;
import java.util.Set;

/**
 * Entity tags as RFC 9110 section 8.8.3 and 13.1 define them. A record's ETag is its version in quotes ({@code "3"}),
 * always strong. If-Match compares strongly, so a weak tag ({@code W/"3"}) never matches; If-None-Match compares
 * weakly, so {@code W/"3"} names version 3. A tag that is not a version of ours names nothing.
 */
final class EntityTags {

    private static final String WEAK = "W/";

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The versions an If-Match header names (strong comparison); unconditional when there is no header. */
    static Versions ifMatch(String header) {
        return versions(header, false);
    }

    /** The versions an If-None-Match header names (weak comparison); unconditional when there is no header. */
    static Versions ifNoneMatch(String header) {
        return versions(header, true);
    }

    private static Versions versions(String header, boolean weakComparison) {
        if (header == null || header.isBlank()) {
            return Versions.UNCONDITIONAL;
        }
        if (header.trim().equals("*")) {
            return Versions.ANY;
        }
        Set<Long> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            String value = tag.trim();
            if (value.startsWith(WEAK)) {
                if (!weakComparison) {
                    continue;
                }
                value = value.substring(WEAK.length());
            }
            Long version = version(value);
            if (version != null) {
                versions.add(version);
            }
        }
        return Versions.listed(versions);
    }

    /**
     * The version an opaque tag names: only the exact text {@link #of} writes does, as comparison is character by
     * character ({@code "05"}, {@code "+5"} and an unquoted {@code 5} name nothing).
     */
    private static Long version(String tag) {
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            return null;
        }
        try {
            long version = Long.parseLong(tag.substring(1, tag.length() - 1));
            return of(version).equals(tag) ? version : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
