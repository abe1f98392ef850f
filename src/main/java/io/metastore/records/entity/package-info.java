/** What PostgreSQL stores for a record: the JPA mapping of {@code metastore.metastore_records}. */
package io.metastore.records.entity;
