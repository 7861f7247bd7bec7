package org.escape.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The security rules of ESCAPE (PRODUCT.md, "The security model"), as pure functions. This is the
 * one implementation: services call it, and every query-side form of R1 ({@link StoredLabel} with
 * {@link LabelPredicate} for SQL and JPQL, {@link LabelTokens} for Lucene) is derived from the
 * same definitions and tested for agreement with {@link #mayRead(Reader, List)}.
 *
 * <ul>
 *   <li><b>R1 read</b> — {@link #mayRead(Reader, List)}: for the item's label and the label of
 *       every container above it, clearance ≥ classification and (releasable to ALL or the
 *       reader's country is listed). Incident rooms add membership:
 *       {@link #mayReadIncident(Reader, Label, IncidentAccess, boolean)}; unpublished articles add
 *       authorship or the moderator role: {@link #mayReadArticle(Reader, Label, boolean, boolean)}.
 *   <li><b>W1 containment</b> — {@link #containmentHolds(Label, Label)}: a new item's label
 *       dominates its container's.
 *   <li><b>W2 no write-up blindness</b> — {@link #mayAssign(Reader, Label)}: only a label the
 *       user could read themselves.
 *   <li><b>W3 no write-down</b> — {@link #mayRelabel(Label, Label)} and
 *       {@link #mayMoveContent(Label, Label)}: nothing loosens a label or moves content to a label
 *       that does not dominate its source.
 * </ul>
 *
 * <p>Roles appear nowhere here: admins, moderators and auditors read exactly what R1 lets them.
 * The {@code check…} methods combine the rules a write needs and say which one refused and why.
 *
 * <p>Stateless and thread-safe. Arguments must not be null.
 */
public final class AccessRules {

    private AccessRules() {
    }

    // ---------------------------------------------------------------- R1

    /**
     * R1: may {@code reader} read an item whose label, with those of its containers, is
     * {@code chain}? True when the reader passes every label of the chain.
     *
     * @param chain the labels from the outermost container down to the item (order does not
     *              matter), e.g. forum, thread, post; or incident, message
     * @throws IllegalArgumentException when the chain is empty: an item always has a label, so an
     *         empty chain means the caller lost it, and answering either way would hide the bug
     */
    public static boolean mayRead(Reader reader, List<Label> chain) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A label chain needs at least the item's own label.");
        }
        for (Label label : chain) {
            if (!passes(reader, Objects.requireNonNull(label, "label in chain"))) {
                return false;
            }
        }
        return true;
    }

    /** {@link #mayRead(Reader, List)} for a literal chain: {@code mayRead(reader, forum, thread, post)}. */
    public static boolean mayRead(Reader reader, Label... chain) {
        return mayRead(reader, Arrays.asList(Objects.requireNonNull(chain, "chain")));
    }

    /**
     * R1 on a single label: clearance covers the classification and the releasability permits the
     * reader's country (a reader without a country passes only ALL). Every other rule and every
     * query-side form reduces to this test.
     */
    private static boolean passes(Reader reader, Label label) {
        return reader.clearance().covers(label.classification())
                && label.releasableTo().permits(reader.country());
    }

    // ---------------------------------------------------------------- incidents

    /**
     * May {@code reader} read an incident room (its summary, timeline and messages at the room's
     * label)? R1 on the incident's label, and for {@link IncidentAccess#MEMBERS} rooms also
     * membership. A member who no longer passes R1 is refused: membership never outranks R1.
     *
     * @param member whether the reader is an active member of the incident
     */
    public static boolean mayReadIncident(Reader reader, Label incidentLabel, IncidentAccess access, boolean member) {
        Objects.requireNonNull(access, "access");
        return mayRead(reader, incidentLabel) && (access == IncidentAccess.CLEARED || member);
    }

    /**
     * May {@code reader} read one message of an incident room? The room must be readable
     * ({@link #mayReadIncident}) and R1 must pass on the message's own label, which may be higher
     * than the room's. This is the test for REST listing and for socket fan-out alike.
     */
    public static boolean mayReadIncidentMessage(Reader reader, Label incidentLabel, IncidentAccess access,
                                                 boolean member, Label messageLabel) {
        return mayReadIncident(reader, incidentLabel, access, member) && mayRead(reader, incidentLabel, messageLabel);
    }

    /** May {@code reader} join the room on their own? Only a {@link IncidentAccess#CLEARED} room they pass R1 on. */
    public static boolean mayJoinIncident(Reader reader, Label incidentLabel, IncidentAccess access) {
        Objects.requireNonNull(access, "access");
        return access == IncidentAccess.CLEARED && mayRead(reader, incidentLabel);
    }

    /** May {@code candidate} be added as a member by someone else? Only when they pass R1 on the incident. */
    public static boolean mayBeAddedToIncident(Reader candidate, Label incidentLabel) {
        return mayRead(candidate, incidentLabel);
    }

    // ---------------------------------------------------------------- knowledge base

    /**
     * May {@code reader} read a knowledge-base article? R1 on its label, and an article that is not
     * yet published (a draft, or one in review) only for its author and moderators. Published and
     * retired articles are read by everyone who passes R1. Being the author or a moderator never
     * outranks R1.
     *
     * @param published         whether the article is PUBLISHED or RETIRED
     * @param authorOrModerator whether the reader wrote the article or holds the moderator role
     */
    public static boolean mayReadArticle(Reader reader, Label label, boolean published, boolean authorOrModerator) {
        return mayRead(reader, label) && (published || authorOrModerator);
    }

    // ---------------------------------------------------------------- W1, W2, W3

    /** W1: may an item labelled {@code item} live in a container labelled {@code container}? When it dominates it. */
    public static boolean containmentHolds(Label container, Label item) {
        return item.dominates(container);
    }

    /** W2: may {@code reader} assign {@code label} to something? Only when they could read it themselves. */
    public static boolean mayAssign(Reader reader, Label label) {
        return mayRead(reader, label);
    }

    /**
     * W3 for a label change: {@code proposed} must dominate {@code current}. Keeping the label or
     * raising it (higher classification, fewer countries) is allowed; anything that lowers the
     * classification or adds a country is refused, even when it raises the other half.
     */
    public static boolean mayRelabel(Label current, Label proposed) {
        return proposed.dominates(current);
    }

    /**
     * W3 for moving content — quote, move, promote, import: the {@code target} label must
     * dominate the {@code source} label, so that everyone who can read the copy could already
     * read the original.
     */
    public static boolean mayMoveContent(Label source, Label target) {
        return target.dominates(source);
    }

    // ---------------------------------------------------------------- combined checks

    /**
     * Everything a new top-level item (forum, incident, article) needs of its label: W2.
     */
    public static LabelDecision checkNewItem(Reader reader, Label proposed) {
        Objects.requireNonNull(proposed, "proposed");
        return assignable(reader, proposed);
    }

    /**
     * Everything a new item inside a container (thread in a forum, post in a thread, message in
     * an incident) needs of its label, in this order: R1 on the container, W2 on the proposed
     * label, W1 between them.
     *
     * <p>R1 on the container is checked first so that a user who cannot see the container learns
     * nothing about it — not even its marking from a W1 message. The caller still checks R1 on
     * the rest of the container's chain (the forum above a thread) before calling.
     */
    public static LabelDecision checkNewItem(Reader reader, Label container, Label proposed) {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(proposed, "proposed");
        if (!mayRead(reader, container)) {
            return notFound();
        }
        LabelDecision assignable = assignable(reader, proposed);
        if (!assignable.isAllowed()) {
            return assignable;
        }
        if (!containmentHolds(container, proposed)) {
            return LabelDecision.refused(SecurityRule.W1_CONTAINMENT, "The label " + proposed.marking()
                    + " must be at least as restrictive as its container's label " + container.marking() + ": "
                    + shortfalls(proposed, container, "the container") + ".");
        }
        return LabelDecision.allowed();
    }

    /**
     * Everything a label change needs: R1 on the current label, W2 on the proposed one, W3
     * between them. The caller records an allowed upgrade in the audit trail.
     */
    public static LabelDecision checkRelabel(Reader reader, Label current, Label proposed) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(proposed, "proposed");
        if (!mayRead(reader, current)) {
            return notFound();
        }
        LabelDecision assignable = assignable(reader, proposed);
        if (!assignable.isAllowed()) {
            return assignable;
        }
        if (!mayRelabel(current, proposed)) {
            return LabelDecision.refused(SecurityRule.W3_NO_WRITE_DOWN, "A label can be raised but never loosened: "
                    + proposed.marking() + " would loosen " + current.marking() + "; "
                    + shortfalls(proposed, current, "the current label") + ".");
        }
        return LabelDecision.allowed();
    }

    /**
     * Everything a quote, move, promotion or import needs: R1 on both ends, then W3 (the target
     * dominates the source). The target is an existing container or item; when the user picks a
     * new label for the target, check it with {@link #checkNewItem} as well.
     */
    public static LabelDecision checkMoveContent(Reader reader, Label source, Label target) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (!mayRead(reader, source) || !mayRead(reader, target)) {
            return notFound();
        }
        if (!mayMoveContent(source, target)) {
            return LabelDecision.refused(SecurityRule.W3_NO_WRITE_DOWN, "Content labelled " + source.marking()
                    + " cannot go where it is labelled " + target.marking() + ", which is less restrictive; "
                    + shortfalls(target, source, "the source") + ".");
        }
        return LabelDecision.allowed();
    }

    private static LabelDecision assignable(Reader reader, Label proposed) {
        if (mayAssign(reader, proposed)) {
            return LabelDecision.allowed();
        }
        List<String> reasons = new ArrayList<>(2);
        if (!reader.clearance().covers(proposed.classification())) {
            reasons.add(proposed.classification().name() + " is above your clearance " + reader.clearance().name());
        }
        if (!proposed.releasableTo().permits(reader.country())) {
            reasons.add(reader.hasCountry()
                    ? "it must be releasable to your country " + reader.country() + " or to ALL"
                    : "your account has no country, so it must be releasable to ALL");
        }
        return LabelDecision.refused(SecurityRule.W2_NO_WRITE_UP_BLINDNESS,
                "You may only assign a label you could read yourself: " + String.join("; ", reasons) + ".");
    }

    /** Deliberately says nothing: services answer R1 refusals with their shared not-found body. */
    private static LabelDecision notFound() {
        return LabelDecision.refused(SecurityRule.R1_READ, "Not found.");
    }

    /**
     * Why {@code candidate} does not dominate {@code floor}, in words; {@code floorName} names the
     * floor ("the container"). Only called when domination fails, so at least one reason applies.
     */
    private static String shortfalls(Label candidate, Label floor, String floorName) {
        List<String> reasons = new ArrayList<>(2);
        if (!candidate.classification().covers(floor.classification())) {
            reasons.add("the classification must be at least " + floor.classification().name());
        }
        if (!candidate.releasableTo().isWithin(floor.releasableTo())) {
            // Not within means the floor is a country list (everything is within ALL).
            Releasability.Countries floorCountries = (Releasability.Countries) floor.releasableTo();
            reasons.add(switch (candidate.releasableTo()) {
                case Releasability.All all -> "it cannot be releasable to ALL, because " + floorName
                        + " is releasable only to " + floorCountries;
                case Releasability.Countries countries -> {
                    TreeSet<String> extra = new TreeSet<>(countries.codes());
                    extra.removeAll(floorCountries.codes());
                    yield "it cannot add " + String.join(", ", extra) + ", because " + floorName
                            + " is releasable only to " + floorCountries;
                }
            });
        }
        return String.join("; ", reasons);
    }
}
