package org.escape.identity;

import org.escape.platform.NotPermittedException;

/**
 * The caller's token is genuine, but their local record says the account is disabled (or
 * deleted) in Keycloak. Answered as 403: the caller is known, and signing in again would not
 * help — Keycloak refuses new tokens to a disabled user anyway.
 */
public class AccountDisabledException extends NotPermittedException {

    private static final long serialVersionUID = 1L;

    /** The detail every disabled caller sees. */
    public static final String MESSAGE = "Your account is disabled.";

    /** The one refusal for a disabled account. */
    public AccountDisabledException() {
        super(MESSAGE);
    }
}
