package io.metastore.records.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.records.control.Precondition.Versions;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void ifMatchListsStrongVersionsOnly() {
        assertEquals(Versions.UNCONDITIONAL, EntityTags.ifMatch(null));
        assertEquals(Versions.UNCONDITIONAL, EntityTags.ifMatch(" "));
        assertEquals(Versions.listed(Set.of(3L)), EntityTags.ifMatch("\"3\""));
        assertEquals(Versions.listed(Set.of(1L, 5L)), EntityTags.ifMatch("\"1\", \"5\""));
        assertEquals(Versions.listed(Set.of(4L)), EntityTags.ifMatch("\"x\", W/\"3\", \"4\""));
        assertEquals(Versions.ANY, EntityTags.ifMatch(" * "));
    }

    @Test
    void aWeakOrForeignTagInIfMatchMatchesNothing() {
        assertFalse(EntityTags.ifMatch("W/\"3\"").includes(3L), "If-Match compares strongly (RFC 9110 13.1.1)");
        assertTrue(EntityTags.ifMatch("W/\"3\"").stated(), "a stated condition that names nothing still fails");
        assertFalse(EntityTags.ifMatch("\"abc\"").includes(3L));
    }

    /**
     * Strong comparison is character by character (RFC 9110 8.8.3.2): {@code "05"}, {@code "+5"} and an unquoted
     * {@code 5}, which is no entity tag at all, are not the tag {@code "5"} the record carries.
     */
    @Test
    void onlyTheExactTagNamesAVersion() {
        for (String other : java.util.List.of("\"05\"", "\"+5\"", "5", "\" 5\"", "\"5 \"", "\"5")) {
            assertFalse(EntityTags.ifMatch(other).includes(5L), other);
            assertFalse(EntityTags.ifNoneMatch(other).includes(5L), other);
        }
        assertTrue(EntityTags.ifMatch("\"05\", \"5\"").includes(5L));
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        assertTrue(EntityTags.ifNoneMatch("\"7\"").includes(7L));
        assertTrue(EntityTags.ifNoneMatch("\"1\", W/\"7\"").includes(7L));
        assertTrue(EntityTags.ifNoneMatch("*").includes(7L));
        assertFalse(EntityTags.ifNoneMatch("*").includes(null), "* names only an existing record");
        assertFalse(EntityTags.ifNoneMatch("\"6\"").includes(7L));
        assertFalse(EntityTags.ifNoneMatch(null).includes(7L));
    }
}
