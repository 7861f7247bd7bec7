package org.escape.forum;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.platform.ConflictException;
import org.escape.platform.PersistentLabel;

/**
 * A thread in a forum: title, tags, label and the moderation flags. Posts are numbered in the
 * order they were written ({@link #nextPostPosition()}), under a row lock taken by the service.
 *
 * <p>Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "forum_thread")
public class ForumThread {

    @Id
    @Column(length = 36)
    private UUID id;

    @Column(name = "forum_id", nullable = false, updatable = false, length = 36)
    private UUID forumId;

    @Column(nullable = false, length = ForumLimits.TITLE)
    private String title;

    /** Tags as {@code ,a,b,} so that one tag matches {@code like '%,a,%'}; empty list is {@code ,}. */
    @Column(nullable = false, length = ForumLimits.TAGS_COLUMN)
    private String tags;

    @Embedded
    private PersistentLabel label;

    @Column(name = "author_id", nullable = false, updatable = false, length = 36)
    private UUID authorId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private boolean pinned;

    @Column(nullable = false)
    private boolean locked;

    @Column(nullable = false)
    private boolean hidden;

    @Column(name = "post_sequence", nullable = false)
    private int postSequence;

    @Version
    private long version;

    protected ForumThread() {
        // for JPA
    }

    ForumThread(UUID forumId, String title, List<String> tags, Label label, UUID authorId, Instant now) {
        this.id = UUID.randomUUID();
        this.forumId = Objects.requireNonNull(forumId);
        this.title = Objects.requireNonNull(title);
        this.tags = encodeTags(tags);
        this.label = PersistentLabel.of(label);
        this.authorId = Objects.requireNonNull(authorId);
        this.createdAt = now;
    }

    static String encodeTags(List<String> tags) {
        return "," + String.join(",", tags) + (tags.isEmpty() ? "" : ",");
    }

    int nextPostPosition() {
        return ++postSequence;
    }

    void requireOpenForPosts() {
        if (locked) {
            throw new ConflictException("This thread is locked: no new posts.");
        }
    }

    void raiseLabel(Label raised) {
        this.label = PersistentLabel.of(raised);
    }

    /** Applies a moderation action; returns false when it changes nothing. */
    boolean moderate(ThreadModeration action) {
        boolean before = switch (action) {
            case PIN, UNPIN -> pinned;
            case LOCK, UNLOCK -> locked;
            case HIDE, UNHIDE -> hidden;
        };
        boolean after = action == ThreadModeration.PIN || action == ThreadModeration.LOCK
                || action == ThreadModeration.HIDE;
        switch (action) {
            case PIN, UNPIN -> pinned = after;
            case LOCK, UNLOCK -> locked = after;
            case HIDE, UNHIDE -> hidden = after;
        }
        return before != after;
    }

    public UUID id() {
        return id;
    }

    public UUID forumId() {
        return forumId;
    }

    public String title() {
        return title;
    }

    public List<String> tags() {
        return Arrays.stream(tags.split(",")).filter(tag -> !tag.isEmpty()).toList();
    }

    public Label label() {
        return label.label();
    }

    public UUID authorId() {
        return authorId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean pinned() {
        return pinned;
    }

    public boolean locked() {
        return locked;
    }

    public boolean hidden() {
        return hidden;
    }
}
