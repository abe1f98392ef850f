package io.metastore.records.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Failure;
import io.metastore.platform.JsonMembers;
import io.metastore.records.control.RecordContent;
import io.metastore.records.control.RecordKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON bodies that carry a record's content: POST and PUT here, and each bulk operation. Members the server
 * assigns ({@code namespace}, timestamps, {@code createdBy}, {@code updatedBy}) are ignored, so a record read can be
 * sent back; any other unknown member answers 400, so a misspelt {@code metdata} is never silently dropped. The nested
 * records describe the bodies for the OpenAPI document.
 */
public final class RecordBodies {

    /** What a client may send back unchanged from a record it read; the server assigns these itself. */
    public static final Set<String> SERVER_ASSIGNED =
            Set.of("namespace", "createdAt", "updatedAt", "createdBy", "updatedBy", "deletedAt");
    /** POST and PUT alike: on POST {@code version} is server-assigned and ignored, on PUT it is the expected one. */
    private static final Set<String> ACCEPTED = accepted();

    private RecordBodies() {
    }

    @Schema(name = "RecordCreate", description = "POST /records: create a record (idempotent on key); namespace, "
            + "version, timestamps and *By may be sent back from a read and are ignored; any other member is a 400")
    record Create(@Schema(required = true, examples = "assets/asset-123", description = "<namespace>/<name>")
                  String key,
                  @Schema(type = SchemaType.OBJECT, description = "any JSON object; default {}") Object metadata,
                  @Schema(uniqueItems = true, description = "distinct strings, order kept; default []")
                  List<String> tags,
                  @Schema(nullable = true, description = "default null") String owner) {
    }

    @Schema(name = "RecordReplace", description = "PUT /records/{key}: replace or create a record; omitted tags "
            + "become [], an omitted owner null")
    record Replace(@Schema(type = SchemaType.OBJECT, description = "any JSON object; default {}") Object metadata,
                   @Schema(uniqueItems = true, description = "distinct strings, order kept; default []")
                   List<String> tags,
                   @Schema(nullable = true) String owner,
                   @Schema(description = "expected current version; a mismatch answers 409") Long version) {
    }

    @Schema(name = "RecordMergePatch", description = "RFC 7386 merge patch: only metadata, tags and owner",
            additionalProperties = Schema.False.class)
    record Patch(@Schema(type = SchemaType.OBJECT, description = "merged recursively; null removes a member")
                 Object metadata,
                 @Schema(uniqueItems = true, description = "replaces the tags") List<String> tags,
                 @Schema(nullable = true, description = "replaces the owner") String owner) {
    }

    /** POST: the key to create (the body's {@code version}, server-assigned on create, is ignored). */
    static RecordKey createKey(JsonNode body) {
        JsonMembers.requireObject(body, "", "the request body");
        JsonMembers.requireKnown(body, "", ACCEPTED, "key, metadata, tags, owner");
        JsonNode key = body.get("key");
        if (key == null || !key.isTextual()) {
            throw Failure.invalid("key", "a string key <namespace>/<name> is required");
        }
        return RecordKey.parse("key", key.textValue());
    }

    /** PUT: checks the body's members; a {@code key} member must be the key of the path. */
    static void requireReplacement(JsonNode body, RecordKey key) {
        JsonMembers.requireObject(body, "", "the request body");
        JsonMembers.requireKnown(body, "", ACCEPTED, "metadata, tags, owner, version");
        JsonNode bodyKey = body.get("key");
        if (bodyKey != null && !(bodyKey.isTextual() && bodyKey.textValue().equals(key.value()))) {
            throw Failure.invalid("key", "differs from the key in the path");
        }
    }

    /** The content a create or a full replacement states: omitted metadata is {}, omitted tags [], owner none. */
    public static RecordContent content(JsonNode body) {
        return RecordContent.of(body.get("metadata"), body.get("tags"), body.get("owner"));
    }

    /** The expected version a {@code version} member states, or null when it is absent or null. */
    public static Long expectedVersion(JsonNode version) {
        if (version == null || version.isNull()) {
            return null;
        }
        if (!version.canConvertToExactIntegral() || !version.canConvertToLong() || version.longValue() < 1) {
            throw Failure.invalid("version", "must be a positive integer");
        }
        return version.longValue();
    }

    private static Set<String> accepted() {
        Set<String> members = new HashSet<>(SERVER_ASSIGNED);
        members.addAll(List.of("key", "metadata", "tags", "owner", "version"));
        return Set.copyOf(members);
    }
}
