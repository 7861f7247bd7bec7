package org.escape.searchindex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProseAnalyzerTest {

    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        }
        return out;
    }

    @Test
    void identifiersStayWholeLowerCasedAndUnstemmedAmongStemmedWords() throws IOException {
        List<String> tokens = tokens(new ProseAnalyzer(),
                "Attackers used T1059.001 and CVE-2024-3400 against 10.0.0.1, evil.example.com and fe80::1 "
                        + "(mail bob@Evil.Example.com) dropping " + SHA256.toUpperCase() + " mitigations.");
        assertEquals(List.of("attack", "us", "t1059.001", "cve-2024-3400", "against", "10.0.0.1", "evil.example.com",
                "fe80::1", "mail", "bob@evil.example.com", "evil.example.com", "drop", SHA256, "mitig"), tokens);
    }

    @ParameterizedTest
    @CsvSource({
            "T1059.001, t1059.001",
            "TA0002, ta0002",
            "M1038, m1038",
            "cve-2021-44228, cve-2021-44228",
            "192.168.1.254, 192.168.1.254",
            "2001:db8::ff00:42:8329, 2001:db8::ff00:42:8329",
            "d41d8cd98f00b204e9800998ecf8427e, d41d8cd98f00b204e9800998ecf8427e",
            "da39a3ee5e6b4b0d3255bfef95601890afd80709, da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "Login.Microsoftonline.COM, login.microsoftonline.com",
            "soc@cert.example.org, soc@cert.example.org"})
    void eachIdentifierKindIsOneToken(String text, String first) throws IOException {
        assertEquals(first, tokens(new ProseAnalyzer(), text).get(0));
        assertTrue(Identifiers.isIdentifier(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10:30:00", "999.1.1.1", "T105", "cve-24-1", "abc", "1.5", "deadbeef"})
    void lookalikesAreNotIdentifiers(String text) {
        assertFalse(Identifiers.isIdentifier(text), text);
    }

    @Test
    void sentenceEndAndPortDoNotGlueToTheIdentifier() throws IOException {
        assertEquals(List.of("connect", "10.0.0.1", "8080", "visit", "evil.example.com"),
                tokens(new ProseAnalyzer(), "Connects to 10.0.0.1:8080. Visit evil.example.com."));
    }

    @Test
    void suggestionPrefixesComeFromUnstemmedWords() throws IOException {
        List<String> grams = tokens(SuggestAnalyzers.titlePrefixes(), "Mitigations");
        assertEquals(List.of("m", "mi", "mit", "miti", "mitig", "mitiga", "mitigat", "mitigati", "mitigatio", "mitigation",
                "mitigations"), grams);
    }
}
