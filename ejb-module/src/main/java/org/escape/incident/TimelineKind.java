package org.escape.incident;

/** What a timeline entry records: a chat message, or an event in the incident's life. */
public enum TimelineKind { MESSAGE, CREATED, STATUS, MEMBER, UPDATED }
