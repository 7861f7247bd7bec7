package org.escape.web.search;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.escape.access.Role;
import org.escape.search.SearchService;
import org.escape.web.identity.Caller;

/** {@code /api/v1/admin/reindex}: rebuild the search index from the database (administrators). */
@Path("admin/reindex")
@Tag(name = "Search")
@Produces(MediaType.APPLICATION_JSON)
public class ReindexResource {

    @Inject
    private Caller caller;

    @Inject
    private SearchService search;

    @POST
    @Operation(summary = "Start a full rebuild (admin): 202 with the status; a rebuild already running is not restarted")
    public Response start() {
        var admin = caller.requireRole(Role.ADMIN, "search.reindex");
        return Response.accepted(ReindexStatusView.of(search.reindex(admin))).build();
    }

    @GET
    @Operation(summary = "Progress of the latest rebuild (admin)")
    public ReindexStatusView status() {
        return ReindexStatusView.of(search.reindexStatus(caller.requireRole(Role.ADMIN, "search.reindex.status")));
    }
}
