package io.metastore.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Every application metric Metastore publishes on {@code /metrics}, in one place so that names and labels stay
 * consistent with docs/operations.md. Bucket boundaries live in META-INF/microprofile-config.properties, where an
 * operator can override them without a rebuild. Label values come from closed sets (route templates, the methods HTTP
 * defines or {@code other}, statuses, bulk operation kinds), never from request content, so the number of series stays
 * bounded, and so does the number of handles each kept here: the registry is asked for a series once, not on every
 * request (its look-up validates names and compares tag lists, a tenth of a search's CPU when done per request).
 */
@ApplicationScoped
public class MetastoreMetrics {

    static final String REQUESTS = "metastore.requests";
    static final String REQUEST_DURATION = "metastore.request.duration";
    static final String SEARCH_DURATION = "metastore.search.duration";
    static final String SEARCH_ROWS = "metastore.search.rows";
    static final String BULK_OPERATIONS = "metastore.bulk.operations";
    static final String INDEXES = "metastore.indexes";
    static final String INDEX_BUILD_DURATION = "metastore.index.build.duration";
    static final String CHANGES_WAITING = "metastore.changes.waiting";

    private static final Metadata REQUESTS_META = Metadata.builder().withName(REQUESTS)
            .withDescription("HTTP requests answered by Metastore, by route template, method and status; requests "
                    + "refused before routing (401) count as route unmatched")
            .build();
    private static final Metadata REQUEST_DURATION_META = Metadata.builder().withName(REQUEST_DURATION)
            .withDescription("Time to answer a Metastore request, by route template and method").build();
    private static final Metadata SEARCH_DURATION_META = Metadata.builder().withName(SEARCH_DURATION)
            .withDescription("Time a search spends compiling and running its SQL, failures included").build();
    private static final Metadata SEARCH_ROWS_META = Metadata.builder().withName(SEARCH_ROWS)
            .withDescription("Items returned by one search page").build();
    private static final Metadata BULK_OPERATIONS_META = Metadata.builder().withName(BULK_OPERATIONS)
            .withDescription("Bulk operations by kind (create, upsert, patch, delete, invalid) and resulting status")
            .build();

    private static final Metadata INDEXES_META = Metadata.builder().withName(INDEXES)
            .withDescription("Declared indexes by state (building, ready, failed), as this instance last read the "
                    + "declarations")
            .build();
    private static final Metadata INDEX_BUILD_DURATION_META = Metadata.builder().withName(INDEX_BUILD_DURATION)
            .withDescription("Time this instance spent building a declared index, by outcome (ready, failed)")
            .build();
    private static final Metadata CHANGES_WAITING_META = Metadata.builder().withName(CHANGES_WAITING)
            .withDescription("Change feed calls waiting for a change on this instance (metastore.changes.max-waiting "
                    + "at most)").build();

    @Inject
    MetricRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();

    void request(String route, String method, int status, Duration elapsed) {
        requests(route, method, status).inc();
        timers.computeIfAbsent(REQUEST_DURATION + "|" + route + "|" + method, series -> registry.timer(
                REQUEST_DURATION_META, new Tag("route", route), new Tag("method", method))).update(elapsed);
    }

    /** A request the container refused before the application saw it: counted, but its time is not known. */
    void refused(String method, int status) {
        requests(RouteTemplate.UNMATCHED, method, status).inc();
    }

    private Counter requests(String route, String method, int status) {
        return counters.computeIfAbsent(REQUESTS + "|" + route + "|" + method + "|" + status, series -> registry.counter(
                REQUESTS_META, new Tag("route", route), new Tag("method", method),
                new Tag("status", Integer.toString(status))));
    }

    public void searchRan(Duration elapsed) {
        timers.computeIfAbsent(SEARCH_DURATION, series -> registry.timer(SEARCH_DURATION_META)).update(elapsed);
    }

    public void searchAnswered(int rows) {
        histograms.computeIfAbsent(SEARCH_ROWS, series -> registry.histogram(SEARCH_ROWS_META)).update(rows);
    }

    /** @param kind one of create, upsert, patch, delete or invalid; never the raw {@code op} a client sent */
    public void bulkOperation(String kind, int status) {
        counters.computeIfAbsent(BULK_OPERATIONS + "|" + kind + "|" + status, series -> registry.counter(
                BULK_OPERATIONS_META, new Tag("op", kind), new Tag("status", Integer.toString(status)))).inc();
    }

    /** Registers the gauge of declared indexes in {@code state}, read from {@code count} at every scrape. */
    public void indexesInState(String state, Supplier<Long> count) {
        registry.gauge(INDEXES_META, count, new Tag("state", state));
    }

    /** @param outcome ready or failed */
    public void indexBuilt(String outcome, Duration elapsed) {
        timers.computeIfAbsent(INDEX_BUILD_DURATION + "|" + outcome, series -> registry.timer(
                INDEX_BUILD_DURATION_META, new Tag("outcome", outcome))).update(elapsed);
    }

    /** Publishes how many change feed calls wait right now, as {@code waiting} counts them. */
    public void changesWaiting(Supplier<Integer> waiting) {
        registry.gauge(CHANGES_WAITING_META, waiting);
    }
}
