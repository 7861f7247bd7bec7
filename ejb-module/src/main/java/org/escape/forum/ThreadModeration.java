package org.escape.forum;

/** What a moderator may do to a thread; each needs a reason and is audited. */
public enum ThreadModeration {
    PIN, UNPIN, LOCK, UNLOCK, HIDE, UNHIDE
}
