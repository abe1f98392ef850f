package io.metastore.records.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.metastore.platform.Failure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"assets/asset-123", "a/b", "team.data_x-1/dir/file.txt", "a1/日本/😀", "ns/a%2Fb",
            "ns/{x}", "ns/...", "ns/.a/b.", "ns/a..b"})
    void acceptsValidKeys(String key) {
        RecordKey parsed = RecordKey.parse("key", key);
        assertEquals(key, parsed.value());
        assertEquals(key.substring(0, key.indexOf('/')), parsed.namespace());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "noslash", "/name", "ns/", "Upper/x", "-ns/x", "ns-/x", "n s/x", "ns/a b",
            "ns/a\tb", "ns/a\u0000b", "ns/a\u00a0b", "ns/a\u2028b", "ns/\ud800", "ns/a//b", "ns/a/", "ns/.",
            "ns/..", "ns/a/./b", "ns/dots/../up", "ns/a/.."})
    void rejectsInvalidKeysNamingThePath(String key) {
        Failure problem = assertThrows(Failure.class, () -> RecordKey.parse("key", key));
        assertEquals(Failure.Kind.INVALID, problem.kind());
        assertEquals("key", problem.violations().get(0).path());
    }

    @org.junit.jupiter.api.Test
    void boundsNamespaceAndNameLength() {
        String ns63 = "a".repeat(63);
        assertEquals(ns63, RecordKey.parse("key", ns63 + "/x").namespace());
        assertThrows(Failure.class, () -> RecordKey.parse("key", ns63 + "a/x"));
        String name512 = "😀".repeat(512);
        assertEquals(name512, RecordKey.parse("key", "ns/" + name512).name());
        assertThrows(Failure.class, () -> RecordKey.parse("key", "ns/" + name512 + "x"));
    }
}
