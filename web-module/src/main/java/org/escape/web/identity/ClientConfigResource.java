package org.escape.web.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/client-config}: where the single-page app signs in. Public, because the app needs
 * it before it has a token; it holds nothing secret (the browser client is a public PKCE client).
 */
@Path("client-config")
@Tag(name = "Identity")
@PermitAll
public class ClientConfigResource {

    /** The sign-in settings of the browser client. */
    public record ClientConfig(String keycloakUrl, String realm, String clientId) {
    }

    @Inject
    @ConfigProperty(name = "escape.keycloak.url", defaultValue = "http://localhost:8180")
    private String keycloakUrl;

    @Inject
    @ConfigProperty(name = "escape.keycloak.realm", defaultValue = "escape")
    private String realm;

    @Inject
    @ConfigProperty(name = "escape.keycloak.web-client", defaultValue = "escape-web")
    private String clientId;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign-in settings for the browser client (public)")
    public ClientConfig clientConfig() {
        return new ClientConfig(keycloakUrl, realm, clientId);
    }
}
