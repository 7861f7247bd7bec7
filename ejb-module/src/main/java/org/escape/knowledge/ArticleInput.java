package org.escape.knowledge;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.escape.access.Label;
import org.escape.content.TextInput;
import org.escape.platform.PayloadTooLargeException;

/**
 * The limits of docs/api-articles.md and the validation of every article field, plus the storage
 * form of tags and references. Each check returns the cleaned value or throws a 400 naming the
 * field.
 */
public final class ArticleInput {

    public static final int TITLE = 200;
    public static final int SUMMARY = 1000;
    public static final int BODY_BYTES = 256 * 1024;
    public static final int TAGS = 20;
    /** Imports may carry every technique a mitigation covers. */
    public static final int IMPORTED_TAGS = 400;
    public static final int REFERENCES = 30;
    public static final int REFERENCE_TITLE = 200;
    public static final int URL = 2000;
    public static final int COMMENT = 500;
    public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

    private ArticleInput() {
    }

    /** A complete content from a user's draft; {@code label} may be null only when {@code fallback} is given. */
    public static ArticleContent content(ArticleDraft draft, Label fallback, int maxTags) {
        Label label = draft.label() != null ? draft.label() : fallback;
        if (label == null) {
            throw TextInput.invalid("label", "is required");
        }
        return new ArticleContent(TextInput.line("title", draft.title(), TITLE),
                TextInput.text("summary", draft.summary(), SUMMARY), body(draft.body()),
                tags(draft.tags(), maxTags), references(draft.references()), label);
    }

    public static String body(String body) {
        if (body == null || body.isBlank()) {
            throw TextInput.invalid("body", "must not be empty");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > BODY_BYTES) {
            throw new PayloadTooLargeException("The article body is larger than " + BODY_BYTES / 1024
                    + " KiB (UTF-8). Split it into several articles and link them.");
        }
        return body.replace("\u0000", "").replace("\r\n", "\n");
    }

    /** Lower-cased, duplicates dropped, order kept. */
    public static List<String> tags(List<String> tags, int max) {
        if (tags == null) {
            return List.of();
        }
        Set<String> cleaned = new LinkedHashSet<>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(t).matches()) {
                throw TextInput.invalid("tags", "must each be 1–40 characters of a–z, 0–9, '.', '_' or '-', starting"
                        + " with a letter or digit; '" + abbreviate(t) + "' is not");
            }
            cleaned.add(t);
        }
        if (cleaned.size() > max) {
            throw TextInput.invalid("tags", "must be at most " + max + " tags");
        }
        return List.copyOf(cleaned);
    }

    public static String tagFilter(String tag) {
        String t = tag.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(t).matches()) {
            throw TextInput.invalid("tag", "is not a valid tag");
        }
        return t;
    }

    public static List<ArticleReference> references(List<ArticleReference> references) {
        if (references == null) {
            return List.of();
        }
        if (references.size() > REFERENCES) {
            throw TextInput.invalid("references", "must be at most " + REFERENCES + " references");
        }
        List<ArticleReference> cleaned = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            ArticleReference ref = references.get(i);
            if (ref == null) {
                throw TextInput.invalid("references[" + i + "]", "must be an object with title and url");
            }
            String url = TextInput.line("references[" + i + "].url", ref.url(), URL);
            if (!isWebUrl(url)) {
                throw TextInput.invalid("references[" + i + "].url", "must be an absolute http or https URL");
            }
            String title = ref.title() == null || ref.title().isBlank() ? url
                    : TextInput.line("references[" + i + "].title", ref.title(), REFERENCE_TITLE);
            cleaned.add(new ArticleReference(title.length() > REFERENCE_TITLE ? title.substring(0, REFERENCE_TITLE) : title, url));
        }
        return List.copyOf(cleaned);
    }

    public static String comment(String field, String comment, boolean required) {
        return required ? TextInput.line(field, comment, COMMENT) : TextInput.text(field, comment, COMMENT);
    }

    static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    // ------------------------------------------------------------- storage forms

    /** Tags as stored: {@code ,a,b,} (empty: {@code ,}). */
    static String storeTags(List<String> tags) {
        return "," + String.join(",", tags) + (tags.isEmpty() ? "" : ",");
    }

    static List<String> loadTags(String stored) {
        return stored == null ? List.of()
                : java.util.Arrays.stream(stored.split(",")).filter(s -> !s.isEmpty()).toList();
    }

    /** References as stored: one per line, title and URL separated by a tab (neither contains either). */
    static String storeReferences(List<ArticleReference> references) {
        StringBuilder out = new StringBuilder();
        for (ArticleReference ref : references) {
            out.append(ref.title().replace('\t', ' ').replace('\n', ' ')).append('\t').append(ref.url()).append('\n');
        }
        return out.toString();
    }

    static List<ArticleReference> loadReferences(String stored) {
        List<ArticleReference> refs = new ArrayList<>();
        if (stored != null) {
            for (String line : stored.split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    refs.add(new ArticleReference(line.substring(0, tab), line.substring(tab + 1)));
                }
            }
        }
        return List.copyOf(refs);
    }

    private static String abbreviate(String s) {
        return s.length() > 45 ? s.substring(0, 44) + "…" : s;
    }
}
