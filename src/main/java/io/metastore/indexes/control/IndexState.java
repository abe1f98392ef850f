package io.metastore.indexes.control;

import java.util.Locale;

/** Where a declaration stands; what {@code GET /indexes} reports, and what search relies on ({@link #READY} only). */
public enum IndexState {
    /** Declared; the index is being built, or waits for a builder (after a crash, a restart resumes it). */
    BUILDING,
    /** The index is valid and search uses it. */
    READY,
    /** PostgreSQL refused to build it; declaring the same again builds anew. */
    FAILED;

    public final String jsonName = name().toLowerCase(Locale.ROOT);

    static IndexState of(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
