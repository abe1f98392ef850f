package io.metastore.records.control;

/** What a successful write did to its record. */
public enum WriteOutcome {
    /** The key had never existed. */
    CREATED,
    /** The key was soft-deleted and lives again, its version counting on. */
    REVIVED,
    UPDATED,
    /** An identical create replayed: nothing was written. */
    UNCHANGED,
    /** A soft delete. */
    DELETED
}
