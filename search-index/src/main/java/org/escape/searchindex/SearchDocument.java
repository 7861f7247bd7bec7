package org.escape.searchindex;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One item as the index sees it: what is searched (title, body, tags), what guards it (the
 * security tokens of its effective label, as produced by the access rules), and what is shown
 * or filtered on (type, status, containers, timestamps, url).
 *
 * <p>The security tokens are opaque strings (e.g. {@code lvl:SECRET}, {@code rel:GBR},
 * {@code acc:INC-42}); this module never interprets them except that a token starting with
 * {@value #LEVEL_PREFIX} names the classification for the level facet. An item without tokens
 * could never be found and is refused as a bug of the caller.
 *
 * <p>Immutable and thread-safe: collections are copied.
 *
 * @param type           what kind of item it is
 * @param id             the item's id, unique across the index (a random UUID in ESCAPE)
 * @param title          the title; may be empty (a chat message has none) but not null
 * @param body           the plain text body (Markdown source is fine); may be empty
 * @param tags           tags, kept in their original spelling; compared lower-cased
 * @param securityTokens the tokens of the item's effective label; at least one, and exactly one
 *                       level token
 * @param containerIds   ids of the containers above the item (forum, thread, incident); may be
 *                       empty
 * @param status         the item's workflow status (e.g. {@code PUBLISHED}, {@code OPEN}); null
 *                       when the type has none; compared lower-cased
 * @param createdAt      creation time
 * @param updatedAt      last change; not before {@code createdAt}
 * @param url            the application path of the item, returned with hits
 */
public record SearchDocument(
        ItemType type,
        String id,
        String title,
        String body,
        List<String> tags,
        Set<String> securityTokens,
        List<String> containerIds,
        String status,
        Instant createdAt,
        Instant updatedAt,
        String url) {

    /** Prefix of the level token among the security tokens. */
    public static final String LEVEL_PREFIX = "lvl:";

    /** Upper bound on the title, in characters. */
    public static final int MAX_TITLE_LENGTH = 1_000;

    /** Upper bound on the body, in characters; longer bodies are a caller bug, not truncated. */
    public static final int MAX_BODY_LENGTH = 1_000_000;

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     when a required component is null
     * @throws IllegalArgumentException when the id is blank, there is not exactly one level
     *                                  token, a token or tag is blank, a text is too long, or
     *                                  {@code updatedAt} is before {@code createdAt}
     */
    public SearchDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(url, "url");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A document needs an id.");
        }
        if (title.length() > MAX_TITLE_LENGTH || body.length() > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("Title or body of " + id + " is too long.");
        }
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt of " + id + " is before createdAt.");
        }
        if (status != null && status.isBlank()) {
            status = null;
        }
        tags = copyNonBlank(tags, "tag");
        containerIds = copyNonBlank(containerIds, "container id");
        Set<String> tokens = new LinkedHashSet<>();
        long levels = 0;
        for (String token : Objects.requireNonNull(securityTokens, "securityTokens")) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("Blank security token on " + id + ".");
            }
            if (token.startsWith(LEVEL_PREFIX)) {
                levels++;
            }
            tokens.add(token);
        }
        if (levels != 1) {
            throw new IllegalArgumentException("Document " + id + " must carry exactly one level token, has " + levels + ".");
        }
        securityTokens = Collections.unmodifiableSet(tokens);
    }

    /** The classification named by the level token, e.g. {@code SECRET}. */
    public String level() {
        return securityTokens.stream()
                .filter(token -> token.startsWith(LEVEL_PREFIX))
                .map(token -> token.substring(LEVEL_PREFIX.length()))
                .findFirst()
                .orElseThrow();
    }

    /** The status lower-cased, as indexed and faceted; null when there is none. */
    public String normalizedStatus() {
        return status == null ? null : status.toLowerCase(Locale.ROOT);
    }

    /** True for a published knowledge-base article, which ranking may prefer. */
    public boolean isPublishedArticle() {
        return type == ItemType.ARTICLE && "published".equals(normalizedStatus());
    }

    private static List<String> copyNonBlank(List<String> values, String what) {
        List<String> copy = new ArrayList<>();
        for (String value : Objects.requireNonNull(values, what + "s")) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Blank " + what + ".");
            }
            copy.add(value.strip());
        }
        return List.copyOf(copy);
    }
}
