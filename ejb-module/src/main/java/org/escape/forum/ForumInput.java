package org.escape.forum;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.escape.content.TextInput;
import org.escape.platform.InvalidRequestException;

/**
 * The checks on what users type into forums, with the limits of docs/api-forums.md. Each check
 * returns the cleaned value or throws with a message that names the field and the limit; text is
 * kept as text (never interpreted as HTML), only whitespace is normalised in one-line fields.
 */
final class ForumInput {

    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (ForumLimits.TAG_LENGTH - 1) + "}");

    private ForumInput() {
    }

    static String forumName(String name) {
        return TextInput.line("name", name, ForumLimits.FORUM_NAME);
    }

    static String title(String title) {
        return TextInput.line("title", title, ForumLimits.TITLE);
    }

    static String description(String description) {
        return TextInput.text("description", description, ForumLimits.FORUM_DESCRIPTION);
    }

    static String reason(String reason) {
        return TextInput.line("reason", reason, ForumLimits.REASON);
    }

    /** A Markdown body: not blank, at most {@link org.escape.content.Markdown#MAX_BODY_BYTES} bytes of UTF-8 (413 beyond). */
    static String body(String body) {
        return TextInput.body(body, "post");
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

    static InvalidRequestException invalid(String field, String message) {
        return TextInput.invalid(field, message);
    }
}
