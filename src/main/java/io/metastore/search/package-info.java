/**
 * Search: the {@code POST /records/search} query language (filters, projection, sort, keyset paging) compiled to one
 * parameterised PostgreSQL statement over the records table. {@code control} holds the model, validation, SQL
 * compiler, cursor and executor.
 */
package io.metastore.search;
