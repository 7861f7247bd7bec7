package org.escape.platform;

/**
 * The item does not exist <em>or the caller may not read it</em>: the two cases are deliberately
 * one type, so every path answers them identically (same status, same body).
 */
public class ItemNotFoundException extends EscapeException {

    private static final long serialVersionUID = 1L;

    /** The one message used for every missing or unreadable item, so bodies are byte-identical. */
    public static final String MESSAGE = "The requested item does not exist.";

    public ItemNotFoundException() {
        super(MESSAGE);
    }
}
