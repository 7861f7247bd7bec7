package org.escape.access;

import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The textual marking of a label, shown next to every labelled item:
 * {@code CONFIDENTIAL//REL TO GBR, KEN} (countries in alphabetical order, separated by comma and
 * space) or the bare level {@code CONFIDENTIAL} when the label is releasable to all. Levels are
 * written as their names, so {@code TOP_SECRET} keeps its underscore; the front end writes
 * markings the same way, so a marking means the same thing wherever it appears.
 *
 * <p>{@link #parse(String)} accepts exactly the strings {@link #format(Label)} produces and nothing
 * else, so {@code format(parse(s)).equals(s)} for every accepted {@code s}. Being strict is
 * deliberate: a marking is a security statement, and a parser that guesses ("secret // rel to
 * gbr,ken") invites two spellings of one label and a reviewer who misreads one of them.
 *
 * <p>Stateless and thread-safe.
 */
public final class Marking {

    /** Between the level and the country list. */
    public static final String REL_TO = "//REL TO ";
    /** Between two countries of the list. */
    public static final String COUNTRY_SEPARATOR = ", ";

    private Marking() {
    }

    /** The marking of {@code label}. */
    public static String format(Label label) {
        Objects.requireNonNull(label, "label");
        return switch (label.releasableTo()) {
            case Releasability.All all -> label.classification().name();
            case Releasability.Countries countries ->
                    label.classification().name() + REL_TO + String.join(COUNTRY_SEPARATOR, countries.codes());
        };
    }

    /**
     * The label a marking stands for; the exact inverse of {@link #format(Label)}.
     *
     * @throws InvalidLabelException (field {@code marking}) naming what is wrong: an unknown or
     *         misspelt level, a missing or empty {@code REL TO} list, a country that is not an
     *         alpha-3 code, a repeated or unsorted country, a wrong separator or trailing text
     */
    public static Label parse(String marking) {
        if (marking == null || marking.isEmpty()) {
            throw invalid("A marking is required, such as CONFIDENTIAL or CONFIDENTIAL//REL TO GBR, KEN.");
        }
        int slashes = marking.indexOf("//");
        String levelPart = slashes < 0 ? marking : marking.substring(0, slashes);
        Level level = level(levelPart);
        if (slashes < 0) {
            return Label.releasableToAll(level);
        }
        String rest = marking.substring(slashes + 2);
        String relTo = REL_TO.substring(2);
        if (rest.equals(relTo.strip())) {
            throw emptyList();
        }
        if (!rest.startsWith(relTo)) {
            throw invalid("Expected \"REL TO\" after \"//\" in the marking, found "
                    + InvalidLabelException.quote(rest) + ".");
        }
        return new Label(level, countries(rest.substring(relTo.length())));
    }

    private static Level level(String text) {
        for (Level level : Level.values()) {
            if (level.name().equals(text)) {
                return level;
            }
        }
        String hint = Level.parse(text).map(level -> " (write it as " + level.name() + ")").orElse("");
        throw invalid("Unknown classification " + InvalidLabelException.quote(text) + " in the marking"
                + hint + "; use one of " + Label.levelNames() + ".");
    }

    private static Releasability countries(String list) {
        if (list.isBlank()) {
            throw emptyList();
        }
        // Split with limit -1 so that a trailing separator shows up as an empty entry.
        String[] entries = list.split(COUNTRY_SEPARATOR, -1);
        if (entries.length > Releasability.MAX_COUNTRIES) {
            throw invalid("The REL TO list names " + entries.length + " countries; at most "
                    + Releasability.MAX_COUNTRIES + " are allowed.");
        }
        SortedSet<String> codes = new TreeSet<>();
        String previous = null;
        for (String entry : entries) {
            String code = code(entry);
            if (!codes.add(code)) {
                throw invalid(code + " appears more than once in the REL TO list.");
            }
            if (previous != null && previous.compareTo(code) > 0) {
                throw invalid("The REL TO list must be in alphabetical order: " + code + " comes before "
                        + previous + ".");
            }
            previous = code;
        }
        return new Releasability.Countries(codes);
    }

    /** One entry of the list, which must be exactly three capital letters and not ALL. */
    private static String code(String entry) {
        if (entry.isEmpty()) {
            throw invalid("The REL TO list has an empty entry; separate countries with \", \" and end"
                    + " with the last country.");
        }
        String head = entry.length() >= 3 ? entry.substring(0, 3) : entry;
        boolean headIsCode = head.length() == 3 && head.chars().allMatch(c -> c >= 'A' && c <= 'Z');
        if (headIsCode && CountryCode.ALL.equals(head) && entry.length() == 3) {
            throw invalid("ALL cannot appear in a REL TO list; a marking releasable to all is the bare level.");
        }
        if (headIsCode && entry.length() > 3) {
            String tail = entry.substring(3);
            if (tail.startsWith(",")) {
                throw invalid("Separate the countries of the REL TO list with \", \" (comma and space).");
            }
            throw invalid("Unexpected text " + InvalidLabelException.quote(tail) + " after " + head
                    + " in the marking.");
        }
        if (!headIsCode || entry.length() != 3) {
            throw invalid(InvalidLabelException.quote(entry) + " in the REL TO list is not an ISO 3166-1"
                    + " alpha-3 country code (three capital letters, such as GBR).");
        }
        return entry;
    }

    private static InvalidLabelException emptyList() {
        return invalid("The REL TO list of the marking is empty; a marking releasable to all is the bare"
                + " level, without \"//REL TO\".");
    }

    private static InvalidLabelException invalid(String message) {
        return new InvalidLabelException(InvalidLabelException.MARKING, message);
    }
}
