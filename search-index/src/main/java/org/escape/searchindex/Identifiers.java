package org.escape.searchindex;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the identifiers CERT analysts search for verbatim: e-mail addresses, CVE ids,
 * MD5/SHA-1/SHA-256 hashes, IPv6 and IPv4 addresses, ATT&amp;CK ids and domain names. The
 * tokenizer keeps each as one token so that {@code T1059.001} never matches {@code T1059.002},
 * {@code 10.0.0.1} never matches {@code 10.0.0.10}, and a CVE id is not three numbers.
 *
 * <p>Stateless and thread-safe (the compiled pattern is shared; matchers are per call).
 */
final class Identifiers {

    /** The kind of a recognised identifier, also used as the token type. */
    enum Kind { EMAIL, CVE, HASH, IPV6, IPV4, ATTACK, DOMAIN }

    private static final String LEFT = "(?<![\\p{Alnum}_@.\\-:])";
    private static final String RIGHT = "(?![\\p{Alnum}_@\\-])(?!\\.[\\p{Alnum}])";
    private static final String LABEL = "[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?";
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

    static final Pattern PATTERN = Pattern.compile(LEFT + "(?:"
            + "(?<EMAIL>[a-z0-9._%+\\-]+@(?:" + LABEL + "\\.)+[a-z]{2,63})"
            + "|(?<CVE>cve-\\d{4}-\\d{4,7})"
            + "|(?<HASH>[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})"
            + "|(?<IPV6>(?=[0-9a-f:]*:[0-9a-f]*:)[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})"
            + "|(?<IPV4>(?:" + OCTET + "\\.){3}" + OCTET + ")"
            + "|(?<ATTACK>(?:ta|t|s|g|m|ds)\\d{4}(?:\\.\\d{3})?)"
            + "|(?<DOMAIN>(?:" + LABEL + "\\.)+[a-z]{2,63})"
            + ")" + RIGHT, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    private Identifiers() {
    }

    /** The kind of the group that matched, or null when the match is not a valid identifier. */
    static Kind kindOf(Matcher matcher) {
        for (Kind kind : Kind.values()) {
            String text = matcher.group(kind.name());
            if (text != null) {
                return kind != Kind.IPV6 || isIpv6(text) ? kind : null;
            }
        }
        return null;
    }

    /** True when the whole of {@code text} is one identifier. */
    static boolean isIdentifier(String text) {
        Matcher matcher = PATTERN.matcher(text);
        return matcher.matches() && kindOf(matcher) != null;
    }

    /** Checks the shape of an IPv6 address without resolving anything. */
    static boolean isIpv6(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        int compressed = s.indexOf("::");
        if (compressed >= 0 && (s.indexOf("::", compressed + 1) >= 0 || s.contains(":::"))) {
            return false;
        }
        String[] halves = compressed >= 0
                ? new String[] {s.substring(0, compressed), s.substring(compressed + 2)}
                : new String[] {s};
        int groups = 0;
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String group : half.split(":", -1)) {
                if (group.isEmpty() || group.length() > 4) {
                    return false;
                }
                groups++;
            }
        }
        return compressed >= 0 ? groups <= 7 : groups == 8;
    }
}
