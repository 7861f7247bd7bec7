package org.escape.knowledge;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.escape.access.Role;
import org.escape.platform.ConflictException;
import org.escape.platform.NotPermittedException;

/**
 * Who may move an article where (docs/api-articles.md, "Who may do what") — the publication
 * workflow and its two-person rule, as pure functions of the article's state and the caller.
 * Whether the caller may read the article at all is {@link org.escape.access.AccessRules#mayReadArticle}'s
 * question and is answered first.
 *
 * <p>The two-person rule: an article is published by a moderator who neither wrote it nor wrote its
 * current revision, so at least two people have looked at every published text.
 */
public final class ArticleWorkflow {

    private ArticleWorkflow() {
    }

    /** The state of an article the rules look at. */
    public record State(ArticleStatus status, UUID authorId, UUID revisedBy) {
    }

    /** The caller as the rules see them. */
    public record Actor(UUID id, Set<Role> roles) {
        boolean moderator() {
            return roles.contains(Role.MODERATOR);
        }
    }

    /** Everything {@code actor} may do now. */
    public static Set<ArticleAction> actions(State state, Actor actor) {
        Set<ArticleAction> allowed = EnumSet.noneOf(ArticleAction.class);
        for (ArticleAction action : ArticleAction.values()) {
            if (statusAllows(state.status(), action) && refusal(state, actor, action) == null) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    /**
     * Throws unless {@code actor} may take {@code action} now: 409 when the article's status does not
     * allow it (naming the status), 403 when the status does but the actor may not (saying why).
     */
    public static void require(State state, Actor actor, ArticleAction action) {
        if (!statusAllows(state.status(), action)) {
            throw new ConflictException(statusMessage(state.status(), action));
        }
        String refusal = refusal(state, actor, action);
        if (refusal != null) {
            throw new NotPermittedException(refusal);
        }
    }

    /** The status an action leads to. */
    public static ArticleStatus target(ArticleAction action, ArticleStatus from) {
        return switch (action) {
            case EDIT -> from;
            case SUBMIT -> ArticleStatus.IN_REVIEW;
            case WITHDRAW, SEND_BACK -> ArticleStatus.DRAFT;
            case PUBLISH -> ArticleStatus.PUBLISHED;
            case RETIRE -> ArticleStatus.RETIRED;
        };
    }

    static boolean statusAllows(ArticleStatus status, ArticleAction action) {
        return switch (action) {
            case EDIT -> status != ArticleStatus.RETIRED;
            case SUBMIT -> status == ArticleStatus.DRAFT;
            case WITHDRAW, SEND_BACK, PUBLISH -> status == ArticleStatus.IN_REVIEW;
            case RETIRE -> status == ArticleStatus.PUBLISHED;
        };
    }

    /** Null when the actor may take the action (the status allowing it), else why not. */
    private static String refusal(State state, Actor actor, ArticleAction action) {
        boolean author = state.authorId().equals(actor.id());
        boolean moderator = actor.moderator();
        return switch (action) {
            case EDIT -> {
                if (state.status() == ArticleStatus.PUBLISHED) {
                    yield moderator && !author ? null
                            : author ? "You wrote this article: changes to it after publication are made by a moderator"
                                    + " who reviews them (ask one), so that a second person sees every published text."
                            : "Only a moderator can edit a published article.";
                }
                yield author || moderator ? null : "Only the author or a moderator can edit this article.";
            }
            case SUBMIT -> author || moderator ? null : "Only the author or a moderator can submit this article for review.";
            case WITHDRAW -> author ? null : "Only the author can withdraw an article from review; a moderator sends it back.";
            case SEND_BACK -> !moderator ? "Only a moderator can send an article back."
                    : author ? "You wrote this article: withdraw it instead of sending it back." : null;
            case PUBLISH -> !moderator ? "Only a moderator can publish an article."
                    : author ? "You wrote this article: another moderator must review and publish it (two-person rule)."
                    : state.revisedBy().equals(actor.id())
                            ? "You wrote the current revision: another moderator must review and publish it (two-person rule)."
                    : null;
            case RETIRE -> moderator ? null : "Only a moderator can retire an article.";
        };
    }

    private static String statusMessage(ArticleStatus status, ArticleAction action) {
        String name = status.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return switch (action) {
            case EDIT -> "This article is retired: it is kept for reference and cannot be edited.";
            case SUBMIT -> "This article is " + name + "; only a draft can be submitted for review.";
            case WITHDRAW, SEND_BACK, PUBLISH -> "This article is " + name + "; only an article in review can be "
                    + (action == ArticleAction.WITHDRAW ? "withdrawn" : action == ArticleAction.SEND_BACK ? "sent back"
                            : "published") + ".";
            case RETIRE -> "This article is " + name + "; only a published article can be retired.";
        };
    }
}
