package org.escape.identity;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps every local user record current from Keycloak: polls the realm's admin events every few
 * seconds and re-reads the users they name, and reconciles all users periodically (and once
 * at start-up) as the safety net for anything events miss. Users Keycloak knows but who never
 * signed in here are provisioned too (events and reconciliation alike), so that colleagues can
 * mention them or add them to an incident before their first visit. See the package documentation for the
 * design and the 30 s bound.
 *
 * <p>Runs on two non-persistent EJB timers of this singleton; a tick that finds the previous one
 * still running is skipped, so polls and reconciliations never interleave (a long reconciliation
 * polls between its pages itself). HTTP calls run outside any transaction; each record change
 * commits in its own transaction in {@link UserDirectory}.
 *
 * <p>Configuration (MicroProfile Config): {@code escape.identity.sync.enabled} (true),
 * {@code escape.identity.poll-interval} (PT3S), {@code escape.identity.reconcile-period} (PT5M).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class IdentitySync {

    private static final Logger LOG = Logger.getLogger(IdentitySync.class.getName());

    /** The admin-event resource types that can change what ESCAPE reads about a user. */
    static final List<String> RESOURCE_TYPES =
            List.of("USER", "REALM_ROLE_MAPPING", "GROUP_MEMBERSHIP", "REALM_ROLE", "GROUP", "REALM");

    private static final int EVENT_PAGE = 100;
    private static final int MAX_EVENT_PAGES = 10;
    private static final int USER_PAGE = 100;
    private static final long EVENT_OVERLAP_MILLIS = 5_000;
    /** How far before start-up the first poll looks; start-up reconciliation covers anything older. */
    private static final long START_LOOKBACK_MILLIS = 60_000;

    private static final String POLL = "identity-sync-poll";
    private static final String RECONCILE = "identity-sync-reconcile";

    @Resource
    private TimerService timers;

    @EJB
    private UserDirectory directory;

    @Inject
    private KeycloakAdminClient keycloak;

    @Inject
    @ConfigProperty(name = "escape.identity.sync.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "escape.identity.poll-interval", defaultValue = "PT3S")
    Duration pollInterval;

    @Inject
    @ConfigProperty(name = "escape.identity.reconcile-period", defaultValue = "PT5M")
    Duration reconcilePeriod;

    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock running = new ReentrantLock();
    private final OutageTracker outage = new OutageTracker();
    private final Set<String> retry = new LinkedHashSet<>();
    private EventWindow window;
    private boolean reconcileRequested;
    private volatile Instant lastSuccess;

    @PostConstruct
    void start() {
        if (!enabled) {
            LOG.warning("Identity sync is switched off (escape.identity.sync.enabled=false): local user records"
                    + " will not follow changes made in Keycloak.");
            return;
        }
        if (!keycloak.configured()) {
            LOG.severe("Identity sync has no client secret (escape.keycloak.backend-secret, password alias"
                    + " escape-backend-secret): it cannot read Keycloak, and new users will be refused with 503.");
        }
        window = new EventWindow(clock.millis() - START_LOOKBACK_MILLIS, EVENT_OVERLAP_MILLIS);
        timers.createIntervalTimer(Duration.ofSeconds(1).toMillis(), reconcilePeriod.toMillis(),
                new TimerConfig(RECONCILE, false));
        timers.createIntervalTimer(pollInterval.toMillis(), pollInterval.toMillis(), new TimerConfig(POLL, false));
        LOG.info(() -> String.format("Identity sync started: admin events every %d ms, full reconciliation every %s",
                pollInterval.toMillis(), reconcilePeriod));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick(Timer timer) {
        if (!running.tryLock()) {
            return; // the previous tick is still at work
        }
        try {
            boolean wasDown = outage.inOutage();
            boolean reconciling = RECONCILE.equals(timer.getInfo()) || reconcileRequested || wasDown;
            if (reconciling) {
                // After an outage too: events kept in Keycloak are polled anyway, this catches the rest.
                poll();
                reconcile();
            } else {
                poll();
            }
            lastSuccess = clock.instant();
            Optional<Duration> ended = outage.succeeded(clock.instant());
            if (ended.isPresent()) {
                LOG.info(() -> String.format("Keycloak reachable again after %d s; identity sync resumed.",
                        ended.get().toSeconds()));
            }
        } catch (RuntimeException e) {
            if (outage.failed(clock.instant())) {
                LOG.log(Level.WARNING, "Identity sync cannot read Keycloak (" + describe(e) + "). Known users keep"
                        + " their last known record, new users are refused with 503 until it answers again;"
                        + " retrying every " + pollInterval.toSeconds() + " s without further warnings.");
                LOG.log(Level.FINE, "Identity sync failure", e);
            }
        } finally {
            running.unlock();
        }
    }

    /** When the last poll or reconciliation completed, for health checks; empty before the first. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    private void poll() {
        List<AdminEvent> events = new ArrayList<>();
        boolean truncated = true;
        long from = window.from();
        for (int page = 0; page < MAX_EVENT_PAGES; page++) {
            List<AdminEvent> batch = keycloak.adminEvents(from, page * EVENT_PAGE, EVENT_PAGE, RESOURCE_TYPES);
            events.addAll(batch);
            if (batch.size() < EVENT_PAGE) {
                truncated = false;
                break;
            }
        }
        List<AdminEvent> fresh = window.accept(events);
        SyncWork work = SyncWork.of(fresh);
        // Until a user is applied, they stay in "retry": an outage half-way loses nobody.
        retry.addAll(work.userIds());
        if (!retry.isEmpty()) {
            Set<String> known = new HashSet<>(directory.knownSubjects());
            for (String id : List.copyOf(retry)) {
                refresh(id, known.contains(id));
            }
        }
        if (work.reconcileAll() || truncated) {
            reconcileRequested = true;
        }
    }

    /** Re-reads one user and applies what Keycloak says; a failure leaves the user for the next poll. */
    private void refresh(String id, boolean known) {
        try {
            Instant fetchedAt = clock.instant();
            Optional<KeycloakUser> user = keycloak.user(id);
            if (user.isPresent() && !known) {
                directory.provision(user.get(), fetchedAt);
            } else if (user.isPresent()) {
                directory.apply(user.get(), fetchedAt);
            } else if (known) {
                directory.applyDeleted(id, fetchedAt);
            }
            retry.remove(id);
        } catch (IdentityProviderUnavailableException e) {
            retry.add(id);
            throw e;
        } catch (RuntimeException e) {
            retry.add(id);
            LOG.log(Level.WARNING, "Could not apply the Keycloak state of user " + id + "; retrying next poll", e);
        }
    }

    private void reconcile() {
        reconcileRequested = false;
        long started = System.nanoTime();
        Set<String> known = new HashSet<>(directory.knownSubjects());
        Set<String> seen = new HashSet<>();
        int changed = 0;
        for (int first = 0; ; first += USER_PAGE) {
            Instant pageAt = clock.instant();
            List<JsonObject> page = keycloak.userPage(first, USER_PAGE);
            for (JsonObject raw : page) {
                String id = raw.getString("id", "");
                seen.add(id);
                KeycloakUser user = KeycloakAdminClient.toUser(raw, keycloak.realmRoles(id));
                if (!known.contains(id)) {
                    // provisioned ahead of their first sign-in, so colleagues can mention or add them
                    directory.provision(user, pageAt);
                    changed++;
                } else if (directory.apply(user, pageAt).isPresent()) {
                    changed++;
                }
            }
            if (page.size() < USER_PAGE) {
                break;
            }
            poll(); // keep the 30 s bound while a long reconciliation pages on
        }
        // Paging can skip a user when others are created or deleted meanwhile: confirm one by one.
        for (String id : known) {
            if (!seen.contains(id)) {
                refresh(id, true);
            }
        }
        int changes = changed;
        LOG.info(() -> String.format("Identity reconciliation: %d Keycloak users, %d known locally, %d changed (%d ms)",
                seen.size(), known.size(), changes, (System.nanoTime() - started) / 1_000_000));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
