package org.escape.incident;

/** What a member does in a room: commanders run it, responders work it, observers only read. */
public enum MemberRole {
    COMMANDER, RESPONDER, OBSERVER;

    /** Whether this role may post messages. */
    public boolean mayPost() {
        return this != OBSERVER;
    }
}
