package org.escape.identity;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.escape.access.Role;
import org.escape.audit.AuditActor;
import org.escape.audit.AuditEvent;
import org.escape.audit.AuditTrail;

/**
 * Finds the local record of the caller and provisions it on first sight (just-in-time).
 *
 * <p>Two first requests of the same new user can race; the unique constraint on the Keycloak id
 * lets exactly one insert win, and the loser simply reads the winner's row.
 */
@Stateless
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class.getName());

    @PersistenceContext(unitName = "escape")
    private EntityManager em;

    @EJB
    private UserDirectory self;

    @EJB
    private AuditTrail audit;

    private final Clock clock = Clock.systemUTC();

    /** The record of the user the claims describe, created or refreshed as needed. */
    public UserAccount currentUser(IdentityClaims claims) {
        try {
            return self.provision(claims);
        } catch (RuntimeException firstAttempt) {
            // Most likely a concurrent first request inserted the same user: read theirs.
            return self.findBySubject(claims.subject()).orElseThrow(() -> firstAttempt);
        }
    }

    /** The access-relevant facts of a record, for the audit trail (never content). */
    static Map<String, String> accessFacts(UserAccount account, String source) {
        return Map.of(
                "username", account.username(),
                "country", account.country().orElse("-"),
                "clearance", account.clearance().name(),
                "roles", account.roles().stream().sorted().map(Role::claimName).collect(Collectors.joining(",")),
                "enabled", Boolean.toString(account.enabled()),
                "source", source);
    }

    /** The record for a Keycloak subject, if the user has ever been seen. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<UserAccount> findBySubject(String subject) {
        return em.createNamedQuery(UserAccount.BY_SUBJECT, UserAccount.class)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UserAccount provision(IdentityClaims claims) {
        Optional<UserAccount> existing = em.createNamedQuery(UserAccount.BY_SUBJECT, UserAccount.class)
                .setParameter("subject", claims.subject())
                .getResultStream()
                .findFirst();
        if (existing.isPresent()) {
            UserAccount account = existing.get();
            if (account.refreshFrom(claims)) {
                audit.record(AuditEvent.success(AuditActor.SYSTEM, "identity.user.updated", "user",
                        account.id().toString(), accessFacts(account, "token")));
                LOG.info(() -> String.format("User %s (%s) updated from a newer token: %s %s %s",
                        account.username(), account.id(), account.country().orElse("-"),
                        account.clearance(), account.roles()));
            }
            return account;
        }
        UserAccount account = new UserAccount(claims, Instant.now(clock));
        em.persist(account);
        em.flush();
        audit.record(AuditEvent.success(AuditActor.user(account.id(), account.username()),
                "identity.user.provisioned", "user", account.id().toString(), accessFacts(account, "token")));
        LOG.info(() -> String.format("User %s provisioned as %s: %s %s %s", account.username(), account.id(),
                account.country().orElse("-"), account.clearance(), account.roles()));
        return account;
    }
}
