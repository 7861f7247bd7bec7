package org.escape.web.identity;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.escape.access.Role;
import org.escape.identity.UserAccount;
import org.escape.web.api.AuthenticationRequiredFilter;

/**
 * On every authenticated API call, before any resource or role check runs: resolves the caller's
 * local record (refusing a disabled account with 403 and an unconfirmable new one with 503), and
 * replaces the security context so that {@code @RolesAllowed} and {@code isUserInRole} answer from
 * the record's roles, not from the token's {@code groups} — a role removed in Keycloak stops
 * working with the next poll, even for a token that still lists it.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 10)
public class CurrentAccountFilter implements ContainerRequestFilter {

    @Context
    private ResourceInfo resourceInfo;

    @Inject
    private Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext original = request.getSecurityContext();
        if (original == null || original.getUserPrincipal() == null || AuthenticationRequiredFilter.isPublic(resourceInfo)) {
            return; // no caller (AuthenticationRequiredFilter answers 401) or a public resource
        }
        UserAccount account = caller.account();
        request.setSecurityContext(new LocalRecordSecurityContext(original, account));
    }

    /** The token's principal, the local record's roles. */
    private record LocalRecordSecurityContext(SecurityContext token, UserAccount account) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return token.getUserPrincipal();
        }

        @Override
        public boolean isUserInRole(String role) {
            return Role.fromClaim(role).map(account.roles()::contains).orElse(false);
        }

        @Override
        public boolean isSecure() {
            return token.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return token.getAuthenticationScheme();
        }
    }
}
