/**
 * The search pipeline behind the boundary: {@link io.metastore.search.control.SearchRequestParser} validates a request
 * into a {@link io.metastore.search.control.SearchQuery}, {@link io.metastore.search.control.SearchCompiler} turns it
 * into SQL whose every value is a bind parameter, {@link io.metastore.search.control.SearchExecutor} runs it on the
 * caller's connection and {@link io.metastore.search.control.Projection} shapes each item.
 */
package io.metastore.search.control;
