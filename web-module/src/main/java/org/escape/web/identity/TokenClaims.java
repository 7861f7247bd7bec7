package org.escape.web.identity;

import jakarta.json.JsonString;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.escape.access.CountryCode;
import org.escape.access.Level;
import org.escape.access.Role;
import org.escape.identity.IdentityClaims;

/** Reads the claims ESCAPE uses from a token MicroProfile JWT has already verified. */
final class TokenClaims {

    private TokenClaims() {
    }

    static IdentityClaims from(JsonWebToken jwt) {
        String username = text(jwt, "preferred_username").orElseGet(jwt::getName);
        String displayName = text(jwt, "name")
                .or(() -> text(jwt, "given_name").map(given -> text(jwt, "family_name")
                        .map(family -> given + " " + family).orElse(given)))
                .orElse(username);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (jwt.getGroups() != null) {
            jwt.getGroups().stream().map(Role::fromClaim).flatMap(Optional::stream).forEach(roles::add);
        }
        return new IdentityClaims(
                jwt.getSubject(),
                username,
                displayName,
                text(jwt, "country").flatMap(CountryCode::parse).orElse(null),
                text(jwt, "clearance").flatMap(Level::parse).orElse(Level.UNCLASSIFIED),
                roles,
                Instant.ofEpochSecond(jwt.getIssuedAtTime()));
    }

    /** A string claim, whichever representation the JWT implementation chose for it. */
    private static Optional<String> text(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        String text;
        if (value == null) {
            return Optional.empty();
        } else if (value instanceof JsonString json) {
            text = json.getString();
        } else if (value instanceof String plain) {
            text = plain;
        } else {
            text = value.toString();
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }
}
