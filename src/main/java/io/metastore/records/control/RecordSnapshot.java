package io.metastore.records.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.records.entity.RecordEntity;
import java.time.Instant;
import java.util.List;

/** An immutable view of one stored record, as the single-record calls, search and bulk hand it to the boundary. */
public record RecordSnapshot(String key, ObjectNode metadata, List<String> tags, String owner, long version,
                             Instant createdAt, Instant updatedAt, String createdBy, String updatedBy,
                             Instant deletedAt) {

    public static RecordSnapshot of(RecordEntity entity) {
        return new RecordSnapshot(entity.key(), entity.metadata().deepCopy(), List.copyOf(entity.tags()),
                entity.owner(), entity.version(), entity.createdAt(), entity.updatedAt(), entity.createdBy(),
                entity.updatedBy(), entity.deletedAt());
    }

    public String namespace() {
        return key.substring(0, key.indexOf('/'));
    }
}
