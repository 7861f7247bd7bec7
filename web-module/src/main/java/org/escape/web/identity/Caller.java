package org.escape.web.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.escape.identity.UserAccount;
import org.escape.identity.UserDirectory;
import org.escape.platform.NotPermittedException;

/**
 * The authenticated caller of the current request, resolved once per request to the local user
 * record (provisioned on first sight). Resources ask this bean, never the token, who is calling.
 */
@RequestScoped
public class Caller {

    @Inject
    private JsonWebToken jwt;

    @Inject
    private UserDirectory users;

    private UserAccount account;

    /** The caller's local record; a disabled user is refused. */
    public UserAccount account() {
        if (account == null) {
            UserAccount resolved = users.currentUser(TokenClaims.from(jwt));
            if (!resolved.enabled()) {
                throw new NotPermittedException("Your account is disabled.");
            }
            account = resolved;
        }
        return account;
    }
}
