package io.metastore.indexes.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.metastore.indexes.control.IndexDefinition;
import io.metastore.indexes.control.IndexType;
import io.metastore.platform.Failure;
import io.metastore.platform.Json;
import io.metastore.platform.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a declaration may say, and where a refusal points: every invalid member is named, none is ignored. */
class IndexBodiesTest {

    @Test
    void readsAFieldAndAType() throws Exception {
        assertEquals(new IndexDefinition(List.of("metrics", "accuracy"), IndexType.NUMBER), IndexBodies.definition(
                Json.MAPPER.readTree("{\"field\": \"metadata.metrics.accuracy\", \"type\": \"number\"}")));
        assertEquals(new IndexDefinition(List.of("owner"), IndexType.STRING), IndexBodies.definition(
                Json.MAPPER.readTree("{\"type\": \"string\", \"field\": \"metadata.owner\"}")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"field": "metadata.a", "type": "number", "unique": true}  | unique
            {"field": "metadata.a", "type": "boolean"}                 | type
            {"field": "metadata.a", "type": "NUMBER"}                  | type
            {"field": "metadata.a", "type": null}                      | type
            {"field": "metadata.a"}                                    | type
            {"type": "string"}                                         | field
            {"field": "tags", "type": "string"}                        | field
            {"field": "metadata", "type": "string"}                    | field
            {"field": ["metadata.a"], "type": "string"}                | field
            {"field": "metadata.a.", "type": "string"}                 | field
            {"field": "metadata.a-é", "type": "string"}                | field
            []                                                         | ``
            """)
    void refusesNamingTheMember(String body, String path) {
        Failure refused = assertThrows(Failure.class, () -> IndexBodies.definition(Json.MAPPER.readTree(body)));
        assertEquals(Failure.Kind.INVALID, refused.kind());
        assertEquals(path, refused.violations().get(0).path());
    }

    @Test
    void namesEveryInvalidMemberAtOnce() {
        Failure refused = assertThrows(Failure.class, () -> IndexBodies.definition(Json.MAPPER.readTree(
                "{\"field\": \"size\", \"type\": \"date\"}")));
        assertEquals(List.of("field", "type"), refused.violations().stream().map(Violation::path).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            models   | a/b      | name
            models   | ..       | name
            models   | a b      | name
            Models   | x        | namespace
            -models  | x        | namespace
            """)
    void refusesAddressesThatAreNoNamespaceOrName(String namespace, String name, String path) {
        Failure refused = assertThrows(Failure.class, () -> IndexBodies.address(namespace, name));
        assertEquals(path, refused.violations().get(0).path());
    }

    @Test
    void acceptsARecordNameWithoutSlash() {
        IndexBodies.address("models", "by-accuracy_2.ü");
        IndexBodies.address("a", "x".repeat(512));
        assertThrows(Failure.class, () -> IndexBodies.address("a", "x".repeat(513)));
    }
}
