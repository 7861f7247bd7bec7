package org.escape.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every vector of {@code xss-corpus.txt} rendered through {@link Markdown#toSafeHtml(String)} and,
 * separately, handed as HTML straight to the sanitizer — the second run shows that the allowlist
 * holds on its own, should the Markdown layer ever let raw HTML through.
 */
class MarkdownXssCorpusTest {

    static final String CORPUS = "xss-corpus.txt";
    private static final String VISIBLE = " ==> ";

    record Vector(int line, String input, String visible) {

        @Override
        public String toString() {
            return "line " + line + ": " + input.replace("\n", "\\n").replace("\t", "\\t").replace("\0", "\\0");
        }
    }

    static List<Vector> corpus() {
        List<Vector> vectors = new ArrayList<>();
        try (InputStream in = MarkdownXssCorpusTest.class.getResourceAsStream(CORPUS)) {
            assertNotNull(in, CORPUS + " is on the test class path");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int split = line.lastIndexOf(VISIBLE);
                String input = split < 0 ? line : line.substring(0, split);
                String visible = split < 0 ? null : line.substring(split + VISIBLE.length());
                vectors.add(new Vector(number, unescape(input), visible == null ? null : unescape(visible)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vectors;
    }

    /** {@code \n \r \t \0 \\} as in the file header; any other backslash stays. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                String replacement = switch (next) {
                    case 'n' -> "\n";
                    case 'r' -> "\r";
                    case 't' -> "\t";
                    case '0' -> "\0";
                    case '\\' -> "\\";
                    default -> null;
                };
                if (replacement != null) {
                    out.append(replacement);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    @Test
    void theCorpusIsLargeEnoughToMeanSomething() {
        List<Vector> vectors = corpus();
        assertTrue(vectors.size() >= 40, vectors.size() + " vectors");
        assertEquals(vectors.size(), vectors.stream().map(Vector::input).distinct().count(), "no duplicates");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void markdownNeutralisesTheVector(Vector vector) {
        String html = Markdown.toSafeHtml(vector.input());
        assertEquals(List.of(), SafeHtml.problems(html), html);
        if (vector.visible() != null) {
            String text = SafeHtml.visibleText(html);
            assertTrue(text.contains(vector.visible()), () -> "'" + vector.visible() + "' is still visible in: " + text);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void theSanitizerAloneNeutralisesTheVectorAsHtml(Vector vector) {
        String html = Markdown.sanitize(vector.input());
        assertEquals(List.of(), SafeHtml.problems(html), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<img src=x>",
        "<p onclick=\"alert(1)\">x</p>",
        "<a href=\"javascript:alert(1)\" rel=\"nofollow noopener noreferrer\">x</a>",
        "<a href=\"/relative\" rel=\"nofollow noopener noreferrer\">x</a>",
        "<a href=\"https://example.org\">x</a>",
        "<a href=\"https://example.org\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">x</a>",
        "<p style=\"color:red\">x</p>",
        "<code class=\"evil\">x</code>",
        "<span>x</span>",
        "<p>1 < 2</p>",
        "<p id=\"x\">x</p>",
    })
    void theCheckerItselfRefusesUnsafeHtml(String unsafe) {
        assertFalse(SafeHtml.problems(unsafe).isEmpty(), unsafe);
    }

    @Test
    void theCheckerAcceptsWhatTheRendererProduces() {
        String html = "<h2>T</h2><ol start=\"3\"><li><a href=\"https://example.org/?a&#61;1\" rel=\"nofollow noopener noreferrer\">x</a>"
                + "</li></ol><pre><code class=\"language-c++\">1 &lt; 2</code></pre><table><tr><td align=\"right\">1</td></tr></table>";
        assertEquals(List.of(), SafeHtml.problems(html));
        assertEquals("Tx1 < 21", SafeHtml.visibleText(html));
    }
}
