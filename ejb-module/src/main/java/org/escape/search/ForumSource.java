package org.escape.search;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.escape.forum.Forum;
import org.escape.forum.ForumThread;
import org.escape.forum.Post;
import org.escape.search.ForumSnapshot.PostSnapshot;

/**
 * Reads the current forum state for the index, each call in a transaction of its own: observers
 * run after the writing transaction committed, and the rebuild runs on a managed thread, so
 * neither may join (or be joined by) a business transaction. Read-only.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ForumSource {

    @PersistenceContext(unitName = "escape")
    private EntityManager em;

    /** The thread with all its posts; empty when the thread or its forum does not exist. */
    public Optional<ForumSnapshot> thread(UUID threadId) {
        return snapshot(threadId, null);
    }

    /** The thread with only the one post; empty when the thread or its forum does not exist. */
    public Optional<ForumSnapshot> post(UUID threadId, UUID postId) {
        return snapshot(threadId, postId);
    }

    /** Ids of the threads of a forum. */
    public List<UUID> threadIds(UUID forumId) {
        return em.createQuery("SELECT t.id FROM ForumThread t WHERE t.forumId = :forum ORDER BY t.createdAt, t.id",
                UUID.class).setParameter("forum", forumId).getResultList();
    }

    /** One batch of all thread ids, in a stable order, for a rebuild. */
    public List<UUID> threadIds(int offset, int limit) {
        return em.createQuery("SELECT t.id FROM ForumThread t ORDER BY t.createdAt, t.id", UUID.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** How many documents a rebuild will roughly write: every thread and every post (an upper bound). */
    public long documentEstimate() {
        long threads = em.createQuery("SELECT COUNT(t) FROM ForumThread t", Long.class).getSingleResult();
        long posts = em.createQuery("SELECT COUNT(p) FROM Post p", Long.class).getSingleResult();
        return threads + posts;
    }

    /** Whether any forum post exists at all. */
    public boolean hasPosts() {
        return !em.createQuery("SELECT p.id FROM Post p", UUID.class).setMaxResults(1).getResultList().isEmpty();
    }

    private Optional<ForumSnapshot> snapshot(UUID threadId, UUID onlyPost) {
        ForumThread thread = em.find(ForumThread.class, threadId);
        if (thread == null) {
            return Optional.empty();
        }
        Forum forum = em.find(Forum.class, thread.forumId());
        if (forum == null) {
            return Optional.empty();
        }
        List<Post> posts;
        if (onlyPost == null) {
            posts = em.createQuery("SELECT p FROM Post p WHERE p.threadId = :thread ORDER BY p.position", Post.class)
                    .setParameter("thread", threadId).getResultList();
        } else {
            Post post = em.find(Post.class, onlyPost);
            posts = post == null || !post.threadId().equals(threadId) ? List.of() : List.of(post);
        }
        return Optional.of(new ForumSnapshot(thread.id(), forum.id(), forum.label(), thread.label(), thread.title(),
                thread.tags(), thread.hidden(), thread.createdAt(), posts.stream().map(ForumSource::post).toList()));
    }

    private static PostSnapshot post(Post post) {
        return new PostSnapshot(post.id(), post.body(), post.label(), post.createdAt(), post.editedAt().orElse(null),
                post.deleted(), post.hidden());
    }
}
