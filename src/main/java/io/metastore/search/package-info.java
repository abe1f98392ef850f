/**
 * Search: the {@code POST /records/search} query language (filters, projection, sort, keyset paging) compiled to one
 * parameterised PostgreSQL statement over the records table. {@code boundary} serves the HTTP call and shapes
 * each item (projection); {@code control} holds the model, validation, SQL compiler, cursor and executor.
 */
package io.metastore.search;
