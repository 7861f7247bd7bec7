package org.escape.forum;

/** What a moderator may do to a post besides deleting it; each needs a reason and is audited. */
public enum PostModeration {
    HIDE, UNHIDE
}
