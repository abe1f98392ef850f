package io.metastore.records.control;

import io.metastore.platform.Failure;
import java.util.Set;

/**
 * What a writer expects of the current record. Two kinds, as RFC 9110 and the contract distinguish them:
 * <ul>
 * <li>conditions the request was made under (entity tags): {@code mustMatch} holds when the record is live and its
 * version is one of the listed (or any, for {@code *}); {@code mustNotMatch} fails when the record is live and its
 * version is listed (or any). A failed condition is {@link Failure.Kind#CONDITION_FAILED}.</li>
 * <li>the version the content expects ({@code version} in a body): fails as {@link Failure.Kind#VERSION_CONFLICT}
 * unless the record is live at exactly that version.</li>
 * </ul>
 * Conditions are evaluated first, as RFC 9110 section 13.2.2 orders them.
 */
public record Precondition(Versions mustMatch, Versions mustNotMatch, Long expectedVersion) {

    public static final Precondition NONE = new Precondition(Versions.UNCONDITIONAL, Versions.UNCONDITIONAL, null);

    /** A set of versions a condition names: none (no condition), any ({@code *}), or a list. */
    public record Versions(boolean stated, boolean any, Set<Long> listed) {

        public static final Versions UNCONDITIONAL = new Versions(false, false, Set.of());
        public static final Versions ANY = new Versions(true, true, Set.of());

        public Versions {
            listed = Set.copyOf(listed);
        }

        /** A list that may be empty: a condition that names no version this service issued matches nothing. */
        public static Versions listed(Set<Long> versions) {
            return new Versions(true, false, versions);
        }

        /** Whether the live version (null: no live record) is among these. */
        public boolean includes(Long liveVersion) {
            return liveVersion != null && (any || listed.contains(liveVersion));
        }
    }

    /** The version a body states, none when it states none; no conditions. */
    public static Precondition expecting(Long version) {
        return version == null ? NONE : new Precondition(Versions.UNCONDITIONAL, Versions.UNCONDITIONAL, version);
    }

    public Precondition withConditions(Versions mustMatch, Versions mustNotMatch) {
        return new Precondition(mustMatch, mustNotMatch, expectedVersion);
    }

    /** @param liveVersion the version of the live record, null when it is absent or soft-deleted */
    public void check(Long liveVersion) {
        if (mustMatch.stated() && !mustMatch.includes(liveVersion)) {
            throw Failure.conditionFailed(liveVersion == null ? "The record does not exist, so no version can match"
                    : mustMatch.listed().size() == 1
                    ? "Expected version " + mustMatch.listed().iterator().next() + " but the record is at version "
                    + liveVersion
                    : "If-Match names none of the record's version " + liveVersion);
        }
        if (mustNotMatch.stated() && mustNotMatch.includes(liveVersion)) {
            throw Failure.conditionFailed("If-None-Match names the record's version " + liveVersion
                    + " (or *), so nothing was written");
        }
        if (expectedVersion != null && !expectedVersion.equals(liveVersion)) {
            throw Failure.versionConflict(liveVersion == null ? "The record does not exist, so no version can match"
                    : "Expected version " + expectedVersion + " but the record is at version " + liveVersion);
        }
    }
}
