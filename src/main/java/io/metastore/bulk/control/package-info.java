/** Bulk execution: one transaction for atomic requests, one per operation otherwise, and per-operation results. */
package io.metastore.bulk.control;
