/**
 * Search, the request stage: the query model ({@link io.metastore.search.control.query.SearchQuery},
 * {@link io.metastore.search.control.query.Filter}, {@link io.metastore.search.control.query.Field}), its rules
 * ({@link io.metastore.search.control.query.ComparisonRules}: which operators each field takes, with which value
 * shapes) and the parser that turns a request body into a query, refusing anything else with the JSON path at fault.
 * Knows nothing of SQL.
 */
package io.metastore.search.control.query;
