/**
 * Bulk writes: up to 1,000 create, upsert, patch and delete operations in one call, either atomically (one
 * transaction, nothing applied when any operation fails) or each on its own, answering per-operation results in
 * request order with the statuses the single-record calls would give.
 */
package io.metastore.bulk;
