package org.escape.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.escape.access.Level;
import org.escape.access.Role;

/**
 * What a verified access token says about its subject, already normalised: a malformed country is
 * absent, a missing or unknown clearance is {@link Level#UNCLASSIFIED} (the least access), and only
 * roles ESCAPE knows are kept.
 *
 * <p>Only {@link #subject()} decides anything: it names the local record. The other claims are a
 * picture of the user at {@code iat} and never change a record or an authorization decision (see
 * the package documentation).
 *
 * @param subject     the identity provider's stable user id ({@code sub})
 * @param username    the sign-in name ({@code preferred_username})
 * @param displayName a human name, or the username when the token has none
 * @param country     ISO alpha-3 code, or {@code null} when the user has none
 * @param clearance   the user's clearance
 * @param roles       the ESCAPE realm roles in the token
 * @param issuedAt    when the token was issued ({@code iat})
 */
public record IdentityClaims(String subject, String username, String displayName, String country,
                             Level clearance, Set<Role> roles, Instant issuedAt) {

    public IdentityClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(clearance, "clearance");
        Objects.requireNonNull(issuedAt, "issuedAt");
        roles = Set.copyOf(roles);
    }
}
