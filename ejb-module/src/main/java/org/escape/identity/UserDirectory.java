package org.escape.identity;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The local user records: finds the caller's record, provisions it on first sight from Keycloak
 * (never from the token), and applies what identity sync reads from Keycloak, each change in its
 * own transaction together with its {@link UserAccessChanged} event.
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

    @Inject
    private KeycloakAdminClient keycloak;

    @Inject
    private Event<UserAccessChanged> accessChanged;

    @Inject
    private AccessChangeRecorder recorder;

    private final Clock clock = Clock.systemUTC();

    /**
     * The record of the user a verified token names. A known user gets their local record as it
     * is — whatever the token claims, and whether or not Keycloak answers right now. An unknown
     * user is provisioned from what Keycloak's admin API says about them.
     *
     * @param subject the verified token's subject (the Keycloak user id); nothing else of the token is used
     * @return the record (possibly disabled: the caller decides how to refuse)
     * @throws IdentityProviderUnavailableException when a first-sight user cannot be confirmed
     * @throws AccountDisabledException when Keycloak does not know the token's subject any more
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public UserAccount currentUser(String subject) {
        Optional<UserAccount> known = self.findBySubject(subject);
        if (known.isPresent()) {
            return known.get();
        }
        Instant fetchedAt = Instant.now(clock);
        KeycloakUser user = keycloak.user(subject).orElseThrow(AccountDisabledException::new);
        try {
            return self.provision(user, fetchedAt);
        } catch (RuntimeException firstAttempt) {
            // Most likely a concurrent first request inserted the same user: read theirs.
            return self.findBySubject(subject).orElseThrow(() -> firstAttempt);
        }
    }

    /**
     * The record for a Keycloak subject, if the user has ever been seen.
     *
     * @param subject the Keycloak user id
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<UserAccount> findBySubject(String subject) {
        return em.createNamedQuery(UserAccount.BY_SUBJECT, UserAccount.class)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst();
    }

    /** The record of a user by sign-in name (case-insensitive), if they were ever seen here. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<UserAccount> findByUsername(String username) {
        return em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
                .setParameter("username", username.toLowerCase(java.util.Locale.ROOT))
                .getResultStream()
                .findFirst();
    }

    private static final String BIND = "eclipselink.jdbc.bind-parameters";

    /**
     * Enabled users whose username starts with, or whose display name contains, {@code query}
     * (case-insensitive), by username: for mentions and adding members. Shows people, never
     * their clearance.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public org.escape.platform.Page<Person> search(String query, org.escape.platform.PageRequest page) {
        String text = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
        if (text.length() > 100) {
            throw new org.escape.platform.InvalidRequestException("q must be at most 100 characters.");
        }
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        // enabled as a bound parameter: EclipseLink writes a boolean literal as 1, which H2 2.x refuses
        String where = " from UserAccount u where u.enabled = :enabled and (lower(u.username) like :prefix escape '\\'"
                + " or lower(u.displayName) like :contains escape '\\')";
        long total = em.createQuery("select count(u)" + where, Long.class)
                .setHint(BIND, "true").setParameter("enabled", Boolean.TRUE)
                .setParameter("prefix", escaped + "%").setParameter("contains", "%" + escaped + "%")
                .getSingleResult();
        List<Person> people = em.createQuery("select u" + where + " order by u.username", UserAccount.class)
                .setHint(BIND, "true").setParameter("enabled", Boolean.TRUE)
                .setParameter("prefix", escaped + "%").setParameter("contains", "%" + escaped + "%")
                .setFirstResult(page.offset()).setMaxResults(page.size())
                .getResultList().stream().map(UserAccount::person).toList();
        return new org.escape.platform.Page<>(people, total, page);
    }

    /** The local record with this id, if any (fresh from the database). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<UserAccount> findById(java.util.UUID id) {
        return Optional.ofNullable(em.find(UserAccount.class, id));
    }

    /** The local records with these ids, for decisions about other users (e.g. members); unknown ids are left out. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.Map<java.util.UUID, UserAccount> accounts(java.util.Collection<java.util.UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<java.util.UUID, UserAccount> found = new java.util.HashMap<>();
        for (UserAccount account : em.createNamedQuery(UserAccount.BY_IDS, UserAccount.class)
                .setParameter("ids", java.util.List.copyOf(new java.util.HashSet<>(ids))).getResultList()) {
            found.put(account.id(), account);
        }
        return found;
    }

    /** The people with these ids, as other users may see them; unknown ids are left out. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.Map<java.util.UUID, Person> people(java.util.Collection<java.util.UUID> ids) {
        java.util.Map<java.util.UUID, Person> people = new java.util.HashMap<>();
        accounts(ids).forEach((id, account) -> people.put(id, account.person()));
        return people;
    }

    /** The Keycloak ids of every local record: the users identity sync keeps current. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> knownSubjects() {
        return em.createNamedQuery(UserAccount.ALL_SUBJECTS, String.class).getResultList();
    }

    /**
     * Creates the record of a user seen for the first time (or, if a concurrent request or the
     * poller got there first, syncs theirs).
     *
     * @param user      what Keycloak answered
     * @param fetchedAt when that read started
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UserAccount provision(KeycloakUser user, Instant fetchedAt) {
        Optional<UserAccount> existing = find(user.id());
        if (existing.isPresent()) {
            existing.get().syncFrom(user, fetchedAt).ifPresent(this::announce);
            return existing.get();
        }
        UserAccount account = new UserAccount(user, fetchedAt, Instant.now(clock));
        em.persist(account);
        em.flush();
        recorder.provisioned(account);
        LOG.info(() -> "User provisioned from Keycloak: " + account);
        return account;
    }

    /**
     * Applies a snapshot read from Keycloak to the user's record, if there is one (users never
     * seen are not provisioned by sync) and it is not newer than the snapshot.
     *
     * @param user      what Keycloak answered
     * @param fetchedAt when that read started
     * @return the change, when access changed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<UserAccessChanged> apply(KeycloakUser user, Instant fetchedAt) {
        Optional<UserAccessChanged> change = find(user.id()).flatMap(account -> account.syncFrom(user, fetchedAt));
        change.ifPresent(this::announce);
        return change;
    }

    /**
     * Keycloak confirmed that it no longer knows this user: disable the record.
     *
     * @param subject     the Keycloak id
     * @param confirmedAt when the read that found the user missing started
     * @return the change, when access changed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<UserAccessChanged> applyDeleted(String subject, Instant confirmedAt) {
        Optional<UserAccessChanged> change = find(subject).flatMap(account -> account.markDeleted(confirmedAt));
        change.ifPresent(this::announce);
        return change;
    }

    private Optional<UserAccount> find(String subject) {
        return em.createNamedQuery(UserAccount.BY_SUBJECT, UserAccount.class)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst();
    }

    /** Fires the event synchronously, inside the transaction that changed the record. */
    private void announce(UserAccessChanged change) {
        em.flush();
        accessChanged.fire(change);
        LOG.info(() -> String.format("Access of %s (%s) changed: %s -> %s", change.username(), change.userId(),
                change.before(), change.after()));
    }
}
