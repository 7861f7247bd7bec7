package org.escape.forum;

import org.escape.access.Label;

/** Changes to a forum; null fields stay as they are. A label can only be raised. */
public record ForumChange(String name, String description, Label label, Boolean archived) {
}
