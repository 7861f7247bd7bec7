package org.escape.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.escape.access.Role;
import org.escape.platform.ConflictException;
import org.escape.platform.NotPermittedException;
import org.junit.jupiter.api.Test;

/** The workflow and its two-person rule, every status × actor × action. */
class ArticleWorkflowTest {

    private final UUID author = UUID.randomUUID();
    private final UUID moderator = UUID.randomUUID();
    private final UUID otherModerator = UUID.randomUUID();
    private final UUID member = UUID.randomUUID();

    private ArticleWorkflow.State state(ArticleStatus status, UUID revisedBy) {
        return new ArticleWorkflow.State(status, author, revisedBy);
    }

    private static ArticleWorkflow.Actor actor(UUID id, boolean moderator) {
        return new ArticleWorkflow.Actor(id, moderator ? Set.of(Role.MEMBER, Role.MODERATOR) : Set.of(Role.MEMBER));
    }

    @Test
    void authorWritesSubmitsAndWithdrawsButNeverPublishes() {
        var me = actor(author, false);
        assertEquals(EnumSet.of(ArticleAction.EDIT, ArticleAction.SUBMIT), ArticleWorkflow.actions(state(ArticleStatus.DRAFT, author), me));
        assertEquals(EnumSet.of(ArticleAction.EDIT, ArticleAction.WITHDRAW),
                ArticleWorkflow.actions(state(ArticleStatus.IN_REVIEW, author), me));
        assertEquals(EnumSet.noneOf(ArticleAction.class), ArticleWorkflow.actions(state(ArticleStatus.PUBLISHED, author), me));
        assertEquals(EnumSet.noneOf(ArticleAction.class), ArticleWorkflow.actions(state(ArticleStatus.RETIRED, author), me));
        assertThrows(NotPermittedException.class,
                () -> ArticleWorkflow.require(state(ArticleStatus.IN_REVIEW, author), me, ArticleAction.PUBLISH));
    }

    @Test
    void aModeratorWhoWroteItCannotPublishIt() {
        var authorModerator = actor(author, true);
        NotPermittedException refused = assertThrows(NotPermittedException.class,
                () -> ArticleWorkflow.require(state(ArticleStatus.IN_REVIEW, author), authorModerator, ArticleAction.PUBLISH));
        assertTrue(refused.getMessage().contains("two-person rule"), refused.getMessage());
    }

    @Test
    void aModeratorWhoWroteTheCurrentRevisionCannotPublishIt() {
        var editor = actor(moderator, true);
        assertThrows(NotPermittedException.class,
                () -> ArticleWorkflow.require(state(ArticleStatus.IN_REVIEW, moderator), editor, ArticleAction.PUBLISH));
        ArticleWorkflow.require(state(ArticleStatus.IN_REVIEW, moderator), actor(otherModerator, true), ArticleAction.PUBLISH);
    }

    @Test
    void anotherModeratorReviews() {
        var reviewer = actor(moderator, true);
        assertEquals(EnumSet.of(ArticleAction.EDIT, ArticleAction.SEND_BACK, ArticleAction.PUBLISH),
                ArticleWorkflow.actions(state(ArticleStatus.IN_REVIEW, author), reviewer));
        assertEquals(EnumSet.of(ArticleAction.EDIT, ArticleAction.RETIRE),
                ArticleWorkflow.actions(state(ArticleStatus.PUBLISHED, author), reviewer));
        assertEquals(EnumSet.of(ArticleAction.EDIT, ArticleAction.SUBMIT),
                ArticleWorkflow.actions(state(ArticleStatus.DRAFT, author), reviewer));
    }

    @Test
    void aMemberWhoIsNotTheAuthorMayDoNothing() {
        for (ArticleStatus status : ArticleStatus.values()) {
            assertEquals(EnumSet.noneOf(ArticleAction.class), ArticleWorkflow.actions(state(status, author), actor(member, false)),
                    status.name());
        }
    }

    @Test
    void illegalTransitionsAreConflictsWhateverTheActor() {
        int cells = 0;
        for (ArticleStatus status : ArticleStatus.values()) {
            for (ArticleAction action : ArticleAction.values()) {
                if (ArticleWorkflow.statusAllows(status, action)) {
                    continue;
                }
                for (var who : new ArticleWorkflow.Actor[] {actor(author, false), actor(moderator, true), actor(member, false)}) {
                    assertThrows(ConflictException.class, () -> ArticleWorkflow.require(state(status, author), who, action),
                            status + " " + action);
                    cells++;
                }
            }
        }
        assertEquals(3 * 16, cells);
    }

    @Test
    void targets() {
        assertEquals(ArticleStatus.IN_REVIEW, ArticleWorkflow.target(ArticleAction.SUBMIT, ArticleStatus.DRAFT));
        assertEquals(ArticleStatus.DRAFT, ArticleWorkflow.target(ArticleAction.SEND_BACK, ArticleStatus.IN_REVIEW));
        assertEquals(ArticleStatus.DRAFT, ArticleWorkflow.target(ArticleAction.WITHDRAW, ArticleStatus.IN_REVIEW));
        assertEquals(ArticleStatus.PUBLISHED, ArticleWorkflow.target(ArticleAction.PUBLISH, ArticleStatus.IN_REVIEW));
        assertEquals(ArticleStatus.RETIRED, ArticleWorkflow.target(ArticleAction.RETIRE, ArticleStatus.PUBLISHED));
    }
}
