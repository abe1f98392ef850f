package io.metastore.changes.control;

import java.util.List;

/** The changes after a cursor, in feed order, and the cursor to read on from. */
public record ChangePage(List<Change> items, FeedCursor cursor) {
}
