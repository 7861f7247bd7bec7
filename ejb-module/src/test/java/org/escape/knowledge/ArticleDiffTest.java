package org.escape.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.escape.access.Label;
import org.escape.access.Level;
import org.junit.jupiter.api.Test;

class ArticleDiffTest {

    private static ArticleContent content(String title, String body, Label label) {
        return new ArticleContent(title, "s", body, List.of("a"), List.of(), label);
    }

    @Test
    void pairsChangedLinesAndCountsAddedAndRemoved() {
        ArticleDiff diff = ArticleDiff.between(1, content("T", "# Steps\nBlock port 445\nold line\nend", Label.releasableToAll(Level.RESTRICTED)),
                2, content("T2", "# Steps\nBlock ports 139 and 445\nend\nnew line", Label.releasableToAll(Level.CONFIDENTIAL)));
        assertEquals(List.of(new ArticleDiff.FieldChange("title", "T", "T2"),
                new ArticleDiff.FieldChange("marking", "RESTRICTED", "CONFIDENTIAL")), diff.fields());
        String kinds = diff.lines().stream().map(r -> r.kind().name()).collect(Collectors.joining(","));
        assertEquals("EQUAL,CHANGE,DELETE,EQUAL,INSERT", kinds);
        ArticleDiff.Row change = diff.lines().get(1);
        assertEquals("Block port 445", change.oldText());
        assertEquals("Block ports 139 and 445", change.newText());
        assertEquals(2, change.oldNumber());
        assertEquals(2, change.newNumber());
        assertEquals(2, diff.added());
        assertEquals(2, diff.removed());
    }

    @Test
    void foldsLongUnchangedRunsKeepingContext() {
        String old = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        String changed = old.replace("line 20\n", "line twenty\n");
        ArticleDiff diff = ArticleDiff.between(1, content("T", old, Label.releasableToAll(Level.UNCLASSIFIED)), 2,
                content("T", changed, Label.releasableToAll(Level.UNCLASSIFIED)));
        String kinds = diff.lines().stream().map(r -> r.kind().name()).collect(Collectors.joining(","));
        assertEquals("SKIP,EQUAL,EQUAL,EQUAL,CHANGE,EQUAL,EQUAL,EQUAL,SKIP", kinds);
        assertEquals(16, diff.lines().get(0).count());
        assertEquals(1, diff.lines().get(0).oldNumber());
        assertEquals(17, diff.lines().get(1).oldNumber());
        assertEquals(17, diff.lines().get(8).count());
        assertEquals(List.of(), diff.fields());
    }

    @Test
    void identicalRevisionsHaveNoChanges() {
        ArticleContent c = content("T", "a\nb", Label.releasableToAll(Level.SECRET));
        ArticleDiff diff = ArticleDiff.between(3, c, 3, c);
        assertEquals(0, diff.added());
        assertEquals(0, diff.removed());
        assertEquals(2, diff.lines().size());
    }
}
