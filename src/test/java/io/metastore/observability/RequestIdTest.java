package io.metastore.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdTest {

    @Test
    void freshIdsAreDistinctVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestId.accept(null);
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertEquals(uuid.toString(), id);
            seen.add(id);
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void aSaneOfferedIdIsKeptAndAnythingElseReplaced() {
        assertEquals("abc-123", RequestId.accept("abc-123"));
        assertNotEquals("has space", RequestId.accept("has space"));
        assertNotEquals("x".repeat(129), RequestId.accept("x".repeat(129)));
        assertEquals(36, RequestId.accept("").length());
    }
}
