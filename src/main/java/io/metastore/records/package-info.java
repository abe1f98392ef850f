/**
 * Records: the key-addressed JSON documents with tags, owner and audit fields that Metastore stores, and their whole
 * lifecycle (create, upsert, merge patch, read, soft delete, revive) with versions, ETags and preconditions.
 * {@code boundary} speaks HTTP, {@code control} decides, {@code entity} is what PostgreSQL stores.
 */
package io.metastore.records;
