package org.escape.forum;

import java.util.UUID;
import org.escape.access.Label;

/** A new post; a null label means the thread's, a null replyTo a post to the thread. */
public record PostDraft(String body, Label label, UUID replyTo) {
}
