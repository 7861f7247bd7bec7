package org.escape.forum;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.escape.content.Markdown;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.InvalidRequestException.FieldError;
import org.escape.platform.PayloadTooLargeException;

/**
 * The checks on what users type into forums, with the limits of docs/api-forums.md. Each check
 * returns the cleaned value or throws with a message that names the field and the limit; text is
 * kept as text (never interpreted as HTML), only whitespace is normalised in one-line fields.
 */
final class ForumInput {

    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (ForumLimits.TAG_LENGTH - 1) + "}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s+");

    private ForumInput() {
    }

    static String forumName(String name) {
        return line("name", name, ForumLimits.FORUM_NAME);
    }

    static String title(String title) {
        return line("title", title, ForumLimits.TITLE);
    }

    static String description(String description) {
        String cleaned = description == null ? "" : CONTROL.matcher(description).replaceAll("").strip();
        if (cleaned.length() > ForumLimits.FORUM_DESCRIPTION) {
            throw invalid("description", "must be at most " + ForumLimits.FORUM_DESCRIPTION + " characters");
        }
        return cleaned;
    }

    static String reason(String reason) {
        return line("reason", reason, ForumLimits.REASON);
    }

    /** A Markdown body: not blank, at most {@link Markdown#MAX_BODY_BYTES} bytes of UTF-8 (413 beyond). */
    static String body(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("body", "must not be empty");
        }
        if (Markdown.utf8Length(body) > Markdown.MAX_BODY_BYTES) {
            throw new PayloadTooLargeException("The post body is larger than " + Markdown.MAX_BODY_BYTES / 1024
                    + " KiB (UTF-8). Split it into several posts.");
        }
        return body.replace("\u0000", "");
    }

    static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > ForumLimits.TAGS) {
            throw invalid("tags", "at most " + ForumLimits.TAGS + " tags");
        }
        Set<String> cleaned = new LinkedHashSet<>();
        for (String tag : tags) {
            String normal = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(normal).matches()) {
                throw invalid("tags", "each tag is 1 to " + ForumLimits.TAG_LENGTH
                        + " characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
            }
            cleaned.add(normal);
        }
        return List.copyOf(cleaned);
    }

    /** A tag filter from a query string: the same rules, or 400. */
    static String tagFilter(String tag) {
        return tags(List.of(tag)).get(0);
    }

    private static String line(String field, String value, int max) {
        String cleaned = value == null ? "" : LINE_BREAKS.matcher(CONTROL.matcher(value).replaceAll("")).replaceAll(" ").strip();
        if (cleaned.isEmpty()) {
            throw invalid(field, "must not be empty");
        }
        if (cleaned.length() > max) {
            throw invalid(field, "must be at most " + max + " characters");
        }
        return cleaned;
    }

    static InvalidRequestException invalid(String field, String message) {
        List<FieldError> errors = new ArrayList<>();
        errors.add(new FieldError(field, message));
        return new InvalidRequestException(field + " " + message + ".", errors);
    }
}
