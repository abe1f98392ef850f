package io.metastore.bulk.control;

import io.metastore.platform.Failure;
import io.metastore.records.control.RecordWrite;

/** One operation of a bulk request after validation: a write to apply, or the reason it was refused up front. */
public sealed interface BulkItem {

    int index();

    /** A valid, permitted write. */
    record Planned(int index, RecordWrite write) implements BulkItem {
    }

    /** Refused before anything ran (invalid or forbidden). */
    record Refused(int index, String key, Failure failure) implements BulkItem {
    }
}
