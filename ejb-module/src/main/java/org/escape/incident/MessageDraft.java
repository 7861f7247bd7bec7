package org.escape.incident;

import org.escape.access.Label;

/** A chat message as sent over REST or the socket; {@code label} null = the incident's. */
public record MessageDraft(String body, String clientId, Label label) {
}
