package io.metastore.records.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.platform.Json;
import io.metastore.records.entity.RecordEntity;
import java.time.Instant;
import java.util.List;

/**
 * An immutable view of one stored record, as the single-record calls, search and bulk hand it to the boundary. Its
 * metadata is held in one of two forms: as a tree ({@code metadataTree}) when it comes from an entity or a write, or
 * as PostgreSQL's own text of the jsonb ({@code metadataText}) when a search read it, so that a full item is written
 * out as stored without being parsed and written again (a quarter of a search's CPU); {@link #metadata()} parses
 * that text only when something asks for the tree, as a projection does.
 */
public record RecordSnapshot(String key, ObjectNode metadataTree, List<String> tags, String owner, long version,
                             Instant createdAt, Instant updatedAt, String createdBy, String updatedBy,
                             Instant deletedAt, String metadataText) {

    /** A record whose metadata is a tree. */
    public RecordSnapshot(String key, ObjectNode metadata, List<String> tags, String owner, long version,
                          Instant createdAt, Instant updatedAt, String createdBy, String updatedBy, Instant deletedAt) {
        this(key, metadata, tags, owner, version, createdAt, updatedAt, createdBy, updatedBy, deletedAt, null);
    }

    /** A record as a search read it: its metadata as the text PostgreSQL gives for the jsonb column. */
    public static RecordSnapshot stored(String key, String metadataText, List<String> tags, String owner, long version,
                                        Instant createdAt, Instant updatedAt, String createdBy, String updatedBy,
                                        Instant deletedAt) {
        return new RecordSnapshot(key, null, tags, owner, version, createdAt, updatedAt, createdBy, updatedBy,
                deletedAt, metadataText);
    }

    public static RecordSnapshot of(RecordEntity entity) {
        return new RecordSnapshot(entity.key(), entity.metadata().deepCopy(), List.copyOf(entity.tags()),
                entity.owner(), entity.version(), entity.createdAt(), entity.updatedAt(), entity.createdBy(),
                entity.updatedBy(), entity.deletedAt());
    }

    /** The metadata as a tree; read from {@code metadataText} on each call when the record holds that form. */
    public ObjectNode metadata() {
        if (metadataTree != null || metadataText == null) {
            return metadataTree;
        }
        try {
            return (ObjectNode) Json.MAPPER.readTree(metadataText);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("the stored metadata is no JSON object", e);
        }
    }

    public String namespace() {
        return key.substring(0, key.indexOf('/'));
    }
}
