package org.escape.web.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.escape.access.Role;
import org.escape.audit.AuditActor;
import org.escape.audit.AuditEvent;
import org.escape.audit.AuditTrail;
import org.escape.identity.AccountDisabledException;
import org.escape.identity.UserAccount;
import org.escape.identity.UserDirectory;
import org.escape.platform.NotPermittedException;

/**
 * The authenticated caller of the current request, resolved once per request to the local user
 * record (provisioned from Keycloak on first sight). Resources ask this bean, never the token, who
 * is calling and what they may do: the token only names the record.
 */
@RequestScoped
public class Caller {

    @Inject
    private JsonWebToken jwt;

    @Inject
    private UserDirectory users;

    @Inject
    private AuditTrail audit;

    private UserAccount account;

    /**
     * The caller's local record.
     *
     * @throws AccountDisabledException when the record is disabled (403)
     * @throws org.escape.identity.IdentityProviderUnavailableException when a new user cannot be
     *         confirmed with Keycloak (503)
     */
    public UserAccount account() {
        if (account == null) {
            UserAccount resolved = users.currentUser(jwt.getSubject());
            if (!resolved.enabled()) {
                throw new AccountDisabledException();
            }
            account = resolved;
        }
        return account;
    }

    /**
     * Refuses, and records the refusal, unless the caller's <em>local record</em> holds the role — not
     * merely the token, which may predate a revocation.
     *
     * @param function what the caller tried, for the audit trail (e.g. {@code audit.read})
     */
    public UserAccount requireRole(Role role, String function) {
        UserAccount caller = account();
        if (!caller.roles().contains(role)) {
            audit.recordDenial(AuditEvent.denied(AuditActor.user(caller.id(), caller.username()), function, null, null,
                    Map.of("requiredRole", role.claimName())));
            throw new NotPermittedException("This function needs the " + role.claimName() + " role.");
        }
        return caller;
    }
}
