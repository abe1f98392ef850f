/**
 * A stand-in neighbour application for the shared-server test (SharedServerIT): a tiny service with its own JWT
 * trust, datasource and schema, deployed beside Metastore on one Liberty server.
 */
package io.metastore.it.neighbour;
