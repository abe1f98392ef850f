package io.metastore.search.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.observability.MetastoreMetrics;
import io.metastore.search.control.SearchPage;
import io.metastore.search.control.SearchQuery;
import io.metastore.search.control.SearchRequestParser;
import io.metastore.search.control.SearchService;
import io.metastore.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /records/search}. The caller's readable namespaces bound every search, so no filter can widen it.
 */
@Path("records/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "records")
@SecurityRequirement(name = "jwt")
public class SearchResource {

    @Inject
    SearchService searches;

    @Inject
    Caller caller;

    @Inject
    MetastoreMetrics metrics;

    private final SearchRequestParser parser = new SearchRequestParser();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search records", description = "Filters, projection, multi-field sort and keyset paging, "
            + "answered from PostgreSQL's indexes; only namespaces the caller may read are searched.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SearchRequest.class)))
    @APIResponse(responseCode = "200", description = "one page of results",
            content = @Content(schema = @Schema(implementation = SearchResponse.class)))
    @APIResponse(responseCode = "503", description = "database unavailable, or the search exceeded its time limit")
    public SearchResponse search(JsonNode body) {
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
