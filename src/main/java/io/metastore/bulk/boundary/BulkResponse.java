package io.metastore.bulk.boundary;

import io.metastore.bulk.control.OperationResult;
import java.util.List;

/** The answer to a bulk request: one result per operation, in request order. */
public record BulkResponse(List<OperationResult> results) {
}
