package io.metastore.records.control;

/** A write's outcome and the record as it stands after it. */
public record WriteResult(WriteOutcome outcome, RecordSnapshot record) {
}
