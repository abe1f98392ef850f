package io.metastore.indexes.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.indexes.control.IndexDefinition;
import io.metastore.indexes.control.IndexType;
import io.metastore.platform.Failure;
import io.metastore.platform.JsonMembers;
import io.metastore.platform.Violation;
import io.metastore.records.control.RecordKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The address of a declared index and the body that declares it, checked before anything is stored. */
final class IndexBodies {

    private static final Set<String> MEMBERS = Set.of("field", "type");

    /** {@code PUT /indexes/{namespace}/{name}}'s body, for the OpenAPI document. */
    @Schema(name = "IndexDeclaration", requiredProperties = {"field", "type"})
    record Declaration(
            @Schema(examples = "metadata.metrics.accuracy", description = "a metadata path") String field,
            @Schema(enumeration = {"number", "string"}, description = "the JSON type of the values to index; "
                    + "records holding another type at the path are not in the index") String type) {
    }

    private IndexBodies() {
    }

    /** @throws Failure (invalid) unless the namespace is one and the name is a record name without {@code /} */
    static void address(String namespace, String name) {
        namespace(namespace);
        if (name.indexOf('/') >= 0) {
            throw Failure.invalid("name", "an index name must not contain /");
        }
        String problem = RecordKey.nameProblem(name);
        if (problem != null) {
            throw Failure.invalid("name", problem);
        }
    }

    /** @throws Failure (invalid) unless {@code namespace} is a namespace */
    static void namespace(String namespace) {
        if (!RecordKey.isValidNamespace(namespace)) {
            throw Failure.invalid("namespace", "not a namespace: a namespace is 1 to 63 of a-z 0-9 . _ -, starting "
                    + "and ending with a letter or digit");
        }
    }

    static IndexDefinition definition(JsonNode body) {
        JsonMembers.requireObject(body, "", "The body");
        JsonMembers.requireKnown(body, "", MEMBERS, "field, type");
        List<Violation> violations = new ArrayList<>();
        List<String> path = null;
        JsonNode field = body.get("field");
        if (field == null || !field.isTextual()) {
            violations.add(new Violation("field", "a metadata path such as metadata.size is required"));
        } else {
            try {
                path = IndexDefinition.parseField(field.textValue(), "field");
            } catch (Failure invalid) {
                violations.addAll(invalid.violations());
            }
        }
        JsonNode type = body.get("type");
        IndexType indexType = type == null || !type.isTextual() ? null
                : IndexType.byJsonName(type.textValue()).orElse(null);
        if (indexType == null) {
            violations.add(new Violation("type", "must be \"number\" or \"string\""));
        }
        if (!violations.isEmpty()) {
            throw Failure.invalid(violations);
        }
        return new IndexDefinition(path, indexType);
    }
}
