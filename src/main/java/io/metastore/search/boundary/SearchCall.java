package io.metastore.search.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.observability.MetastoreMetrics;
import io.metastore.records.boundary.CollectionCall;
import io.metastore.search.control.SearchPage;
import io.metastore.search.control.SearchService;
import io.metastore.search.control.query.SearchQuery;
import io.metastore.search.control.query.SearchRequestParser;
import io.metastore.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * {@code POST /records/search}, routed by the records resource ({@link CollectionCall}). The caller's readable
 * namespaces bound every search, so no filter can widen it.
 */
@ApplicationScoped
public class SearchCall implements CollectionCall {

    @Inject
    SearchService searches;

    @Inject
    Caller caller;

    @Inject
    MetastoreMetrics metrics;

    private final SearchRequestParser parser = new SearchRequestParser();

    @Override
    public String segment() {
        return "search";
    }

    @Override
    public Response post(JsonNode body) {
        return Response.ok(search(body)).build();
    }

    private SearchResponse search(JsonNode body) {
        SearchQuery query = parser.parse(body);
        SearchPage page = timed(query);
        metrics.searchAnswered(page.items().size());
        Projection projection = new Projection(query.fields());
        return new SearchResponse(page.items().stream().map(projection::apply).toList(), page.nextCursor(),
                page.total());
    }

    /** Failed searches count too: a statement that hits its time limit is exactly what the histogram should show. */
    private SearchPage timed(SearchQuery query) {
        long started = System.nanoTime();
        try {
            return searches.search(query, caller.readableNamespaces());
        } finally {
            metrics.searchRan(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
