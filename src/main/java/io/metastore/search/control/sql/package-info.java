/**
 * Search, the SQL stage: {@link io.metastore.search.control.sql.SearchCompiler} turns a query into one page statement
 * (and an optional count) over the records table, every value a bind parameter, choosing between one ordered query,
 * a bounded walk of the key or updatedAt index ({@link io.metastore.search.control.sql.BoundedIndexWalk}) and a walk
 * of a ready declared index ({@link io.metastore.search.control.sql.IndexedOrder}), whose typed expressions it shares
 * with the indexes component; the keyset cursor and how a page's rows are read
 * ({@link io.metastore.search.control.sql.CompiledSearch}) live here because they follow the statement's columns.
 */
package io.metastore.search.control.sql;
