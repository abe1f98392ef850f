package io.metastore.records.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.metastore.platform.Failure;
import io.metastore.platform.Json;
import io.metastore.platform.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds of tags and owner at their exact values (docs/limits.md); lengths count code points. */
class RecordContentTest {

    private static ArrayNode tags(int count) {
        ArrayNode tags = Json.MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) {
            tags.add("t" + i);
        }
        return tags;
    }

    private static List<String> refusedPaths(ArrayNode tags, String owner) {
        Failure refused = assertThrows(Failure.class, () -> RecordContent.of(null, tags,
                owner == null ? null : Json.MAPPER.getNodeFactory().textNode(owner)));
        return refused.violations().stream().map(Violation::path).toList();
    }

    @Test
    void holdsAtMost256Tags() {
        assertEquals(256, RecordContent.of(null, tags(256), null).tags().size());
        assertEquals(List.of("tags"), refusedPaths(tags(257), null));
    }

    @Test
    void tagsAndOwnerHoldOneTo256CodePoints() {
        String emoji256 = "\uD83D\uDE00".repeat(256);
        RecordContent longest = RecordContent.of(null, Json.MAPPER.createArrayNode().add(emoji256),
                Json.MAPPER.getNodeFactory().textNode(emoji256));
        assertEquals(emoji256, longest.owner());
        assertEquals(List.of("tags[0]"), refusedPaths(Json.MAPPER.createArrayNode().add(emoji256 + "x"), null));
        assertEquals(List.of("tags[0]"), refusedPaths(Json.MAPPER.createArrayNode().add(""), null));
        assertEquals(List.of("owner"), refusedPaths(null, emoji256 + "x"));
        assertEquals(List.of("owner"), refusedPaths(null, ""));
    }
}
