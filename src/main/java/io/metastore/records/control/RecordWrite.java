package io.metastore.records.control;

/**
 * One write on one key, as a value: what the single-record calls and each bulk operation ask for. {@code content}
 * is set for create and upsert, {@code patch} for patch.
 */
public record RecordWrite(Kind kind, RecordKey key, RecordContent content, MergePatch patch,
                          Precondition precondition) {

    public enum Kind {
        CREATE, UPSERT, PATCH, DELETE
    }

    public static RecordWrite create(RecordKey key, RecordContent content) {
        return new RecordWrite(Kind.CREATE, key, content, null, Precondition.NONE);
    }

    public static RecordWrite upsert(RecordKey key, RecordContent content, Precondition precondition) {
        return new RecordWrite(Kind.UPSERT, key, content, null, precondition);
    }

    public static RecordWrite patch(RecordKey key, MergePatch patch, Precondition precondition) {
        return new RecordWrite(Kind.PATCH, key, null, patch, precondition);
    }

    public static RecordWrite delete(RecordKey key, Precondition precondition) {
        return new RecordWrite(Kind.DELETE, key, null, null, precondition);
    }
}
