package org.escape.forum;

import java.util.UUID;

/**
 * Something in a forum changed that derived views (the search index, live pushes) must reflect:
 * fired inside the writing transaction; observers that act on it outside the database observe it
 * {@code AFTER_SUCCESS} and re-read the current state rather than trust the event.
 *
 * @param scope    what changed: a whole forum (its label or status, which affects every thread
 *                 and post in it), a thread (and its posts), or one post
 * @param forumId  always set
 * @param threadId set for THREAD and POST
 * @param postId   set for POST
 */
public record ForumContentChanged(Scope scope, UUID forumId, UUID threadId, UUID postId) {

    /** How much a change touches. */
    public enum Scope { FORUM, THREAD, POST }

    static ForumContentChanged forum(UUID forumId) {
        return new ForumContentChanged(Scope.FORUM, forumId, null, null);
    }

    static ForumContentChanged thread(ForumThread thread) {
        return new ForumContentChanged(Scope.THREAD, thread.forumId(), thread.id(), null);
    }

    static ForumContentChanged post(ForumThread thread, Post post) {
        return new ForumContentChanged(Scope.POST, thread.forumId(), thread.id(), post.id());
    }
}
