/**
 * What operators watch: MicroProfile Health checks (live, ready with a database probe, started); application metrics on
 * {@code /metrics} ({@link io.metastore.observability.MetastoreMetrics}: requests by route template, method and status,
 * latency, search time and rows, bulk operations); and one JSON access line per request with its request id
 * ({@link io.metastore.observability.RequestObservation}). See docs/operations.md.
 */
package io.metastore.observability;
