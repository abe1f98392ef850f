package io.metastore.records.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Json;
import io.metastore.platform.Failure;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    private static RecordContent current() throws Exception {
        return new RecordContent((ObjectNode) json("{\"a\":1,\"b\":{\"c\":2,\"d\":[1,2]},\"e\":\"x\"}"),
                List.of("t1", "t2"), "owner-1");
    }

    @Test
    void mergesMetadataRecursivelyAndNullRemoves() throws Exception {
        RecordContent patched = MergePatch.of(json("{\"metadata\":{\"a\":null,\"b\":{\"c\":null,\"d\":[3],"
                + "\"n\":{\"deep\":null,\"k\":1}},\"z\":true}}")).applyTo(current());
        assertEquals(json("{\"b\":{\"d\":[3],\"n\":{\"k\":1}},\"e\":\"x\",\"z\":true}"), patched.metadata());
        assertEquals(List.of("t1", "t2"), patched.tags());
        assertEquals("owner-1", patched.owner());
    }

    @Test
    void replacesTagsAndOwnerAndNullClearsThem() throws Exception {
        RecordContent patched = MergePatch.of(json("{\"tags\":[\"n\"],\"owner\":null}")).applyTo(current());
        assertEquals(List.of("n"), patched.tags());
        assertNull(patched.owner());
        assertEquals(List.of(), MergePatch.of(json("{\"tags\":null}")).applyTo(current()).tags());
    }

    @Test
    void doesNotModifyTheCurrentContent() throws Exception {
        RecordContent current = current();
        MergePatch.of(json("{\"metadata\":{\"b\":{\"c\":9}}}")).applyTo(current);
        assertEquals(2, current.metadata().path("b").path("c").asInt());
    }

    @Test
    void rejectsOtherMembersAndNonObjects() {
        for (String body : List.of("{\"version\":1}", "{\"key\":\"a/b\"}", "[]", "{\"metadata\":[1]}",
                "{\"metadata\":null}")) {
            Failure problem = assertThrows(Failure.class, () -> MergePatch.of(json(body)), body);
            assertEquals(Failure.Kind.INVALID, problem.kind());
        }
    }

    @Test
    void rejectsResultsThatCannotBeStored() throws Exception {
        MergePatch patch = MergePatch.of(json("{\"metadata\":{\"s\":\"\\u0000\"},\"tags\":[\"a\",\"a\"]}"));
        Failure problem = assertThrows(Failure.class, () -> patch.applyTo(current()));
        assertEquals(List.of("metadata.s", "tags[1]"),
                problem.violations().stream().map(v -> v.path()).toList());
    }
}
