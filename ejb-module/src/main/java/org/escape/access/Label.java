package org.escape.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The security label every forum, thread, post, incident, chat message and article carries: a
 * classification and the countries it is releasable to. In the API it reads
 * {@code {"classification":"CONFIDENTIAL","releasableTo":["GBR","KEN"]}}; next to the item it is
 * shown as its {@linkplain #marking() marking} {@code CONFIDENTIAL//REL TO GBR, KEN}.
 *
 * <p>Labels are partially ordered by {@link #dominates(Label)}: higher classification and fewer
 * countries is "more restrictive". The rules in {@link AccessRules} are all stated in terms of
 * that order and of R1 reading.
 *
 * <p>Immutable and thread-safe; equal labels are equal values (country order and case in the
 * input do not matter).
 *
 * @param classification how sensitive the item is
 * @param releasableTo   to whom it may be released
 */
public record Label(Level classification, Releasability releasableTo) {

    /** Requires both parts; a label with a missing part is a programming error, not user input. */
    public Label {
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(releasableTo, "releasableTo");
    }

    /**
     * A label releasable to the listed countries, or to everyone when the list is exactly
     * {@code "ALL"}: {@code Label.of(Level.SECRET, "GBR", "KEN")}. There is no default: an
     * empty list is refused rather than read as "all".
     *
     * @throws InvalidLabelException as {@link Releasability#of(Collection)} does
     */
    public static Label of(Level classification, String... releasableTo) {
        return new Label(classification, Releasability.of(releasableTo));
    }

    /** {@link #of(Level, String...)} for a collection of entries. */
    public static Label of(Level classification, Collection<String> releasableTo) {
        return new Label(classification, Releasability.of(releasableTo));
    }

    /** A label releasable to every country, marked with the bare level ({@code CONFIDENTIAL}). */
    public static Label releasableToAll(Level classification) {
        return new Label(classification, Releasability.ALL);
    }

    /**
     * Reads a label in the API form, as a request body carries it. The classification is read as
     * {@link Level#parse(String)} reads it; the releasability as {@link Releasability#of(Collection)}.
     *
     * @throws InvalidLabelException naming the field ({@code classification} or
     *         {@code releasableTo}) and what is wrong with it, fit to return to the API user
     */
    public static Label parse(String classification, Collection<String> releasableTo) {
        if (classification == null || classification.isBlank()) {
            throw new InvalidLabelException(InvalidLabelException.CLASSIFICATION,
                    "classification is required: one of " + levelNames() + ".");
        }
        Level level = Level.parse(classification).orElseThrow(() -> new InvalidLabelException(
                InvalidLabelException.CLASSIFICATION, InvalidLabelException.quote(classification)
                        + " is not a classification: use one of " + levelNames() + "."));
        return new Label(level, Releasability.of(releasableTo));
    }

    /**
     * True when this label is at least as restrictive as {@code other}: its classification is at
     * least {@code other}'s and its countries are a subset of {@code other}'s (every country is
     * within {@link Releasability#ALL}; ALL is within no country list). Everyone who may read
     * this label may then read {@code other}, which is what W1 and W3 rely on.
     *
     * <p>Reflexive and transitive; two different labels may dominate neither way
     * ({@code SECRET//REL TO GBR} and {@code SECRET//REL TO KEN}).
     */
    public boolean dominates(Label other) {
        Objects.requireNonNull(other, "other");
        return classification.covers(other.classification) && releasableTo.isWithin(other.releasableTo);
    }

    /** True when the label is releasable to every country. */
    public boolean isReleasableToAll() {
        return releasableTo.isAll();
    }

    /** The marking shown next to the item: {@code CONFIDENTIAL//REL TO GBR, KEN} or {@code CONFIDENTIAL}. */
    public String marking() {
        return Marking.format(this);
    }

    /**
     * The effective label of an item under a chain of containers (forum, thread, post; or incident,
     * message): the least label that dominates every label in the chain, that is the highest
     * classification and the countries every label is releasable to.
     *
     * <p>R1 asks that the reader pass every label of the chain; that holds exactly when the reader
     * passes the effective label, because "clearance covers every classification" is "clearance
     * covers the highest", and "every list permits the country" is "their intersection permits
     * it" (for a reader without a country: every list is ALL, so the intersection is ALL). So a
     * search document or a denormalised row needs one label, not the chain.
     *
     * @param chain the labels from the outermost container down to the item, in any order
     * @return the effective label, or empty when the chain's countries have nothing in common:
     *         then nobody may read the item (a state a container upgrade can produce)
     * @throws IllegalArgumentException when the chain is empty
     */
    public static Optional<Label> effective(List<Label> chain) {
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A label chain needs at least the item's own label.");
        }
        Level highest = Level.UNCLASSIFIED;
        Optional<Releasability> common = Optional.of(Releasability.ALL);
        for (Label label : chain) {
            Objects.requireNonNull(label, "label in chain");
            highest = Level.higher(highest, label.classification);
            common = common.flatMap(label.releasableTo::intersection);
        }
        Level classification = highest;
        return common.map(releasability -> new Label(classification, releasability));
    }

    /** {@link #effective(List)} for a literal chain. */
    public static Optional<Label> effective(Label... chain) {
        return effective(Arrays.asList(Objects.requireNonNull(chain, "chain")));
    }

    /** The marking, so a label prints the way users see it. */
    @Override
    public String toString() {
        return marking();
    }

    static String levelNames() {
        return Arrays.stream(Level.values()).map(Level::name).collect(Collectors.joining(", "));
    }
}
