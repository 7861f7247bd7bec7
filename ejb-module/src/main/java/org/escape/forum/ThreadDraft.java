package org.escape.forum;

import java.util.List;
import org.escape.access.Label;

/** A new thread and its first post; a null label means the forum's. */
public record ThreadDraft(String title, String body, Label label, List<String> tags) {
}
