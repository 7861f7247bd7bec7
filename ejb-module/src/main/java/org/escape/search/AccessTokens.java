package org.escape.search;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code acc:} security tokens: access conditions beyond the label that a reader must meet,
 * in the same token language as {@code access.LabelTokens} ({@code lvl:}, {@code rel:}).
 *
 * <p>Every document carries at least one {@code acc:} token, and every reader profile has one
 * group of them, so the filter is always "label passes R1 <em>and</em> one access condition is
 * met":
 * <ul>
 *   <li>{@value #OPEN}: no condition beyond the label — forum threads and posts, articles, and
 *       incidents with access {@code CLEARED}. Every reader's access group contains it.</li>
 *   <li>{@code acc:INC-<incident id>}: only members of that incident (access {@code MEMBERS}); a
 *       member's access group gains the token of each incident they belong to (to be wired when
 *       incidents are indexed).</li>
 *   <li>{@code acc:USR-<user id>} and {@value #MODERATORS}: an article that is not published
 *       (a draft, or in review) is read by its author and by moderators
 *       ({@code AccessRules.mayReadArticle}); every reader's group holds their own user token, and
 *       moderators' the moderators' token.</li>
 * </ul>
 * A document that forgot its access token would be found by nobody — the failure is closed, not
 * open.
 *
 * <p>Stateless and thread-safe.
 */
public final class AccessTokens {

    /** Prefix of every access token. */
    public static final String PREFIX = "acc:";
    /** The access token of items that need nothing beyond their label. */
    public static final String OPEN = PREFIX + "OPEN";
    /** Prefix of the token of an incident's members. */
    public static final String INCIDENT_PREFIX = PREFIX + "INC-";

    /** The token unpublished articles carry for moderators. */
    public static final String MODERATORS = PREFIX + "MOD";
    /** Prefix of a user's own token (their unpublished articles). */
    public static final String USER_PREFIX = PREFIX + "USR-";

    private AccessTokens() {
    }

    /** The token a members-only incident's documents carry and its members' profiles hold. */
    public static String incidentMembers(UUID incidentId) {
        return INCIDENT_PREFIX + Objects.requireNonNull(incidentId, "incidentId");
    }

    /** The token of {@code userId}'s own unpublished articles. */
    public static String user(UUID userId) {
        return USER_PREFIX + Objects.requireNonNull(userId, "userId");
    }

    /** The access group of a reader who belongs to no members-only incident. */
    public static Set<String> openOnly() {
        return Set.of(OPEN);
    }
}
