package org.escape.content;

import java.util.List;
import java.util.regex.Pattern;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.InvalidRequestException.FieldError;
import org.escape.platform.PayloadTooLargeException;

/**
 * The checks every feature applies to what users type: one-line fields, free text and Markdown
 * bodies. Each returns the cleaned value or throws with a message naming the field and the limit;
 * text stays text (never interpreted as HTML), only control characters are dropped and, in one-line
 * fields, whitespace is normalised.
 */
public final class TextInput {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s+");

    private TextInput() {
    }

    /** A required one-line field of at most {@code max} characters. */
    public static String line(String field, String value, int max) {
        String cleaned = value == null ? "" : LINE_BREAKS.matcher(CONTROL.matcher(value).replaceAll("")).replaceAll(" ").strip();
        if (cleaned.isEmpty()) {
            throw invalid(field, "must not be empty");
        }
        if (cleaned.length() > max) {
            throw invalid(field, "must be at most " + max + " characters");
        }
        return cleaned;
    }

    /** Optional free text (may be empty) of at most {@code max} characters. */
    public static String text(String field, String value, int max) {
        String cleaned = value == null ? "" : CONTROL.matcher(value).replaceAll("").strip();
        if (cleaned.length() > max) {
            throw invalid(field, "must be at most " + max + " characters");
        }
        return cleaned;
    }

    /**
     * A Markdown body: not blank, at most {@link Markdown#MAX_BODY_BYTES} bytes of UTF-8 (413 beyond).
     *
     * @param what what the body belongs to, for the message ("post", "message")
     */
    public static String body(String body, String what) {
        if (body == null || body.isBlank()) {
            throw invalid("body", "must not be empty");
        }
        if (Markdown.utf8Length(body) > Markdown.MAX_BODY_BYTES) {
            throw new PayloadTooLargeException("The " + what + " body is larger than " + Markdown.MAX_BODY_BYTES / 1024
                    + " KiB (UTF-8). Split it into several " + what + "s.");
        }
        return body.replace("\u0000", "");
    }

    /** The escape character of {@link #likeLiteral}: write {@code like ? escape '!'}. */
    public static final char LIKE_ESCAPE = '!';

    /**
     * {@code text} as a literal inside a SQL/JPQL {@code LIKE} pattern: {@code _} and {@code %}
     * (valid in tags) match only themselves. Use with {@code escape '!'}.
     */
    public static String likeLiteral(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        for (char c : text.toCharArray()) {
            if (c == '_' || c == '%' || c == LIKE_ESCAPE) {
                out.append(LIKE_ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A 400 naming one field. */
    public static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(field + " " + message + ".", List.of(new FieldError(field, message)));
    }
}
