package io.metastore.changes.control;

import java.time.Instant;

/** One committed write as the feed tells it: which version of which key, what kind of write, when and by whom. */
public record Change(String key, String namespace, long version, String change, Instant updatedAt, String updatedBy) {
}
