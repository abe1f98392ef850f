/** The {@code /records} HTTP API: request parsing, ETag and precondition headers, and the JSON representation. */
package io.metastore.records.boundary;
