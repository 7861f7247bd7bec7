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
                    + " provisioned from Keycloak on the first request and kept current from Keycloak (changes apply"
                    + " within 30 s, also to tokens issued before them).")
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The account is disabled (or deleted) in Keycloak")
    @APIResponse(responseCode = "503", description = "First sign-in while the identity provider is unavailable")
    public MeView me() {
        return MeView.of(caller.account());
    }
}
