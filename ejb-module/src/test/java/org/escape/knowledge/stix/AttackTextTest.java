package org.escape.knowledge.stix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AttackTextTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "Block it.(Citation: A) Next.                         | Block it. Next.",
        "Block it. (Citation: A) Next.                        | Block it. Next.",
        "Block it (Citation: A).                              | Block it.",
        "validation.(Citation: Microsoft)(Citation: ACSC).    | validation.",
        "scheduling priority. (Citation: TechNet Scheduling)  | scheduling priority.",
        "a (Citation: A) (Citation: B) b                      | a b",
        "word(Citation: A)word                                | word word",
        "(Citation: A) Starts here                            | Starts here",
        "(see this (Citation: A))                             | (see this)",
        "nested (Citation: Vendor (2019) Report) text         | nested text",
        "Wait...(Citation: A) ok                              | Wait... ok",
        "No markers, *Markdown* kept: [x](https://e.org)      | No markers, *Markdown* kept: [x](https://e.org)",
    })
    void citationMarkersGoWithTheSpaceTheyLeave(String text, String expected) {
        assertEquals(expected, AttackText.clean(text));
    }

    @Test
    void lineStructureIsKept() {
        assertEquals("Intro:\n\n- one\n- two", AttackText.clean("Intro:(Citation: A)\r\n\r\n- one (Citation: B)\n- two  \n\n\n"));
        assertEquals("First.\nSecond.", AttackText.clean("First. (Citation: A)\nSecond."));
        assertEquals("", AttackText.clean(null));
        assertEquals("", AttackText.clean("(Citation: only)"));
        assertEquals("Unclosed", AttackText.clean("Unclosed (Citation: oops"));
    }

    @Test
    void summaryIsTheFirstParagraphOnOneLine() {
        assertEquals("One two. Three.", AttackText.summary("One\ntwo. Three.\n\nSecond paragraph.", 1000));
        assertEquals("", AttackText.summary("", 1000));
        assertEquals("Scan systems. Patch them.", AttackText.summary(
                "Scan systems. Patch them. This mitigation can be implemented through the following measures:\n\n- a", 1000));
        assertEquals("These factors include:", AttackText.summary("These factors include:\n\n- a", 1000));
    }

    @Test
    void aLongSummaryKeepsWholeSentencesOrEndsAtAWord() {
        String sentence = "word ".repeat(30).strip() + ". ";
        String paragraph = sentence.repeat(20);
        String summary = AttackText.summary(paragraph, 1000);
        assertTrue(summary.length() <= 1000, summary.length() + "");
        assertTrue(summary.endsWith("word."), summary);

        String oneSentence = "word ".repeat(400);
        String cut = AttackText.summary(oneSentence, 1000);
        assertTrue(cut.length() <= 1000);
        assertTrue(cut.endsWith("word…"), cut);
    }

    @Test
    void cutsAtAWordAndNeverSplitsACharacter() {
        assertEquals("short", AttackText.cut("short", 10));
        assertEquals("one two…", AttackText.cut("one two three", 10));
        String emoji = "😀".repeat(10);
        String cut = AttackText.cut(emoji, 6);
        assertTrue(cut.length() <= 6);
        assertEquals(cut.codePointCount(0, cut.length()) * 2 - 1, cut.length(), cut);
    }

    @Test
    void cutsToAByteBudgetInUtf8() {
        String text = "é".repeat(100) + " " + "ü".repeat(100);
        String cut = AttackText.cutToBytes(text, 250);
        assertTrue(AttackText.utf8Length(cut) <= 250);
        assertEquals("é".repeat(100) + "…", cut);
        assertEquals(4, AttackText.utf8Length("😀"));
        assertEquals(6, AttackText.utf8Length("a€é"));
    }
}
