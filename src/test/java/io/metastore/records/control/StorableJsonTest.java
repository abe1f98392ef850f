package io.metastore.records.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.metastore.platform.Json;
import io.metastore.platform.Violation;
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
}
