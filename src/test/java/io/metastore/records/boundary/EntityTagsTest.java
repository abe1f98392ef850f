package io.metastore.records.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metastore.records.control.Precondition;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void ifMatchParsesVersionsWildcardAndGarbage() {
        assertEquals(Precondition.NONE, EntityTags.ifMatch(null));
        assertEquals(Precondition.ifMatch(3), EntityTags.ifMatch("\"3\""));
        assertEquals(Precondition.ifMatch(3), EntityTags.ifMatch("W/\"3\""));
        assertEquals(Precondition.ifMatch(4), EntityTags.ifMatch("\"x\", \"4\""));
        assertEquals(Precondition.ifMatchAny(), EntityTags.ifMatch(" * "));
        assertEquals(Precondition.ifMatch(-1), EntityTags.ifMatch("\"abc\""), "never matches a version");
    }

    @Test
    void ifNoneMatchHitsCurrentVersionOrWildcard() {
        assertTrue(EntityTags.noneMatchHits("\"7\"", 7));
        assertTrue(EntityTags.noneMatchHits("\"1\", W/\"7\"", 7));
        assertTrue(EntityTags.noneMatchHits("*", 7));
        assertFalse(EntityTags.noneMatchHits("\"6\"", 7));
        assertFalse(EntityTags.noneMatchHits(null, 7));
    }
}
