package org.escape.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Collectors;
import org.escape.access.Role;
import org.escape.audit.AuditActor;
import org.escape.audit.AuditEvent;
import org.escape.audit.AuditTrail;

/**
 * Writes identity changes into the audit trail in the transaction that makes them: a user's
 * first provisioning and every change of country, clearance, roles or enabled flag that identity
 * sync applies. The observer runs synchronously ({@code IN_PROGRESS}), so a change and its record
 * commit or roll back together.
 */
@ApplicationScoped
public class AccessChangeRecorder {

    @Inject
    private AuditTrail audit;

    /** Records an access change that identity sync applied (the platform is the actor). */
    void onAccessChanged(@Observes UserAccessChanged change) {
        audit.record(AuditEvent.success(AuditActor.SYSTEM, "identity.user.access-changed", "user",
                change.userId().toString(), Map.of(
                        "username", change.username(),
                        "before", describe(change.before()),
                        "after", describe(change.after()),
                        "restriction", Boolean.toString(change.isRestriction()))));
    }

    /** Records a user's first appearance, with the access Keycloak gave them. */
    void provisioned(UserAccount account) {
        audit.record(AuditEvent.success(AuditActor.user(account.id(), account.username()),
                "identity.user.provisioned", "user", account.id().toString(), Map.of(
                        "username", account.username(),
                        "access", describe(new AccessState(account.country().orElse(null), account.clearance(),
                                account.roles(), account.enabled())))));
    }

    private static String describe(AccessState state) {
        return (state.country() == null ? "-" : state.country()) + " " + state.clearance().name() + " ["
                + state.roles().stream().sorted().map(Role::claimName).collect(Collectors.joining(",")) + "]"
                + (state.enabled() ? "" : " disabled");
    }
}
