package org.escape.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.escape.access.Label;

/**
 * What the index needs of a forum thread and its posts, read in one transaction: plain values,
 * so that the mapping to documents ({@link ForumDocuments}) is a pure function with unit tests.
 *
 * @param threadId    the thread
 * @param forumId     its forum
 * @param forumLabel  the forum's label (top of the chain)
 * @param threadLabel the thread's label
 * @param title       the thread title
 * @param tags        the thread tags
 * @param hidden      whether a moderator hid the thread (then nothing of it is searchable)
 * @param createdAt   when the thread was started
 * @param posts       the posts to (re)index; all of the thread's, or only the one that changed
 */
public record ForumSnapshot(UUID threadId, UUID forumId, Label forumLabel, Label threadLabel, String title,
                            List<String> tags, boolean hidden, Instant createdAt, List<PostSnapshot> posts) {

    /** Requires every value; copies the lists. */
    public ForumSnapshot {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(forumId, "forumId");
        Objects.requireNonNull(forumLabel, "forumLabel");
        Objects.requireNonNull(threadLabel, "threadLabel");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdAt, "createdAt");
        tags = List.copyOf(tags);
        posts = List.copyOf(posts);
    }

    /**
     * One post as the index sees it.
     *
     * @param id        the post
     * @param body      its Markdown source
     * @param label     its own label
     * @param createdAt when it was written
     * @param editedAt  its last edit, or null
     * @param deleted   tombstoned (then it is removed from the index)
     * @param hidden    hidden by a moderator (then it is removed from the index: roles never widen search)
     */
    public record PostSnapshot(UUID id, String body, Label label, Instant createdAt, Instant editedAt,
                               boolean deleted, boolean hidden) {

        /** Requires the id, label, body and creation time. */
        public PostSnapshot {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }
}
