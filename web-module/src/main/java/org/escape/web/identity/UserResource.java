package org.escape.web.identity;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.escape.identity.UserDirectory;
import org.escape.platform.PageRequest;
import org.escape.web.api.PageView;
import org.escape.web.api.PersonView;

/** {@code /api/v1/users?q=}: find colleagues to mention or add, by username prefix or name. */
@Path("users")
@Tag(name = "Identity")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    private Caller caller;

    @Inject
    private UserDirectory users;

    @GET
    @Operation(summary = "Enabled users whose username starts with q or whose name contains it",
            description = "Shows id, username, display name and country — never a clearance.")
    public PageView<PersonView> search(@QueryParam("q") String q, @QueryParam("page") String page,
                                       @QueryParam("size") String size) {
        caller.account();
        return PageView.of(users.search(q, PageRequest.parse(page, size)), PersonView::of);
    }
}
