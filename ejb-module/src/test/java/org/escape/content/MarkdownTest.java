package org.escape.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownTest {

    private static final String REL = " rel=\"nofollow noopener noreferrer\"";

    @Test
    void headingsAndEmphasis() {
        assertEquals("<h1>Title</h1>\n<h3>Sub</h3>\n<p><em>a</em> <strong>b</strong></p>\n",
                Markdown.toSafeHtml("# Title\n### Sub\n*a* **b**"));
        assertEquals("<h6>six</h6>\n", Markdown.toSafeHtml("###### six"));
    }

    @Test
    void listsKeepTheirStart() {
        assertEquals("<ul><li>a</li><li>b</li></ul>\n", Markdown.toSafeHtml("- a\n- b"));
        assertEquals("<ol start=\"3\"><li>c</li><li>d</li></ol>\n", Markdown.toSafeHtml("3. c\n4. d"));
        assertEquals("<ol><li>a</li></ol>\n", Markdown.toSafeHtml("1. a"));
    }

    @Test
    void fencedCodeKeepsALowerCaseLanguageClass() {
        assertEquals("<pre><code class=\"language-java\">int x &#61; a &lt; b;\n</code></pre>\n",
                Markdown.toSafeHtml("```Java\nint x = a < b;\n```"));
        assertEquals("<pre><code class=\"language-c&#43;&#43;\">x\n</code></pre>\n", Markdown.toSafeHtml("```c++\nx\n```"));
        assertEquals("<pre><code>plain\n</code></pre>\n", Markdown.toSafeHtml("    plain"));
        assertEquals("<p><code>&lt;b&gt;</code></p>\n", Markdown.toSafeHtml("`<b>`"));
    }

    @Test
    void aLanguageOutsideThePatternLosesOnlyItsClass() {
        assertEquals("<pre><code>x\n</code></pre>\n", Markdown.toSafeHtml("```a\"b\nx\n```"));
        assertEquals("<pre><code>x\n</code></pre>\n", Markdown.toSafeHtml("```" + "j".repeat(33) + "\nx\n```"));
    }

    @Test
    void tablesKeepTheirAlignment() {
        assertEquals("<table><thead><tr><th align=\"left\">a</th><th align=\"center\">b</th><th>c</th></tr></thead>"
                        + "<tbody><tr><td align=\"left\">1</td><td align=\"center\">2</td><td>3</td></tr></tbody></table>\n",
                Markdown.toSafeHtml("| a | b | c |\n|:--|:-:|---|\n| 1 | 2 | 3 |").replace("\n<", "<"));
    }

    @Test
    void strikethrough() {
        assertEquals("<p><del>gone</del></p>\n", Markdown.toSafeHtml("~~gone~~"));
    }

    @Test
    void bareUrlsAndAddressesBecomeLinks() {
        assertEquals("<p>see <a href=\"https://cert.example/a\"" + REL + ">https://cert.example/a</a>, "
                        + "<a href=\"http://www.cert.example\"" + REL + ">www.cert.example</a> and "
                        + "<a href=\"mailto:ops&#64;cert.example\"" + REL + ">ops&#64;cert.example</a></p>\n",
                Markdown.toSafeHtml("see https://cert.example/a, www.cert.example and ops@cert.example"));
        assertEquals("<p><a href=\"https://cert.example\"" + REL + ">https://cert.example</a></p>\n",
                Markdown.toSafeHtml("<https://cert.example>"));
    }

    @Test
    void everyLinkGetsRelAndLosesItsTitle() {
        assertEquals("<p><a href=\"https://cert.example/x\"" + REL + ">x</a></p>\n",
                Markdown.toSafeHtml("[x](https://cert.example/x \"a title\")"));
        assertEquals("<p><a href=\"http://cert.example\"" + REL + ">r</a></p>\n",
                Markdown.toSafeHtml("[r][1]\n\n[1]: http://cert.example"));
    }

    @Test
    void mailtoIsAllowed() {
        assertEquals("<p><a href=\"mailto:ops&#64;cert.example\"" + REL + ">mail</a></p>\n",
                Markdown.toSafeHtml("[mail](mailto:ops@cert.example)"));
    }

    @Test
    void linksThatAreNotAbsoluteHttpOrMailtoKeepOnlyTheirText() {
        assertEquals("<p>a b c d e</p>\n", Markdown.toSafeHtml(
                "[a](/forums/1) [b](javascript:alert(1)) [c](ftp://cert.example) [d](//cert.example) [e](#top)"));
    }

    @Test
    void imagesBecomeLinksToTheirUrl() {
        String html = Markdown.toSafeHtml("![the *graph*](https://cert.example/g.png) ![](https://cert.example/h.png)");
        assertEquals("<p><a href=\"https://cert.example/g.png\"" + REL + ">the graph</a> "
                + "<a href=\"https://cert.example/h.png\"" + REL + ">https://cert.example/h.png</a></p>\n", html);
        assertFalse(html.contains("<img"));
    }

    @Test
    void anImageInsideALinkIsOnlyItsText() {
        assertEquals("<p><a href=\"https://cert.example\"" + REL + ">logo</a></p>\n",
                Markdown.toSafeHtml("[![logo](https://cert.example/l.png)](https://cert.example)"));
    }

    @Test
    void rawHtmlIsShownAsText() {
        assertEquals("<p>&lt;b onclick&#61;&#34;x()&#34;&gt;bold&lt;/b&gt;</p>\n", Markdown.toSafeHtml("<b onclick=\"x()\">bold</b>"));
        assertEquals("<p>&lt;div&gt;\nblock\n&lt;/div&gt;</p>\n", Markdown.toSafeHtml("<div>\nblock\n</div>"));
    }

    @Test
    void quotesRulesAndBreaks() {
        assertEquals("<blockquote>\n<p>q</p>\n</blockquote>\n<hr />\n<p>a<br />\nb</p>\n",
                Markdown.toSafeHtml("> q\n\n---\n\na  \nb"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\n\t \n"})
    void blankInputRendersAsNothing(String blank) {
        assertEquals("", Markdown.toSafeHtml(blank));
    }

    @Test
    void utf8LengthAgreesWithTheEncoder() {
        for (String s : List.of("", "ascii", "é", "€ and ü", "😀 emoji", "a\ud800b", "\udc00", "x\ud83d", "𝄞𝄞", "\0")) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Markdown.utf8Length(s), s);
        }
        assertEquals(0, Markdown.utf8Length(null));
        assertTrue(Markdown.utf8Length("é".repeat(Markdown.MAX_BODY_BYTES / 2 + 1)) > Markdown.MAX_BODY_BYTES);
    }
}
