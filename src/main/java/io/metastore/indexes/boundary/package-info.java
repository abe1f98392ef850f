/**
 * Declared indexes over HTTP: {@code /indexes/{namespace}/{name}} and {@code /indexes/{namespace}}, the request body
 * of a declaration and its representation. Grants are checked here: writing needs admin on the namespace, reading
 * needs read.
 */
package io.metastore.indexes.boundary;
