package io.metastore.search.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.search.control.Projection;
import io.metastore.search.control.SearchPage;
import io.metastore.search.control.SearchQuery;
import io.metastore.search.control.SearchRequestParser;
import io.metastore.search.control.SearchService;
import io.metastore.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * {@code POST /records/search} (routed from the records resource, so that "search" stays usable as a namespace).
 * The caller's readable namespaces bound every search, so no filter can widen it.
 */
@RequestScoped
public class SearchEndpoint {

    @Inject
    SearchService searches;

    @Inject
    Caller caller;

    private final SearchRequestParser parser = new SearchRequestParser();

    public SearchResponse handle(JsonNode body) {
        SearchQuery query = parser.parse(body);
        SearchPage page = searches.search(query, caller.readableNamespaces());
        Projection projection = new Projection(query.fields());
        return new SearchResponse(page.items().stream().map(projection::apply).toList(), page.nextCursor(),
                page.total());
    }
}
