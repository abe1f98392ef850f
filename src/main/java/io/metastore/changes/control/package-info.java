/**
 * The feed between PostgreSQL snapshots ({@link io.metastore.changes.control.ChangeFeed}), its opaque cursor, and the
 * one poller per instance that wakes the calls waiting for a change ({@link io.metastore.changes.control.ChangeWaits}).
 */
package io.metastore.changes.control;
