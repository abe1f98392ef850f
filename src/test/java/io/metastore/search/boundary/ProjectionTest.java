package io.metastore.search.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Json;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.search.control.query.Field;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectionTest {

    private static final RecordSnapshot RECORD = new RecordSnapshot("assets/a-1", metadata(), List.of("prod"), null, 3,
            Instant.parse("2026-11-27T20:00:00.123456Z"), Instant.parse("2026-11-27T20:05:00Z"), "svc", "alice", null);

    /** The same record as a search reads it: PostgreSQL's text of the jsonb. */
    private static final RecordSnapshot STORED = stored("{\"size\": 1200, \"owner\": {\"team\": \"data\"}, \"gone\": null}");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            metadata.size                     | {"key":"assets/a-1","metadata":{"size":1200}}
            version createdAt                 | {"key":"assets/a-1","version":3,"createdAt":"2026-11-27T20:00:00.123456Z"}
            owner deletedAt                   | {"key":"assets/a-1","owner":null,"deletedAt":null}
            metadata.owner.team metadata.size | {"key":"assets/a-1","metadata":{"owner":{"team":"data"},"size":1200}}
            metadata.missing metadata.size.x  | {"key":"assets/a-1"}
            metadata.gone                     | {"key":"assets/a-1","metadata":{"gone":null}}
            metadata metadata.size            | {"key":"assets/a-1","metadata":{"size":1200,"owner":{"team":"data"},"gone":null}}
            metadata.size metadata            | {"key":"assets/a-1","metadata":{"size":1200,"owner":{"team":"data"},"gone":null}}
            metadata.owner.team metadata.owner metadata.owner.x | {"key":"assets/a-1","metadata":{"owner":{"team":"data"}}}
            metadata.owner.x metadata.gone.x  | {"key":"assets/a-1"}
            tags key                          | {"key":"assets/a-1","tags":["prod"]}
            key tags namespace                | {"key":"assets/a-1","tags":["prod"],"namespace":"assets"}
            """)
    void keepsOnlyTheRequestedFieldsNested(String fields, String expected) throws Exception {
        List<Field> parsed = Arrays.stream(fields.split(" ")).map(f -> Field.parse(f, "fields")).toList();
        assertEquals(expected, Json.write(new Projection(parsed).apply(RECORD)), "from the tree a write holds");
        // PostgreSQL's text has a space after each colon and comma, which a value requested whole keeps
        assertEquals(Json.MAPPER.readTree(expected), Json.MAPPER.readTree(Json.write(new Projection(parsed)
                .apply(STORED))), "from the text a search reads");
    }

    /** Members around the requested paths, of every kind and nesting, are skipped without changing what is found. */
    @Test
    void readsTheRequestedPathsOutOfStoredTextWithAnythingAroundThem() {
        RecordSnapshot stored = stored("{\"a\": [1, {\"size\": 2}, [[]]], \"owner\": {\"x\": {\"team\": 0}, "
                + "\"team\": [{\"y\": null}], \"z\": \"}\"}, \"size\": {\"size\": {}}, \"b\": true}");
        List<Field> fields = List.of(Field.parse("metadata.owner.team", "fields"),
                Field.parse("metadata.size.size", "fields"), Field.parse("metadata.b.c", "fields"),
                Field.parse("metadata.owner.z", "fields"));
        assertEquals("{\"key\":\"assets/a-1\",\"metadata\":{\"owner\":{\"team\":[{\"y\": null}],\"z\":\"}\"},"
                + "\"size\":{\"size\":{}}}}", Json.write(new Projection(fields).apply(stored)));
    }

    @Test
    void withoutFieldsGivesTheFullRepresentation() {
        assertEquals("{\"key\":\"assets/a-1\",\"namespace\":\"assets\",\"metadata\":{\"size\":1200,\"owner\":"
                + "{\"team\":\"data\"},\"gone\":null},\"tags\":[\"prod\"],\"owner\":null,\"version\":3,"
                + "\"createdAt\":\"2026-11-27T20:00:00.123456Z\",\"updatedAt\":\"2026-11-27T20:05:00.000000Z\","
                + "\"createdBy\":\"svc\",\"updatedBy\":\"alice\",\"deletedAt\":null}",
                Json.write(new Projection(List.of()).apply(RECORD)));
    }

    private static RecordSnapshot stored(String metadataText) {
        return RecordSnapshot.stored(RECORD.key(), metadataText, RECORD.tags(), RECORD.owner(), RECORD.version(),
                RECORD.createdAt(), RECORD.updatedAt(), RECORD.createdBy(), RECORD.updatedBy(), RECORD.deletedAt());
    }

    private static ObjectNode metadata() {
        try {
            return (ObjectNode) Json.MAPPER.readTree("{\"size\": 1200, \"owner\": {\"team\": \"data\"}, \"gone\": null}");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
