/**
 * What operators watch: MicroProfile Health checks (live, ready with a database probe, started); application metrics on
 * {@code /metrics} ({@link io.metastore.observability.MetastoreMetrics}: requests by route template, method and status,
 * latency, search time and rows, bulk operations; label values from closed sets); one access line per request whose
 * fields, like the request id on every line a request writes, travel as Liberty log-record fields
 * ({@link io.metastore.observability.RequestObservation}, {@link io.metastore.observability.RequestContext}); and the
 * policy that keeps Hibernate's reports of expected SQL failures out of the logs
 * ({@link io.metastore.observability.HibernateLogging}). See docs/operations.md.
 */
package io.metastore.observability;
