package org.escape.web.identity;

import java.util.List;
import org.escape.access.Role;
import org.escape.identity.UserAccount;

/**
 * The caller as {@code GET /api/v1/me} shows them.
 *
 * @param country ISO alpha-3, or null when the identity provider gave none
 */
public record MeView(String id, String username, String displayName, String country, String clearance,
                     List<String> roles) {

    static MeView of(UserAccount account) {
        return new MeView(account.id().toString(), account.username(), account.displayName(),
                account.country().orElse(null), account.clearance().name(),
                account.roles().stream().sorted().map(Role::claimName).toList());
    }
}
