/**
 * Search, the stage that runs it: {@link io.metastore.search.control.SearchService} compiles a parsed query with the
 * caller's readable namespaces and the declared indexes ready (the indexes component's catalogue), and
 * {@link io.metastore.search.control.SearchExecutor} runs the page on the caller's connection (statement timeout,
 * custom plans), ends it at the limit or the page-byte bound and issues the cursor. The stages run one way: execution
 * here uses {@code sql}, which uses {@code query}; nothing points back.
 */
package io.metastore.search.control;
