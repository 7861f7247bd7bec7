package org.escape.web.api;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Every API call needs a verified bearer token unless its resource says {@code @PermitAll}.
 *
 * <p>MicroProfile JWT verifies a token when one is sent; a request without one (or whose token was
 * rejected) reaches JAX-RS with no caller, and {@code @RolesAllowed} alone would answer 403. This
 * filter answers 401 with a problem document and a {@code WWW-Authenticate} challenge instead, so
 * "who are you?" and "you may not" stay distinct — and nothing is served anonymously by accident.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationRequiredFilter implements ContainerRequestFilter {

    @Context
    private ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPublic(resourceInfo)) {
            return;
        }
        if (request.getSecurityContext() == null || request.getSecurityContext().getUserPrincipal() == null) {
            request.abortWith(ProblemResponses.of(ProblemKind.UNAUTHENTICATED,
                    "Send a valid access token of the realm 'escape' as 'Authorization: Bearer <token>'."));
        }
    }

    /** True when the matched resource method or its class is {@code @PermitAll} (no token needed). */
    public static boolean isPublic(ResourceInfo resourceInfo) {
        if (resourceInfo == null || resourceInfo.getResourceMethod() == null) {
            return false;
        }
        return resourceInfo.getResourceMethod().isAnnotationPresent(PermitAll.class)
                || resourceInfo.getResourceClass().isAnnotationPresent(PermitAll.class);
    }
}
