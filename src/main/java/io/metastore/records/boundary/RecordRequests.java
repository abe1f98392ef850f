package io.metastore.records.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.ProblemException;
import io.metastore.records.control.Precondition;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The request bodies of the single-record calls, for the OpenAPI document, and the few checks on them that are about
 * the HTTP shape rather than the record (the body is an object, {@code key} and {@code version} have the right type).
 */
final class RecordRequests {

    private RecordRequests() {
    }

    @Schema(name = "RecordCreate", description = "POST /records: create a record (idempotent on key)")
    record Create(@Schema(required = true, example = "assets/asset-123") String key,
                  @Schema(type = SchemaType.OBJECT, description = "any JSON object; default {}") Object metadata,
                  @Schema(description = "distinct strings, order kept; default []") List<String> tags,
                  @Schema(nullable = true) String owner) {
    }

    @Schema(name = "RecordReplace", description = "PUT /records/{key}: replace or create a record")
    record Replace(@Schema(type = SchemaType.OBJECT) Object metadata,
                   List<String> tags,
                   @Schema(nullable = true) String owner,
                   @Schema(description = "expected current version; a mismatch answers 409") Long version) {
    }

    @Schema(name = "RecordMergePatch", description = "RFC 7386 merge patch: only metadata, tags and owner")
    record Patch(@Schema(type = SchemaType.OBJECT) Object metadata, List<String> tags,
                 @Schema(nullable = true) String owner) {
    }

    static JsonNode requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw ProblemException.invalid("", "the request body must be a JSON object");
        }
        return body;
    }

    static String keyOf(JsonNode body) {
        JsonNode key = body.get("key");
        if (key == null || !key.isTextual()) {
            throw ProblemException.invalid("key", "a string key <namespace>/<name> is required");
        }
        return key.textValue();
    }

    /** The expected version from If-Match (412 on mismatch) or else from the body's {@code version} (409). */
    static Precondition precondition(String ifMatch, JsonNode body) {
        Precondition fromHeader = EntityTags.ifMatch(ifMatch);
        Precondition fromBody = Precondition.fromBodyVersion(body == null ? null : body.get("version"));
        if (!fromBody.isPresent()) {
            return fromHeader;
        }
        if (fromHeader.isPresent() && !fromBody.expectedVersion().equals(fromHeader.expectedVersion())) {
            throw ProblemException.invalid("version", "disagrees with the If-Match header");
        }
        return fromHeader.isPresent() ? fromHeader : fromBody;
    }
}
