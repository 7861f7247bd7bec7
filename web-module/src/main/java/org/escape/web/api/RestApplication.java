package org.escape.web.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.escape.access.Role;

/**
 * The public API v1. Bearer tokens are access tokens of the Keycloak realm {@code escape},
 * verified by MicroProfile JWT (issuer, signature from the realm's JWKS, audience, expiry); the
 * settings are Payara configuration written by {@code ./escape}, so they differ per installation.
 *
 * <p>{@code @ApplicationScoped} makes this a CDI bean, which Payara needs to produce
 * {@code JsonWebToken} (Payara issue 6252).
 */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "escape")
@DeclareRoles({Role.MEMBER_NAME, Role.MODERATOR_NAME, Role.AUDITOR_NAME, Role.ADMIN_NAME})
@ApplicationScoped
@OpenAPIDefinition(
        info = @Info(title = "ESCAPE API", version = "1",
                description = "Secure collaboration for CERT experts: forums, incident rooms, knowledge base and"
                        + " search, every item labelled. Unreadable items answer exactly like missing ones (404)."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An access token of the Keycloak realm 'escape'.")
public class RestApplication extends Application {
}
