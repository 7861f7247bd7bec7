/**
 * Who the caller is, as ESCAPE knows them: the local user record that follows Keycloak, and the
 * identity sync that keeps it current. Authorization reads this record — country, clearance,
 * roles, enabled — and never a token's claims, so that an administrator's change applies to
 * tokens issued before it.
 *
 * <h2>Events for speed, reconciliation for certainty</h2>
 * {@link org.escape.identity.IdentitySync} polls the realm's admin events every few seconds
 * ({@code escape.identity.poll-interval}, default 3 s) and re-reads each user an event names
 * ({@link org.escape.identity.SyncWork}): attribute changes arrive as {@code USER UPDATE}, role
 * grants and removals as {@code REALM_ROLE_MAPPING}, disabling as {@code USER UPDATE}, deletion as
 * {@code USER DELETE}. The event is only a hint; the user's state is always re-read from the admin
 * API, so event details never matter. Events can be missed — admin events switched off, expired,
 * a change to a group or a composite role that names no user, a restart — so a full
 * reconciliation pages through all users every {@code escape.identity.reconcile-period} (default
 * 5 min), once at start-up and once after every Keycloak outage.
 *
 * <h2>The 30 s bound</h2>
 * A change made in Keycloak is visible to the next poll, at most one poll interval later; reading
 * the user and committing takes well under a second. With the default 3 s interval a change applies
 * within about 4 s (the integration test measures it), leaving a wide margin under the product's
 * 30 s. A long reconciliation polls between its pages, so it never holds events back. Because
 * every request resolves the caller's record afresh, the next request after the commit sees the
 * change, whatever token it carries.
 *
 * <h2>Ordering: nothing rolls a record back</h2>
 * Each snapshot carries the moment its read <em>started</em>; a record ignores snapshots older
 * than the one it holds ({@link org.escape.identity.UserAccount#syncFrom}). Tokens no longer
 * refresh a record at all: a token's {@code iat} is stamped by Keycloak's clock with one-second
 * precision, while sync stamps records with ours, so "token newer than record" cannot be decided
 * safely — one second of skew would let a token issued before a downgrade undo it until the next
 * reconciliation. The only cost is that a change made in Keycloak appears after the next poll
 * rather than with the next token.
 *
 * <h2>Fail closed</h2>
 * A user seen for the first time is provisioned from the admin API, never from the token; if
 * Keycloak cannot be asked the request fails with 503 ("identity provider unavailable",
 * {@link org.escape.identity.IdentityProviderUnavailableException}). Users already known keep
 * working on their last known record — which an outage can only leave as strict as it was, never
 * widen. The poller logs one warning when an outage starts and one line when it ends
 * ({@link org.escape.identity.OutageTracker}), then reconciles. A disabled or deleted user is
 * refused on every call with 403 ({@link org.escape.identity.AccountDisabledException}).
 *
 * <h2>Changes as events</h2>
 * Every change of access fires {@link org.escape.identity.UserAccessChanged} synchronously inside
 * the transaction that changes the record: audit observers write in that transaction, observers
 * that push to sockets or drop caches use {@code TransactionPhase.AFTER_SUCCESS}.
 *
 * <h2>Why not {@code keycloak-admin-client}</h2>
 * The official client is a RESTEasy proxy client with Jackson. Inside Payara's EAR it would bring a
 * second JAX-RS implementation next to Payara's Jersey: {@code jakarta.ws.rs.client.ClientBuilder}
 * and {@code RuntimeDelegate} are found through the JAX-RS API that Payara loads itself, so which
 * implementation answers depends on class-loader order, and RESTEasy's providers would compete with
 * Jersey's. We need five read-only GET calls and a client-credentials grant, so
 * {@link org.escape.identity.KeycloakAdminClient} uses the JDK's {@code HttpClient} and JSON-P
 * against the documented admin REST API instead: no new dependency, nothing to conflict.
 */
package org.escape.identity;
