package org.escape.web.search;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.escape.search.SearchCriteria;
import org.escape.search.SearchService;
import org.escape.web.identity.Caller;

/** {@code /api/v1/search}: one query over everything the caller may read. */
@Path("search")
@Tag(name = "Search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    private Caller caller;

    @Inject
    private SearchService search;

    @GET
    @Operation(summary = "Search readable items: phrases, AND/OR/NOT, -word, title:, tag:, type:; filters repeatable or"
            + " comma-separated; q is cut to 1,000 characters; totals and facets (type, tag, classification, status, date)"
            + " count readable matches only")
    public SearchResultView search(@QueryParam("q") String q, @QueryParam("type") List<String> type,
                                   @QueryParam("tag") List<String> tag,
                                   @QueryParam("classification") List<String> classification,
                                   @QueryParam("status") List<String> status, @QueryParam("from") String from,
                                   @QueryParam("to") String to, @QueryParam("page") String page,
                                   @QueryParam("size") String size) {
        return SearchResultView.of(search.search(caller.account(),
                new SearchCriteria(q, type, tag, classification, status, from, to, page, size)));
    }

    @GET
    @Path("suggest")
    @Operation(summary = "Completions while typing: titles and tags of readable items (at most 10)")
    public SuggestionsView suggest(@QueryParam("q") String q) {
        return new SuggestionsView(search.suggest(caller.account(), q));
    }
}
