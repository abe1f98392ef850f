/**
 * History: every version a record has had, as written ({@code GET /history/{key}}), kept for
 * {@code metastore.history.retention} and then pruned in the background, a key's newest version never. PostgreSQL
 * writes the entries itself (a trigger of migration V2 on the records table), in the writing transaction, so records
 * knows nothing of history. {@code boundary} serves the HTTP call; {@code control} reads and prunes the entries.
 */
package io.metastore.history;
