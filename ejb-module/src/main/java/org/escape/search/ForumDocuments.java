package org.escape.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.access.LabelTokens;
import org.escape.search.ForumSnapshot.PostSnapshot;
import org.escape.searchindex.ItemType;
import org.escape.searchindex.SearchDocument;

/**
 * Forum threads and posts as search documents.
 *
 * <ul>
 *   <li>A <b>thread</b> document holds only what its own chain (forum, thread) guards: the title
 *       and the tags. The first post's text is not copied in, even when it has the thread's label:
 *       a later label raise of that post would otherwise leave its text findable under the lower
 *       thread label. The posts are documents of their own.</li>
 *   <li>A <b>post</b> document holds the post's Markdown source as body, and the thread's title and
 *       tags (guarded by a chain the post's chain dominates, so they reveal nothing more), with the
 *       tokens of the whole chain forum → thread → post.</li>
 *   <li>Hidden threads, and hidden or deleted posts, are removed: they are for moderators and
 *       authors only, and roles never widen search.</li>
 * </ul>
 * Every document also carries {@link AccessTokens#OPEN}: forum content needs nothing beyond R1.
 *
 * <p>Stateless and thread-safe.
 */
public final class ForumDocuments {

    /** The status forum documents carry: forum content has no workflow, it is published when written. */
    public static final String STATUS = "published";

    private ForumDocuments() {
    }

    /** Everything to write for a thread and the posts in the snapshot. */
    public static IndexChange of(ForumSnapshot snapshot) {
        if (snapshot.hidden()) {
            List<String> gone = new ArrayList<>();
            gone.add(snapshot.threadId().toString());
            snapshot.posts().forEach(post -> gone.add(post.id().toString()));
            return IndexChange.deleting(gone);
        }
        List<SearchDocument> upserts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        upserts.add(thread(snapshot));
        for (PostSnapshot post : snapshot.posts()) {
            if (post.deleted() || post.hidden()) {
                deletes.add(post.id().toString());
            } else {
                upserts.add(post(snapshot, post));
            }
        }
        return new IndexChange(upserts, deletes);
    }

    /** The thread document: title and tags under the forum and thread labels. */
    public static SearchDocument thread(ForumSnapshot snapshot) {
        return new SearchDocument(ItemType.THREAD, snapshot.threadId().toString(), snapshot.title(), "",
                snapshot.tags(), tokens(List.of(snapshot.forumLabel(), snapshot.threadLabel())),
                List.of(snapshot.forumId().toString()), STATUS, snapshot.createdAt(), snapshot.createdAt(),
                threadUrl(snapshot.threadId()));
    }

    /** The document of one post of the thread. */
    public static SearchDocument post(ForumSnapshot snapshot, PostSnapshot post) {
        Instant updated = post.editedAt() == null || post.editedAt().isBefore(post.createdAt())
                ? post.createdAt() : post.editedAt();
        return new SearchDocument(ItemType.FORUM_POST, post.id().toString(), snapshot.title(), post.body(),
                snapshot.tags(), tokens(List.of(snapshot.forumLabel(), snapshot.threadLabel(), post.label())),
                List.of(snapshot.forumId().toString(), snapshot.threadId().toString()), STATUS, post.createdAt(),
                updated, threadUrl(snapshot.threadId()) + "#post-" + post.id());
    }

    /** The security tokens of an open item under {@code chain}: its effective label's, plus {@code acc:OPEN}. */
    public static Set<String> tokens(List<Label> chain) {
        Set<String> tokens = new LinkedHashSet<>(LabelTokens.forChain(chain));
        tokens.add(AccessTokens.OPEN);
        return tokens;
    }

    private static String threadUrl(UUID threadId) {
        return "/threads/" + threadId;
    }
}
