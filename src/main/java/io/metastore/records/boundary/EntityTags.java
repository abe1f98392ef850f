package io.metastore.records.boundary;

import io.metastore.records.control.Precondition;

/**
 * ETags are the record version in quotes ({@code "3"}). Parses If-Match and If-None-Match lists; weak tags
 * ({@code W/"3"}) are compared by their value, as a version cannot be weakly equal to another.
 */
final class EntityTags {

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The precondition an If-Match header states; a tag that is not a version can never match. */
    static Precondition ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return Precondition.NONE;
        }
        if (header.trim().equals("*")) {
            return Precondition.ifMatchAny();
        }
        for (String tag : header.split(",")) {
            Long version = version(tag);
            if (version != null) {
                return Precondition.ifMatch(version);
            }
        }
        return Precondition.ifMatch(-1);
    }

    /** Whether If-None-Match names this version (or is {@code *}), so the client's copy is current. */
    static boolean noneMatchHits(String header, long version) {
        if (header == null || header.isBlank()) {
            return false;
        }
        for (String tag : header.split(",")) {
            if (tag.trim().equals("*") || Long.valueOf(version).equals(version(tag))) {
                return true;
            }
        }
        return false;
    }

    private static Long version(String tag) {
        String value = tag.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
