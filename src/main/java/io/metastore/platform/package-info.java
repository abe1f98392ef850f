/**
 * Cross-cutting plumbing every component relies on: the JAX-RS application, JSON reading and writing with
 * Jackson, RFC 9457 problem responses, request limits, database failure classification and the startup
 * schema migration.
 */
package io.metastore.platform;
