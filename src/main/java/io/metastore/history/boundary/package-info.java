/** {@code GET /history/{key}}: a record's versions newest first, or one of them, as record representations. */
package io.metastore.history.boundary;
