package org.escape.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent check of sanitized HTML, written without the sanitizer's code: a small tokenizer
 * that reads every tag and attribute, plus plain regular expressions over the whole output as a
 * second opinion in case the tokenizer and a browser disagree about where a tag is.
 */
final class SafeHtml {

    private static final Set<String> ALLOWED_ELEMENTS = Set.of("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
            "em", "strong", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
            "table", "thead", "tbody", "tr", "th", "td", "a");

    private static final Pattern FORBIDDEN_TAG = Pattern.compile(
            "(?i)<\\s*/?\\s*(script|img|svg|iframe|object|embed|style|noscript|math|base|meta|form|input|link)\\b");
    private static final Pattern EVENT_HANDLER = Pattern.compile("(?i)[\\s/\"']on[a-z]+\\s*=");
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("(?i)[\\s/\"']style\\s*=");
    private static final Pattern LANGUAGE_CLASS = Pattern.compile("language-[a-z0-9+#-]{1,32}");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\\s+[^\\s=>/\"']+(?:=\"[^\"]*\")?)*)\\s*(/?)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s+([^\\s=>/\"']+)(?:=\"([^\"]*)\")?");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);");

    private SafeHtml() {
    }

    /** Everything wrong with {@code html}; empty when it is safe to show. */
    static List<String> problems(String html) {
        List<String> problems = new ArrayList<>();
        regexProblems(html, problems);
        int at = 0;
        while (at < html.length()) {
            int open = html.indexOf('<', at);
            if (open < 0) {
                break;
            }
            Matcher tag = TAG.matcher(html).region(open, html.length());
            if (!tag.lookingAt()) {
                problems.add("raw '<' that is not a well-formed tag at " + open + ": " + excerpt(html, open));
                at = open + 1;
                continue;
            }
            tagProblems(tag.group(1).isEmpty(), tag.group(2).toLowerCase(Locale.ROOT), tag.group(3), problems);
            at = tag.end();
        }
        if (html.indexOf('>') >= 0 && html.replaceAll(TAG.pattern(), "").indexOf('>') >= 0) {
            problems.add("raw '>' outside a tag");
        }
        return problems;
    }

    /** What a reader sees: the text without tags, entities decoded. */
    static String visibleText(String html) {
        return decode(html.replaceAll(TAG.pattern(), ""));
    }

    private static void regexProblems(String html, List<String> problems) {
        Matcher forbidden = FORBIDDEN_TAG.matcher(html);
        while (forbidden.find()) {
            problems.add("forbidden element " + forbidden.group(1) + ": " + excerpt(html, forbidden.start()));
        }
        if (EVENT_HANDLER.matcher(html).find()) {
            problems.add("event handler attribute");
        }
        if (STYLE_ATTRIBUTE.matcher(html).find()) {
            problems.add("style attribute");
        }
    }

    private static void tagProblems(boolean opening, String name, String attributeText, List<String> problems) {
        if (!ALLOWED_ELEMENTS.contains(name)) {
            problems.add("element outside the allowlist: " + name);
        }
        if (!opening) {
            if (!attributeText.isBlank()) {
                problems.add("end tag with attributes: " + name);
            }
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(attributeText);
        while (attribute.find()) {
            String value = attribute.group(2) == null ? "" : decode(attribute.group(2));
            if (attributes.put(attribute.group(1).toLowerCase(Locale.ROOT), value) != null) {
                problems.add("repeated attribute " + attribute.group(1) + " on " + name);
            }
        }
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            String key = name + "@" + entry.getKey();
            String value = entry.getValue();
            boolean allowed = switch (key) {
                case "a@href" -> value.startsWith("http://") || value.startsWith("https://") || value.startsWith("mailto:");
                case "a@rel" -> value.equals("nofollow noopener noreferrer");
                case "ol@start" -> value.matches("[0-9]{1,9}");
                case "th@align", "td@align" -> value.matches("left|center|right");
                case "code@class" -> LANGUAGE_CLASS.matcher(value).matches();
                default -> false;
            };
            if (!allowed) {
                problems.add("attribute not allowed: " + key + "=\"" + value + "\"");
            }
        }
        if (name.equals("a") && attributes.containsKey("href") && !attributes.containsKey("rel")) {
            problems.add("link without rel: " + attributes.get("href"));
        }
    }

    private static String decode(String text) {
        return ENTITY.matcher(text).replaceAll(entity -> Matcher.quoteReplacement(decodeEntity(entity.group(1))));
    }

    private static String decodeEntity(String body) {
        if (body.startsWith("#x") || body.startsWith("#X")) {
            return Character.toString(Integer.parseInt(body.substring(2), 16));
        }
        if (body.startsWith("#")) {
            return Character.toString(Integer.parseInt(body.substring(1)));
        }
        return switch (body) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> "\u00a0";
            default -> "&" + body + ";";
        };
    }

    private static String excerpt(String html, int at) {
        return html.substring(Math.max(0, at - 20), Math.min(html.length(), at + 40));
    }
}
