package org.escape.web.forum;

import java.util.List;
import org.escape.web.api.LabelView;

/**
 * The request bodies of the forum API. Unknown fields (an {@code author}, {@code createdAt} or
 * {@code country} a client might send) are ignored: nothing but these fields is ever read.
 */
final class ForumRequests {

    private ForumRequests() {
    }

    /** {@code POST /forums}. */
    public record NewForum(String name, String description, LabelView label) {
    }

    /** {@code PATCH /forums/{id}}. */
    public record ForumPatch(String name, String description, LabelView label, Boolean archived) {
    }

    /** {@code POST /forums/{id}/threads}. */
    public record NewThread(String title, String body, LabelView label, List<String> tags) {
    }

    /** {@code POST /threads/{id}/posts}. */
    public record NewPost(String body, LabelView label, String replyTo) {
    }

    /** {@code PATCH /posts/{id}}. */
    public record PostPatch(String body, LabelView label) {
    }

    /** {@code POST /threads/{id}/moderation} and {@code POST /posts/{id}/moderation}. */
    public record Moderation(String action, String reason) {
    }
}
