package io.metastore.history.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.metastore.platform.Failure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class HistoryCursorTest {

    @Property
    void aCursorDecodesForItsKeyToWhereItStood(@ForAll @StringLength(min = 1, max = 40) String name,
                                                @ForAll @LongRange(min = 1) long below) {
        HistoryCursor cursor = new HistoryCursor("ns/" + name, below);
        assertEquals(cursor, HistoryCursor.decode(cursor.encode(), "ns/" + name));
    }

    @Test
    void aCursorOfAnotherKeyOrAnyOtherTextIsA400NamingCursor() {
        String ofA = new HistoryCursor("ns/a", 5).encode();
        for (String token : List.of(ofA, "", "%%%", encode("{}"), encode("[]"), encode("{\"k\":\"ns/b\",\"b\":0}"),
                encode("{\"k\":\"ns/b\",\"b\":1.5}"), encode("{\"k\":\"ns/b\",\"b\":\"5\"}"), encode("null"))) {
            Failure refused = assertThrows(Failure.class, () -> HistoryCursor.decode(token, "ns/b"), token);
            assertEquals("cursor", refused.violations().get(0).path(), token);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
