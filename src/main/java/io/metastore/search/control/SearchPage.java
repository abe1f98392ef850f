package io.metastore.search.control;

import io.metastore.records.control.RecordSnapshot;
import java.util.List;

/** One page of results; {@code nextCursor} is null exactly when no further rows match, {@code total} unless asked. */
public record SearchPage(List<RecordSnapshot> items, String nextCursor, Long total) {

    public SearchPage {
        items = List.copyOf(items);
    }
}
