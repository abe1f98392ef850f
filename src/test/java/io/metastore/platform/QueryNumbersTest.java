package io.metastore.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryNumbersTest {

    @Test
    void plainDigitsWithinTheBoundsAreRead() {
        assertEquals(1, QueryNumbers.parse("limit", "1", 1, 1000));
        assertEquals(1000, QueryNumbers.parse("limit", "1000", 1, 1000));
        assertEquals(0, QueryNumbers.parse("wait", "0", 0, 60));
        assertEquals(7, QueryNumbers.parse("limit", "007", 1, 1000));
        assertEquals(Long.MAX_VALUE, QueryNumbers.parse("version", String.valueOf(Long.MAX_VALUE), 1, Long.MAX_VALUE));
    }

    @Test
    void anythingElseIsA400NamingTheParameter() {
        for (String text : List.of("", "0", "1001", "-1", "+1", "1.0", "1e3", " 1", "x", "9223372036854775808",
                "99999999999999999999", "١")) {
            Failure refused = assertThrows(Failure.class, () -> QueryNumbers.parse("limit", text, 1, 1000), text);
            assertEquals("limit", refused.violations().get(0).path(), text);
        }
        assertThrows(Failure.class, () -> QueryNumbers.parse("limit", null, 1, 1000));
    }
}
