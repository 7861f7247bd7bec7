package org.escape.forum;

import org.escape.access.Label;

/** A new forum as a moderator asked for it (not yet validated). */
public record ForumDraft(String name, String description, Label label) {
}
