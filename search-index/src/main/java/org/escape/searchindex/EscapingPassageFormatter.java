package org.escape.searchindex;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats highlighted passages as a safe HTML fragment: every character of the stored text is
 * HTML-escaped and only the matches are wrapped in {@code <mark>…</mark>}, so a body containing
 * markup or script can never inject it into the results page. Passages are joined with an
 * ellipsis.
 *
 * <p>Stateless and thread-safe.
 */
final class EscapingPassageFormatter extends PassageFormatter {

    private static final String ELLIPSIS = " … ";

    @Override
    public String format(Passage[] passages, String content) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        for (Passage passage : passages) {
            if (passage.getStartOffset() > pos && pos > 0) {
                out.append(ELLIPSIS);
            }
            pos = passage.getStartOffset();
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int start = passage.getMatchStarts()[i];
                int end = passage.getMatchEnds()[i];
                if (start < pos) {
                    // overlapping match: extend the previous mark by re-opening nothing, just skip the overlap
                    if (end > pos) {
                        out.setLength(out.length() - "</mark>".length());
                        escape(content, pos, end, out);
                        out.append("</mark>");
                        pos = end;
                    }
                    continue;
                }
                escape(content, pos, start, out);
                out.append("<mark>");
                escape(content, start, end, out);
                out.append("</mark>");
                pos = end;
            }
            escape(content, pos, Math.max(pos, passage.getEndOffset()), out);
            pos = Math.max(pos, passage.getEndOffset());
        }
        return out.toString();
    }

    /** Appends {@code content[from, to)} HTML-escaped. */
    static void escape(String content, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = content.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
