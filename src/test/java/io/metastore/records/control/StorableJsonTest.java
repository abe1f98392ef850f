package io.metastore.records.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.metastore.platform.Json;
import io.metastore.platform.Violation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorableJsonTest {

    @Test
    void namesThePathOfEveryValuePostgresqlWouldRefuseOrChange() throws Exception {
        String json = "{\"ok\": [1, 9223372036854775807, 1" + "0".repeat(199) + ", 1e198, 0.5, \"text\"],"
                + " \"a\": [1, {\"b\": \"x\\u0000\"}], \"n\": 1e200, \"\\u0000k\": {\"c\": [\"\\ud800\"]}}";
        List<Violation> violations = new ArrayList<>();
        StorableJson.check("metadata", Json.MAPPER.readTree(json), violations);
        assertEquals(List.of("metadata.a[1].b", "metadata.n", "metadata.\u0000k",
                "metadata.\u0000k.c[0]"), violations.stream().map(Violation::path).toList());
    }

    /**
     * A short literal can stand for a number PostgreSQL would write out with a hundred million digits; it is refused
     * without writing that text (which took seconds of CPU and hundreds of MB per number).
     */
    @Test
    void refusesNumbersWithHugeExponentsWithoutWritingThemOut() throws Exception {
        String json = "{\"big\": 1e99999999, \"tiny\": 1e-99999999, \"negative\": -1.5e999999999, "
                + "\"most\": 1e2147483647}";
        List<Violation> violations = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> StorableJson.check("metadata", Json.MAPPER.readTree(json), violations));
        assertEquals(List.of("metadata.big", "metadata.tiny", "metadata.negative", "metadata.most"),
                violations.stream().map(Violation::path).toList());
    }

    @Test
    void theTextLengthIsThatOfTheText() {
        for (String number : List.of("0", "0e5", "0e-5", "0.00", "-0.0", "1.50", "-0.5", "1e2", "-1e198", "1e-198",
                "1.5e-199", "123.456", "1" + "0".repeat(199), "12.5e-10", "-7", "9223372036854775808")) {
            BigDecimal value = new BigDecimal(number);
            assertEquals(Json.postgresText(value).length(), Json.postgresTextLength(value), number);
        }
    }
}
