/**
 * Cross-cutting plumbing every component relies on: the JAX-RS application, JSON reading and writing with
 * Jackson, RFC 9457 problem responses, request limits, the request methods served (501 for undefined ones),
 * database failure classification and the startup schema migration (with, on a developer's machine, the
 * PostgreSQL the run command may start for it).
 */
package io.metastore.platform;
