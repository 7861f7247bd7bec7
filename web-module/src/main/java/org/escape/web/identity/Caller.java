package org.escape.web.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.escape.identity.AccountDisabledException;
import org.escape.identity.UserAccount;
import org.escape.identity.UserDirectory;

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
            UserAccount resolved = users.currentUser(TokenClaims.from(jwt));
            if (!resolved.enabled()) {
                throw new AccountDisabledException();
            }
            account = resolved;
        }
        return account;
    }
}
