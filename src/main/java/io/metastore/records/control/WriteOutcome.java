package io.metastore.records.control;

/** What a write did, which decides the HTTP status of the single-record call and of a bulk operation. */
public enum WriteOutcome {
    CREATED(201), UPDATED(200), UNCHANGED(200), DELETED(204);

    private final int status;

    WriteOutcome(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
