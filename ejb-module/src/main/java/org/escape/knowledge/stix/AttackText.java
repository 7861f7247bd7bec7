package org.escape.knowledge.stix;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * ATT&CK's Markdown text made fit for an article: citation markers removed, lengths bounded. Pure
 * functions over strings.
 */
final class AttackText {

    private static final String CITATION = "(Citation:";
    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LINE_END_SPACES = Pattern.compile("[ \\t]+\\n");
    private static final Pattern MANY_BLANK_LINES = Pattern.compile("\\n{3,}");

    private AttackText() {
    }

    /**
     * Removes ATT&CK's {@code (Citation: Name)} markers and the whitespace they leave: no space
     * before punctuation ("blocked.(Citation: A) Next" → "blocked. Next", "text (Citation: A)." →
     * "text."), no doubled full stop, one space between words. Line ends become {@code \n}, trailing
     * blanks are dropped; the rest of the Markdown is kept as it is.
     */
    static String clean(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String source = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            int marker = source.indexOf(CITATION, i);
            if (marker < 0) {
                out.append(source, i, source.length());
                break;
            }
            out.append(source, i, marker);
            i = marker;
            boolean spaceBefore = trimTrailingBlanks(out);
            // One marker or a run of them ("(Citation: A)(Citation: B)" or with blanks in between).
            int j = i;
            while (source.startsWith(CITATION, j)) {
                j = endOfMarker(source, j);
                int k = j;
                while (k < source.length() && isBlank(source.charAt(k))) {
                    k++;
                }
                if (source.startsWith(CITATION, k)) {
                    j = k;
                }
            }
            boolean spaceAfter = false;
            while (j < source.length() && isBlank(source.charAt(j))) {
                spaceAfter = true;
                j++;
            }
            if (j < source.length()) {
                char next = source.charAt(j);
                char last = out.isEmpty() ? '\n' : out.charAt(out.length() - 1);
                if (isClosingPunctuation(next)) {
                    // "blocked.(Citation: A)." — the second stop is the marker's sentence end, already there.
                    if (next == last && next != ')' && (j + 1 >= source.length() || source.charAt(j + 1) != next)) {
                        j++;
                    }
                } else if (next != '\n' && last != '\n' && (spaceBefore || spaceAfter || Character.isLetterOrDigit(next))) {
                    out.append(' ');
                }
            }
            i = j;
        }
        String cleaned = out.toString();
        if (cleaned.contains(" \n") || cleaned.contains("\t\n")) {
            cleaned = LINE_END_SPACES.matcher(cleaned).replaceAll("\n");
        }
        if (cleaned.contains("\n\n\n")) {
            cleaned = MANY_BLANK_LINES.matcher(cleaned).replaceAll("\n\n");
        }
        return cleaned.strip();
    }

    /** Index just after the marker that starts at {@code start}, nested parentheses included; the end if unclosed. */
    private static int endOfMarker(String s, int start) {
        int depth = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            } else if (c == '\n' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                return i; // an unclosed marker ends with its paragraph
            }
        }
        return s.length();
    }

    private static boolean trimTrailingBlanks(StringBuilder out) {
        int length = out.length();
        while (length > 0 && isBlank(out.charAt(length - 1))) {
            length--;
        }
        boolean trimmed = length < out.length();
        out.setLength(length);
        return trimmed;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0';
    }

    private static boolean isClosingPunctuation(char c) {
        return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')';
    }

    /** Runs of whitespace (line breaks included) become one space; ends trimmed. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (Character.isWhitespace(c) && (c != ' ' || stripped.charAt(i + 1) == ' ')) {
                return WHITESPACE.matcher(stripped).replaceAll(" ");
            }
        }
        return stripped;
    }

    /**
     * The summary of a cleaned description: its first paragraph on one line, without a last sentence
     * that ends with a colon. Longer than {@code max}: as many whole sentences as fit, else cut at a
     * word with "…".
     */
    static String summary(String description, int max) {
        String first = oneLine(BLANK_LINE.split(description, 2)[0]);
        if (first.endsWith(":")) {
            // "… This mitigation can be implemented through the following measures:" announces what the
            // summary leaves out: the summary ends with the sentence before it.
            int end = lastSentenceEnd(first, first.length() - 1);
            if (end > 0) {
                first = first.substring(0, end);
            }
        }
        if (first.length() <= max) {
            return first;
        }
        int sentenceEnd = lastSentenceEnd(first, max);
        if (sentenceEnd >= max / 4) {
            return first.substring(0, sentenceEnd);
        }
        return cut(first, max);
    }

    /** The end (exclusive) of the last sentence ending before {@code limit} and followed by a space; -1 if none. */
    private static int lastSentenceEnd(String text, int limit) {
        for (int i = Math.min(limit, text.length() - 1) - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && text.charAt(i + 1) == ' ') {
                return i + 1;
            }
        }
        return -1;
    }

    /** {@code text} if at most {@code max} characters, else cut at the last word that fits with "…" (max included). */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1; // room for the ellipsis
        int space = text.lastIndexOf(' ', end);
        if (space >= max / 2) {
            end = space;
        } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return text.substring(0, end).stripTrailing() + "…";
    }

    static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} in UTF-8, cut at a word, with "…". */
    static String cutToBytes(String text, int maxBytes) {
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        byte[] ellipsis = "…".getBytes(StandardCharsets.UTF_8);
        int budget = maxBytes - ellipsis.length;
        int end = 0;
        int bytes = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        int space = Math.max(text.lastIndexOf(' ', end - 1), text.lastIndexOf('\n', end - 1));
        if (space >= end / 2) {
            end = space;
        }
        return text.substring(0, end).stripTrailing() + "…";
    }
}
