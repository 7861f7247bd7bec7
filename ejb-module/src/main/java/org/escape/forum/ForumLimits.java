package org.escape.forum;

/** The documented size limits of forum input (docs/api-forums.md), in one place. */
final class ForumLimits {

    static final int FORUM_NAME = 100;
    static final int FORUM_DESCRIPTION = 2000;
    static final int TITLE = 200;
    static final int TAGS = 8;
    static final int TAG_LENGTH = 32;
    static final int TAGS_COLUMN = 300;
    static final int REASON = 500;

    private ForumLimits() {
    }
}
