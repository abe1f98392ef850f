package io.metastore.search.boundary;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.metastore.platform.Json;
import io.metastore.records.boundary.RecordRepresentation;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.search.control.query.Field;
import io.metastore.search.control.query.RecordField;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapes a search result item: the full representation, or only the requested fields plus {@code key}. Metadata
 * paths stay nested ({@code metadata.size} gives {@code {"metadata":{"size":...}}}); a path the record lacks is left
 * out, so absent and null stay distinguishable. A projected item is written straight from the record while the
 * answer is serialized, visiting only the requested paths: copying each item into a tree first made a page of 1,000
 * items of 8 KiB to 256 fields cost over a second of CPU.
 */
public final class Projection {

    /** The requested paths as a tree, in request order; null when every field is wanted. */
    private final Paths requested;

    public Projection(List<Field> fields) {
        if (fields.isEmpty()) {
            requested = null;
            return;
        }
        requested = new Paths();
        requested.add(RecordField.KEY.jsonName, List.of());
        for (Field field : fields) {
            requested.add(field.root().jsonName, field.path());
        }
    }

    /** The full representation, or the requested fields, each serializable with the service's JSON mapper. */
    public Object apply(RecordSnapshot record) {
        return requested == null ? RecordRepresentation.of(record) : new Item(record, requested);
    }

    /** A record as only the requested paths of it, written when serialized. */
    private record Item(RecordSnapshot record, Paths requested) implements JsonSerializable {

        @Override
        public void serialize(JsonGenerator out, SerializerProvider provider) throws IOException {
            ObjectNode columns = null;
            out.writeStartObject();
            for (Map.Entry<String, Paths> member : requested.members.entrySet()) {
                JsonNode value;
                if (member.getKey().equals(RecordField.METADATA.jsonName)) {
                    value = record.metadataText() == null ? record.metadata()
                            : member.getValue().read(record.metadataText());
                } else {
                    columns = columns == null ? columns(record) : columns;
                    value = columns.get(member.getKey());
                }
                member.getValue().writeMember(member.getKey(), value, out, provider);
            }
            out.writeEndObject();
        }

        @Override
        public void serializeWithType(JsonGenerator out, SerializerProvider provider, TypeSerializer types)
                throws IOException {
            serialize(out, provider);
        }

        /** The record's fields other than metadata, as JSON. */
        private static ObjectNode columns(RecordSnapshot record) {
            RecordSnapshot withoutMetadata = new RecordSnapshot(record.key(), Json.MAPPER.createObjectNode(),
                    record.tags(), record.owner(), record.version(), record.createdAt(), record.updatedAt(),
                    record.createdBy(), record.updatedBy(), record.deletedAt());
            return Json.MAPPER.valueToTree(RecordRepresentation.of(withoutMetadata));
        }
    }

    /** The members requested below one JSON value; none when the value itself is requested whole. */
    private static final class Paths {

        final Map<String, Paths> members = new LinkedHashMap<>();
        boolean whole;

        /** Requests the member and the path below it; a member requested whole covers every path below it. */
        void add(String member, List<String> below) {
            if (whole) {
                return;
            }
            Paths child = members.computeIfAbsent(member, name -> new Paths());
            if (below.isEmpty()) {
                child.whole = true;
                child.members.clear();
            } else {
                child.add(below.get(0), below.subList(1, below.size()));
            }
        }

        /**
         * The requested paths of a stored JSON text, as a tree that holds nothing else (null when it holds none of
         * them): the parser skips every other member without building it, which halves the cost of projecting a page
         * of large records against reading each one whole.
         */
        JsonNode read(String json) {
            try (JsonParser parser = Json.MAPPER.createParser(json)) {
                parser.nextToken();
                return read(parser, json);
            } catch (IOException e) {
                throw new IllegalStateException("the stored metadata is no JSON", e);
            }
        }

        /**
         * Reads the value at the parser's current token, leaving the parser on its last token. A value requested
         * whole is kept as its stored text, written out as it is: never parsed into a tree, and exactly the text a
         * full read gives.
         */
        private JsonNode read(JsonParser parser, String json) throws IOException {
            if (whole) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                parser.finishToken();
                return Json.MAPPER.getNodeFactory().rawValueNode(
                        new RawValue(json.substring(start, (int) parser.currentLocation().getCharOffset())));
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return null;
            }
            ObjectNode found = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                Paths child = members.get(name);
                parser.nextToken();
                if (child == null) {
                    parser.skipChildren();
                    continue;
                }
                JsonNode value = child.read(parser, json);
                if (value != null) {
                    found = found == null ? Json.MAPPER.createObjectNode() : found;
                    found.set(name, value);
                }
            }
            return found;
        }

        /** Whether {@code value} holds any of the requested paths (null: the record lacks it). */
        boolean foundIn(JsonNode value) {
            if (value == null || whole) {
                return value != null;
            }
            if (!value.isObject()) {
                return false;
            }
            for (Map.Entry<String, Paths> member : members.entrySet()) {
                if (member.getValue().foundIn(value.get(member.getKey()))) {
                    return true;
                }
            }
            return false;
        }

        /** Writes {@code "name": <the requested part of value>}, or nothing when it holds none. */
        void writeMember(String name, JsonNode value, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            if (!foundIn(value)) {
                return;
            }
            out.writeFieldName(name);
            if (whole) {
                value.serialize(out, provider);
                return;
            }
            out.writeStartObject();
            for (Map.Entry<String, Paths> member : members.entrySet()) {
                member.getValue().writeMember(member.getKey(), value.get(member.getKey()), out, provider);
            }
            out.writeEndObject();
        }
    }
}
