/**
 * Reads a key's history entries in pages (newest first, keyset on the version) or one version, and prunes entries
 * older than the retention in small batches, one instance at a time.
 */
package io.metastore.history.control;
