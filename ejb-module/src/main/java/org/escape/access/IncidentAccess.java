package org.escape.access;

/**
 * Who may enter an incident room besides passing R1 on its label. Written {@code "MEMBERS"} or
 * {@code "CLEARED"} in the API.
 *
 * <p>Immutable and thread-safe.
 */
public enum IncidentAccess {
    /** Only members read the room; a commander adds them, and only readers who pass R1 can be added. */
    MEMBERS,
    /** Anyone who passes R1 on the incident's label may read the room and join it. */
    CLEARED
}
