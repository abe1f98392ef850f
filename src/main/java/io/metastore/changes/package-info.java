/**
 * The change feed ({@code GET /changes}): every committed write exactly once, in an order that keeps a key's versions
 * and a transaction's writes together, read from the history entries PostgreSQL writes (migration V2), with long
 * polls that hold no database connection while they wait. {@code boundary} serves the HTTP call; {@code control} reads
 * the feed between PostgreSQL snapshots and wakes the waiting calls.
 */
package io.metastore.changes;
