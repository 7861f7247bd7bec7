package org.escape.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.access.Level;
import org.escape.search.ForumSnapshot.PostSnapshot;
import org.escape.searchindex.ItemType;
import org.escape.searchindex.SearchDocument;
import org.junit.jupiter.api.Test;

class ForumDocumentsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID FORUM = UUID.randomUUID();
    private static final UUID THREAD = UUID.randomUUID();

    static ForumSnapshot thread(Label forum, Label thread, boolean hidden, PostSnapshot... posts) {
        return new ForumSnapshot(THREAD, FORUM, forum, thread, "Emotet wave", List.of("malware", "t1566"), hidden, T0,
                List.of(posts));
    }

    static PostSnapshot post(String body, Label label) {
        return new PostSnapshot(UUID.randomUUID(), body, label, T0.plusSeconds(60), null, false, false);
    }

    @Test
    void aPostCarriesTheTokensOfItsWholeChainAndTheOpenAccessToken() {
        PostSnapshot post = post("block the macro", Label.of(Level.SECRET, "GBR", "KEN"));
        SearchDocument doc = ForumDocuments.post(thread(Label.releasableToAll(Level.RESTRICTED),
                Label.of(Level.CONFIDENTIAL, "GBR", "KEN", "MYS"), false), post);

        assertEquals(Set.of("lvl:SECRET", "rel:GBR", "rel:KEN", "acc:OPEN"), doc.securityTokens());
        assertEquals(ItemType.FORUM_POST, doc.type());
        assertEquals(post.id().toString(), doc.id());
        assertEquals("Emotet wave", doc.title());
        assertEquals("block the macro", doc.body());
        assertEquals(List.of("malware", "t1566"), doc.tags());
        assertEquals(List.of(FORUM.toString(), THREAD.toString()), doc.containerIds());
        assertEquals("/threads/" + THREAD + "#post-" + post.id(), doc.url());
        assertEquals("published", doc.status());
    }

    @Test
    void theChainDecidesEvenWhenThePostItselfIsLower() {
        SearchDocument doc = ForumDocuments.post(thread(Label.of(Level.SECRET, "GBR"), Label.of(Level.SECRET, "GBR"), false),
                post("x", Label.releasableToAll(Level.SECRET)));
        assertEquals(Set.of("lvl:SECRET", "rel:GBR", "acc:OPEN"), doc.securityTokens());
    }

    @Test
    void aChainNobodyMayReadGetsTheNobodyToken() {
        SearchDocument doc = ForumDocuments.post(thread(Label.of(Level.RESTRICTED, "GBR"), Label.of(Level.RESTRICTED, "GBR"),
                false), post("x", Label.of(Level.RESTRICTED, "GBR")));
        assertTrue(doc.securityTokens().contains("rel:GBR"));
        SearchDocument nobody = ForumDocuments.post(new ForumSnapshot(THREAD, FORUM, Label.of(Level.RESTRICTED, "GBR"),
                Label.of(Level.RESTRICTED, "GBR"), "t", List.of(), false, T0, List.of()), post("x", Label.of(Level.RESTRICTED, "GBR")));
        assertFalse(nobody.securityTokens().contains("rel:KEN"));
    }

    @Test
    void theThreadDocumentHoldsTitleAndTagsOnlyUnderForumAndThreadLabels() {
        PostSnapshot first = post("secret first words", Label.of(Level.SECRET, "GBR"));
        IndexChange change = ForumDocuments.of(thread(Label.releasableToAll(Level.UNCLASSIFIED),
                Label.releasableToAll(Level.RESTRICTED), false, first));

        SearchDocument threadDoc = change.upserts().get(0);
        assertEquals(ItemType.THREAD, threadDoc.type());
        assertEquals(THREAD.toString(), threadDoc.id());
        assertEquals("", threadDoc.body());
        assertEquals(Set.of("lvl:RESTRICTED", "rel:ALL", "acc:OPEN"), threadDoc.securityTokens());
        assertEquals("/threads/" + THREAD, threadDoc.url());
        assertEquals(2, change.upserts().size());
        assertEquals(Set.of("lvl:SECRET", "rel:GBR", "acc:OPEN"), change.upserts().get(1).securityTokens());
    }

    @Test
    void deletedAndHiddenPostsAreRemoved() {
        Label open = Label.releasableToAll(Level.UNCLASSIFIED);
        PostSnapshot kept = post("kept", open);
        PostSnapshot deleted = new PostSnapshot(UUID.randomUUID(), "", open, T0, null, true, false);
        PostSnapshot hidden = new PostSnapshot(UUID.randomUUID(), "rude", open, T0, null, false, true);

        IndexChange change = ForumDocuments.of(thread(open, open, false, kept, deleted, hidden));

        assertEquals(List.of(THREAD.toString(), kept.id().toString()),
                change.upserts().stream().map(SearchDocument::id).toList());
        assertEquals(List.of(deleted.id().toString(), hidden.id().toString()), change.deletes());
    }

    @Test
    void aHiddenThreadIsRemovedWithAllItsPosts() {
        Label open = Label.releasableToAll(Level.UNCLASSIFIED);
        PostSnapshot a = post("a", open);
        PostSnapshot b = post("b", open);

        IndexChange change = ForumDocuments.of(thread(open, open, true, a, b));

        assertTrue(change.upserts().isEmpty());
        assertEquals(List.of(THREAD.toString(), a.id().toString(), b.id().toString()), change.deletes());
    }

    @Test
    void anEditMovesUpdatedAtButNeverBeforeCreation() {
        Label open = Label.releasableToAll(Level.UNCLASSIFIED);
        PostSnapshot edited = new PostSnapshot(UUID.randomUUID(), "x", open, T0, T0.plusSeconds(3600), false, false);
        assertEquals(T0.plusSeconds(3600), ForumDocuments.post(thread(open, open, false), edited).updatedAt());
    }
}
