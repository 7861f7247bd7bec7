package org.escape.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MentionsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            @alice                              | alice
            hi @alice and @bob                  | alice bob
            "@alice, please look"               | alice
            thanks @alice.                      | alice
            thanks @alice...                    | alice
            (@alice) [@bob] '@carol'            | alice bob carol
            *@alice* **@bob** ~~@carol~~        | alice bob carol
            @first.last @a_b @x-y               | first.last a_b x-y
            @Alice @ALICE @alice                | alice
            > quoting @alice                    | alice
            - item for @alice                   | alice
            # @alice in a heading               | alice
            [ask @alice](https://cert.example)  | alice
            @alice@bob                          | alice
            """)
    void mentionsInProse(String markdown, String expected) {
        assertEquals(List.of(expected.split(" ")), List.copyOf(Markdown.mentions(markdown)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            `@alice`
            "```\\n@alice\\n```"
            "    @alice indented code"
            alice@cert.example
            mail alice@cert.example now
            josé@cert.example
            <alice@cert.example>
            https://cert.example/@alice
            <https://cert.example/@alice>
            www.cert.example/@alice
            [x](https://cert.example/@alice)
            [x](https://cert.example "@alice")
            "[x][r]\\n\\n[r]: https://cert.example/@alice"
            @
            @.alice
            @-alice
            @_alice
            email@
            """)
    void noMentionsOutsideProse(String markdown) {
        assertEquals(Set.of(), Markdown.mentions(markdown.replace("\\n", "\n")));
    }

    @Test
    void firstSeenOrderWithoutDuplicates() {
        assertEquals(List.of("carol", "alice", "bob"), List.copyOf(Markdown.mentions("@carol @alice @Carol\n\n@bob @ALICE")));
    }

    @Test
    void atMostTwentyNames() {
        String text = IntStream.range(0, 30).mapToObj(i -> "@user" + i).collect(Collectors.joining(" "));
        Set<String> mentions = Markdown.mentions(text);
        assertEquals(Markdown.MAX_MENTIONS, mentions.size());
        assertEquals(IntStream.range(0, 20).mapToObj(i -> "user" + i).toList(), List.copyOf(mentions));
    }

    @Test
    void namesLongerThanSixtyFourCharactersMentionNobody() {
        String longest = "a".repeat(64);
        assertEquals(Set.of(longest), Markdown.mentions("@" + longest + "."));
        assertEquals(Set.of(), Markdown.mentions("@" + longest + "b"));
    }

    @Test
    void theAnswerIsUnmodifiable() {
        assertThrows(UnsupportedOperationException.class, () -> Markdown.mentions("@alice").add("bob"));
        assertThrows(UnsupportedOperationException.class, () -> Markdown.mentions(null).add("bob"));
        assertEquals(Set.of(), Markdown.mentions("  "));
    }
}
