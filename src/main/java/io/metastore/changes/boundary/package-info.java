/** {@code GET /changes}: parameters, grants, the suspended (long-polling) answer and its representation. */
package io.metastore.changes.boundary;
