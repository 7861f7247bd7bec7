package org.escape.content;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The one way user-written Markdown (forum posts, and later incidents and knowledge articles)
 * becomes HTML, and the one way mentions are read from it.
 *
 * <p>Rendering is CommonMark with the GFM tables, strikethrough and autolink extensions. Raw HTML
 * in the source is escaped, so it shows as text; images become links to their URL, so reading a
 * post never makes the reader's browser fetch anything. The rendered HTML then passes the OWASP
 * HTML sanitizer with a small allowlist: links only to {@code http}, {@code https} and
 * {@code mailto}, each with {@code rel="nofollow noopener noreferrer"}; no {@code style}, no
 * {@code id}, no event handlers; {@code class} only as {@code language-…} on code.
 *
 * <p>Thread-safety: the class holds no mutable state. The parser, renderer and sanitizer policy
 * are built once and are safe for concurrent use, so the static methods may be called from any
 * thread, including EJB business methods.
 *
 * <p>Size: the methods do not enforce {@link #MAX_BODY_BYTES}; callers validate the length with
 * {@link #utf8Length(String)} before storing, so rendering only ever sees bounded input.
 */
public final class Markdown {

    /** The largest body, in UTF-8 bytes, that a service accepts for a Markdown text. */
    public static final int MAX_BODY_BYTES = 65536;

    /** The most distinct mentions {@link #mentions(String)} answers; more would be a mass notification. */
    public static final int MAX_MENTIONS = 20;

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create());

    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    // The language of a fenced block is free text; lower-casing it keeps "```Java" highlighted
    // instead of losing its class to the sanitizer's pattern.
    private static final AttributeProvider LOWER_CASE_LANGUAGE = (node, tagName, attributes) -> {
        if (node instanceof FencedCodeBlock && "code".equals(tagName)) {
            attributes.computeIfPresent("class", (name, value) -> value.toLowerCase(Locale.ROOT));
        }
    };

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .nodeRendererFactory(ImageAsLink::new)
            .attributeProviderFactory(context -> LOWER_CASE_LANGUAGE)
            .build();

    private static final Pattern CODE_LANGUAGE = Pattern.compile("language-[a-z0-9+#-]{1,32}");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
                    "em", "strong", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
                    "table", "thead", "tbody", "tr", "th", "td", "a")
            .allowAttributes("start").matching(Pattern.compile("[0-9]{1,9}")).onElements("ol")
            .allowAttributes("align").matching(true, "left", "center", "right").onElements("th", "td")
            .allowAttributes("class").matching(CODE_LANGUAGE).onElements("code")
            .allowUrlProtocols("http", "https", "mailto")
            // The protocol filter alone lets relative URLs through; links here must be absolute.
            .allowAttributes("href").matching((element, attribute, value) -> isAllowedHref(value) ? value : null)
            .onElements("a")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    // "Preceded by a non-word character", with word characters taken in the Unicode sense, so that
    // "josé@example.org" is no more a mention than "jose@example.org". Over-long names do not match
    // at all rather than notify whoever owns their first 64 characters.
    private static final Pattern MENTION = Pattern.compile(
            "(?<![\\p{L}\\p{M}\\p{N}_])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})(?!\\.*[A-Za-z0-9_-])");

    private Markdown() {
    }

    /**
     * Renders Markdown to HTML that is safe to insert into a page as is.
     *
     * @param markdown CommonMark source, may be {@code null}
     * @return sanitized HTML; the empty string for {@code null} or blank input
     */
    public static String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return sanitize(RENDERER.render(PARSER.parse(markdown)));
    }

    /**
     * The users mentioned as {@code @username} in the text of a Markdown source.
     *
     * <p>Only prose counts: code spans, code blocks, raw HTML, link destinations and the text of
     * autolinks (URLs and e-mail addresses) are not searched. A name is
     * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}} after an {@code @} that starts the text or follows a
     * non-word character, so {@code alice@example.org} mentions nobody. Names are lower-cased and
     * lose trailing dots ({@code "thanks @alice."} mentions {@code alice}).
     *
     * @param markdown CommonMark source, may be {@code null}
     * @return at most {@link #MAX_MENTIONS} distinct names, in order of first appearance; unmodifiable
     */
    public static Set<String> mentions(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return Set.of();
        }
        MentionCollector collector = new MentionCollector();
        PARSER.parse(markdown).accept(collector);
        return Collections.unmodifiableSet(collector.names);
    }

    /**
     * The length of a string encoded as UTF-8, counted without encoding it.
     *
     * <p>Agrees with {@code s.getBytes(UTF_8).length}, including for unpaired surrogates, which
     * the encoder replaces by a single {@code '?'}.
     *
     * @param s any string, may be {@code null} (length 0)
     * @return the number of bytes
     */
    public static int utf8Length(String s) {
        if (s == null) {
            return 0;
        }
        int bytes = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The sanitizer step alone, so tests can show it holds even if the Markdown step let HTML through. */
    static String sanitize(String html) {
        return POLICY.sanitize(html);
    }

    private static boolean isAllowedHref(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7)
                || url.regionMatches(true, 0, "https://", 0, 8)
                || url.regionMatches(true, 0, "mailto:", 0, 7);
    }

    /** Renders an image as a link to it, so that displaying a post never loads a remote resource. */
    private static final class ImageAsLink implements NodeRenderer {

        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        ImageAsLink(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            Image image = (Image) node;
            String alt = textOf(image).strip();
            String label = alt.isEmpty() ? image.getDestination() : alt;
            if (isInsideLink(image)) {
                // A link inside a link is invalid HTML; the outer link already goes somewhere.
                html.text(label);
                return;
            }
            html.tag("a", context.extendAttributes(image, "a", Map.of("href", context.encodeUrl(image.getDestination()))));
            html.text(label);
            html.tag("/a");
        }

        private static boolean isInsideLink(Node node) {
            for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
                if (parent instanceof Link) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class MentionCollector extends AbstractVisitor {

        private final Set<String> names = new LinkedHashSet<>();

        @Override
        public void visit(Text text) {
            Matcher matcher = MENTION.matcher(text.getLiteral());
            while (names.size() < MAX_MENTIONS && matcher.find()) {
                names.add(stripTrailingDots(matcher.group(1)).toLowerCase(Locale.ROOT));
            }
        }

        @Override
        public void visit(Link link) {
            // An autolink's text is its URL or address ("https://host/@alice", "ops@cert.example"):
            // nobody is mentioned there. A written link's text is prose.
            String text = textOf(link);
            String destination = link.getDestination();
            if (!destination.equals(text) && !destination.equals("mailto:" + text)
                    && !destination.equals("http://" + text)) {
                visitChildren(link);
            }
        }

        private static String stripTrailingDots(String name) {
            int end = name.length();
            while (name.charAt(end - 1) == '.') {
                end--;
            }
            return name.substring(0, end);
        }
    }

    private static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }
        });
        return text.toString();
    }
}
