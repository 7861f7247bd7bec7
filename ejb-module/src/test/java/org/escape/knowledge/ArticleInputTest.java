package org.escape.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.escape.access.Label;
import org.escape.access.Level;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.PayloadTooLargeException;
import org.junit.jupiter.api.Test;

class ArticleInputTest {

    private static final Label U = Label.releasableToAll(Level.UNCLASSIFIED);

    private static ArticleDraft draft(String title, String body, List<String> tags, List<ArticleReference> refs) {
        return new ArticleDraft(title, "summary", body, tags, refs, U, null, null);
    }

    private static String field(Runnable r) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, r::run);
        return e.errors().get(0).field();
    }

    @Test
    void cleansAndKeepsOrder() {
        ArticleContent c = ArticleInput.content(draft("  A   title \n", "body\r\nline", List.of("Ransomware", "t1059.001",
                "ransomware"), List.of(new ArticleReference(" ", "https://attack.mitre.org/"))), null, ArticleInput.TAGS);
        assertEquals("A title", c.title());
        assertEquals("body\nline", c.body());
        assertEquals(List.of("ransomware", "t1059.001"), c.tags());
        assertEquals(List.of(new ArticleReference("https://attack.mitre.org/", "https://attack.mitre.org/")), c.references());
    }

    @Test
    void refusesEachBadFieldByName() {
        assertEquals("title", field(() -> ArticleInput.content(draft(" ", "b", null, null), null, 20)));
        assertEquals("title", field(() -> ArticleInput.content(draft("x".repeat(201), "b", null, null), null, 20)));
        assertEquals("body", field(() -> ArticleInput.content(draft("t", "  ", null, null), null, 20)));
        assertEquals("tags", field(() -> ArticleInput.content(draft("t", "b", List.of("bad tag"), null), null, 20)));
        assertEquals("tags", field(() -> ArticleInput.content(draft("t", "b", List.of("-x"), null), null, 20)));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("t" + i);
        }
        assertEquals("tags", field(() -> ArticleInput.content(draft("t", "b", many, null), null, 20)));
        assertEquals(21, ArticleInput.content(draft("t", "b", many, null), null, ArticleInput.IMPORTED_TAGS).tags().size());
        assertEquals("references[0].url", field(() -> ArticleInput.content(draft("t", "b", null,
                List.of(new ArticleReference("x", "javascript:alert(1)"))), null, 20)));
        assertEquals("references[0].url", field(() -> ArticleInput.content(draft("t", "b", null,
                List.of(new ArticleReference("x", "/relative"))), null, 20)));
        assertEquals("references", field(() -> ArticleInput.content(draft("t", "b", null,
                Collections.nCopies(31, new ArticleReference("x", "https://e.org/"))), null, 20)));
        assertEquals("label", field(() -> ArticleInput.content(new ArticleDraft("t", "", "b", null, null, null, null, null),
                null, 20)));
    }

    @Test
    void bodyLimitIs256KiBOfUtf8() {
        assertEquals(ArticleInput.BODY_BYTES, ArticleInput.body("x".repeat(ArticleInput.BODY_BYTES)).length());
        PayloadTooLargeException e = assertThrows(PayloadTooLargeException.class,
                () -> ArticleInput.body("é".repeat(ArticleInput.BODY_BYTES / 2 + 1)));
        assertTrue(e.getMessage().contains("256 KiB"));
    }

    @Test
    void storageFormsRoundTrip() {
        List<ArticleReference> refs = List.of(new ArticleReference("A\tB", "https://a.org/x?y=1"),
                new ArticleReference("C", "http://c.org/"));
        List<ArticleReference> back = ArticleInput.loadReferences(ArticleInput.storeReferences(refs));
        assertEquals(List.of(new ArticleReference("A B", "https://a.org/x?y=1"), refs.get(1)), back);
        assertEquals(List.of("a", "b.c"), ArticleInput.loadTags(ArticleInput.storeTags(List.of("a", "b.c"))));
        assertEquals(List.of(), ArticleInput.loadTags(ArticleInput.storeTags(List.of())));
    }
}
