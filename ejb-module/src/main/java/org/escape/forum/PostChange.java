package org.escape.forum;

import org.escape.access.Label;

/** An edit of a post: a new body, a raised label, or both; null parts stay as they are. */
public record PostChange(String body, Label label) {
}
