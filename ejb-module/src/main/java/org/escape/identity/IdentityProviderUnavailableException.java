package org.escape.identity;

import org.escape.platform.UnavailableException;

/**
 * Keycloak's admin API could not be asked (down, unreachable, refusing our client, answering
 * nonsense). The web boundary answers 503; nothing is decided in the caller's favour.
 */
public class IdentityProviderUnavailableException extends UnavailableException {

    private static final long serialVersionUID = 1L;

    /** The detail every caller sees; the cause goes to the log only. */
    public static final String MESSAGE =
            "The identity provider is unavailable, so your account cannot be confirmed. Try again shortly.";

    /**
     * @param cause what went wrong talking to Keycloak (logged, never shown to the caller)
     */
    public IdentityProviderUnavailableException(Throwable cause) {
        super(MESSAGE, cause);
    }
}
