package org.escape.forum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.PayloadTooLargeException;
import org.junit.jupiter.api.Test;

class ForumInputTest {

    @Test
    void oneLineFieldsAreTrimmedAndFoldedButKeptAsText() {
        assertEquals("<b>Phishing</b> wave", ForumInput.title("  <b>Phishing</b>\n\t wave \u0007"));
    }

    @Test
    void titleLimits() {
        assertEquals("title", assertThrows(InvalidRequestException.class, () -> ForumInput.title("   "))
                .errors().get(0).field());
        ForumInput.title("x".repeat(200));
        assertThrows(InvalidRequestException.class, () -> ForumInput.title("x".repeat(201)));
        assertThrows(InvalidRequestException.class, () -> ForumInput.forumName("x".repeat(101)));
        assertThrows(InvalidRequestException.class, () -> ForumInput.reason(null));
    }

    @Test
    void bodyLimitIsInUtf8Bytes() {
        ForumInput.body("a".repeat(65536));
        assertThrows(PayloadTooLargeException.class, () -> ForumInput.body("a".repeat(65537)));
        // 'é' is two bytes: 32,769 of them exceed 64 KiB although they are fewer characters
        assertThrows(PayloadTooLargeException.class, () -> ForumInput.body("é".repeat(32769)));
        assertEquals("body", assertThrows(InvalidRequestException.class, () -> ForumInput.body(" \n "))
                .errors().get(0).field());
    }

    @Test
    void tagsAreNormalisedDeduplicatedAndLimited() {
        assertEquals(List.of("t1059.001", "phishing"), ForumInput.tags(List.of(" T1059.001 ", "Phishing", "phishing")));
        assertEquals(List.of(), ForumInput.tags(null));
        for (String bad : new String[] {"", "-x", "a b", "<script>", "x".repeat(33), "ünï"}) {
            assertThrows(InvalidRequestException.class, () -> ForumInput.tags(List.of(bad)), bad);
        }
        List<String> nine = new ArrayList<>(Arrays.asList("a", "b", "c", "d", "e", "f", "g", "h", "i"));
        assertThrows(InvalidRequestException.class, () -> ForumInput.tags(nine));
    }

    @Test
    void tagsAreStoredSoThatOneTagMatchesExactly() {
        assertEquals(",a,bc,", ForumThread.encodeTags(List.of("a", "bc")));
        assertEquals(",", ForumThread.encodeTags(List.of()));
    }
}
