/**
 * The search pipeline behind the boundary: the query model and its rules ({@link io.metastore.search.control.SearchQuery},
 * {@link io.metastore.search.control.Filter}, {@link io.metastore.search.control.ComparisonRules}), the request parser
 * ({@link io.metastore.search.control.SearchRequestParser}), the SQL compiler
 * ({@link io.metastore.search.control.SearchCompiler}, whose every value is a bind parameter) and the executor
 * ({@link io.metastore.search.control.SearchExecutor}) that runs a page on the caller's connection and issues the keyset
 * cursor.
 */
package io.metastore.search.control;
