package org.escape.web.identity;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/me}: who the platform believes the caller is. */
@Path("me")
@Tag(name = "Identity")
public class MeResource {

    @Inject
    private Caller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's profile",
            description = "Id, username, display name, country, clearance and roles from the caller's local record,"
                    + " provisioned on the first request.")
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public MeView me() {
        return MeView.of(caller.account());
    }
}
