package org.escape.access;

import java.util.Objects;
import java.util.TreeSet;

/**
 * How a label is stored in a table so that R1 can be evaluated by the database, on every row,
 * without loading rows into Java: two columns per label.
 *
 * <ul>
 *   <li>{@code classification_rank} — {@code int}, {@link Level#rank()}: 0 for UNCLASSIFIED up to
 *       4 for TOP_SECRET. "Clearance covers classification" becomes {@code rank <= :clearanceRank}.
 *   <li>{@code releasable_to} — {@code varchar(}{@value #RELEASABLE_TO_MAX_LENGTH}{@code )}: the
 *       string {@code ALL}, or the sorted country codes each wrapped in commas,
 *       {@code ,GBR,KEN,}. "The country is listed" becomes {@code releasable_to like '%,GBR,%'};
 *       the surrounding commas make that a whole-code match (no code can match across a
 *       boundary, codes contain no comma and no LIKE wildcard), and {@code ALL} contains no comma
 *       so it never matches a country pattern by accident.
 * </ul>
 *
 * <p>The form is canonical — one string per label — so equal labels store equal values and
 * {@link #toLabel()} can refuse anything else as corrupt rather than guess. An entity embeds the
 * two values (for example as an {@code @Embeddable} with attributes {@code classificationRank} and
 * {@code releasableTo}) and builds them only through {@link #from(Label)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param classificationRank the rank of the classification, 0..4
 * @param releasableTo       {@code ALL} or {@code ,CC1,CC2,...,} with the codes sorted
 */
public record StoredLabel(int classificationRank, String releasableTo) {

    /** The conventional column name of the rank. */
    public static final String CLASSIFICATION_RANK_COLUMN = "classification_rank";
    /** The conventional column name of the releasability. */
    public static final String RELEASABLE_TO_COLUMN = "releasable_to";
    /** The stored releasability of a label releasable to every country. */
    public static final String ALL = CountryCode.ALL;
    /** The separator that wraps every code. */
    static final char SEPARATOR = ',';
    /** The longest stored releasability: {@value Releasability#MAX_COUNTRIES} codes of 3 letters, each followed by a comma, after a leading comma. */
    public static final int RELEASABLE_TO_MAX_LENGTH = 1 + 4 * Releasability.MAX_COUNTRIES;

    /**
     * Accepts only the canonical form {@link #from(Label)} produces.
     *
     * @throws InvalidLabelException when the rank is outside 0..4 or the releasability is not
     *         canonical: stored data that fails this is corrupt and must not be read as a label
     */
    public StoredLabel {
        if (classificationRank < 0 || classificationRank >= Level.values().length) {
            throw new InvalidLabelException(InvalidLabelException.CLASSIFICATION,
                    "Stored classification rank " + classificationRank + " is outside 0.."
                            + (Level.values().length - 1) + ".");
        }
        Objects.requireNonNull(releasableTo, "releasableTo");
        if (!ALL.equals(releasableTo)) {
            parseCountries(releasableTo);
        }
    }

    /** The stored form of {@code label}. */
    public static StoredLabel from(Label label) {
        Objects.requireNonNull(label, "label");
        String releasableTo = switch (label.releasableTo()) {
            case Releasability.All all -> ALL;
            case Releasability.Countries countries -> {
                StringBuilder wrapped = new StringBuilder(1 + 4 * countries.codes().size()).append(SEPARATOR);
                countries.codes().forEach(code -> wrapped.append(code).append(SEPARATOR));
                yield wrapped.toString();
            }
        };
        return new StoredLabel(label.classification().rank(), releasableTo);
    }

    /** The label these columns stand for; {@code StoredLabel.from(l).toLabel().equals(l)} for every label. */
    public Label toLabel() {
        Releasability releasability = ALL.equals(releasableTo)
                ? Releasability.ALL
                : new Releasability.Countries(parseCountries(releasableTo));
        return new Label(Level.fromRank(classificationRank), releasability);
    }

    /**
     * The LIKE pattern that matches a stored releasability listing {@code country}:
     * {@code %,GBR,%}. The country must be a canonical code, so the pattern holds no wildcard
     * but the two it adds. This and {@link #from(Label)} are the two halves of one encoding and
     * live together for that reason.
     *
     * @throws IllegalArgumentException when {@code country} is not a canonical alpha-3 code
     */
    static String listingPattern(String country) {
        if (country == null || CountryCode.parse(country).filter(country::equals).isEmpty()) {
            throw new IllegalArgumentException("Not a canonical country code: " + InvalidLabelException.quote(country));
        }
        return "%" + SEPARATOR + country + SEPARATOR + "%";
    }

    private static TreeSet<String> parseCountries(String stored) {
        int length = stored.length();
        boolean shaped = length >= 5 && length <= RELEASABLE_TO_MAX_LENGTH && (length - 1) % 4 == 0
                && stored.charAt(0) == SEPARATOR;
        TreeSet<String> codes = new TreeSet<>();
        String previous = null;
        for (int start = 1; shaped && start < length; start += 4) {
            String code = stored.substring(start, start + 3);
            shaped = stored.charAt(start + 3) == SEPARATOR
                    && CountryCode.parse(code).filter(code::equals).isPresent()
                    && (previous == null || previous.compareTo(code) < 0);
            codes.add(code);
            previous = code;
        }
        if (!shaped) {
            throw new InvalidLabelException(InvalidLabelException.RELEASABLE_TO, "Stored releasability "
                    + InvalidLabelException.quote(stored) + " is neither ALL nor sorted codes wrapped in commas.");
        }
        return codes;
    }
}
