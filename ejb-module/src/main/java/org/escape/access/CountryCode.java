package org.escape.access;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ISO 3166-1 alpha-3 country code as used in releasability ({@code GBR}, {@code KEN}). The
 * identity provider validates the code against the ISO list; here we only accept its shape, so an
 * odd value can never widen access: a malformed code is treated as "no country". {@code ALL} has
 * the shape but is the releasability keyword for "every country", never a user's country.
 */
public final class CountryCode {

    private static final Pattern ALPHA_3 = Pattern.compile("[A-Z]{3}");

    /** The releasability keyword meaning every country. */
    public static final String ALL = "ALL";

    private CountryCode() {
    }

    /** The upper-cased code when it has the alpha-3 shape, otherwise empty. */
    public static Optional<String> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String code = value.trim().toUpperCase(Locale.ROOT);
        return ALPHA_3.matcher(code).matches() && !ALL.equals(code) ? Optional.of(code) : Optional.empty();
    }
}
