package io.metastore.history.control;

import io.metastore.records.control.RecordSnapshot;
import java.util.List;

/** Some of a key's versions, newest first; {@code nextCursor} is null exactly when no older entry remains. */
public record HistoryPage(List<RecordSnapshot> items, String nextCursor) {
}
