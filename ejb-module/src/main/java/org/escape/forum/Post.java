package org.escape.forum;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.platform.ConflictException;
import org.escape.platform.PersistentLabel;

/**
 * A post in a thread: Markdown as written and the sanitized HTML made of it when it was saved
 * (rendering once on write keeps page reads cheap). Edits, label raises, deletion and moderation
 * go through intention-revealing methods that bump {@link #revision()}; the service stores a
 * {@link PostRevision} for each, so history keeps what a tombstone hides.
 *
 * <p>Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "forum_post")
public class Post {

    /** Who deleted a post, as the tombstone says. */
    public enum DeletedBy { AUTHOR, MODERATOR }

    @Id
    @Column(length = 36)
    private UUID id;

    @Column(name = "thread_id", nullable = false, updatable = false, length = 36)
    private UUID threadId;

    @Column(nullable = false, updatable = false)
    private int position;

    @Column(name = "author_id", nullable = false, updatable = false, length = 36)
    private UUID authorId;

    @Column(name = "reply_to", updatable = false, length = 36)
    private UUID replyTo;

    @Column(nullable = false, length = 65536)
    private String body;

    @Column(nullable = false, length = 1_000_000)
    private String html;

    @Embedded
    private PersistentLabel label;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "edited_at")
    private Instant editedAt;

    @Column(nullable = false)
    private int revision;

    @Column(name = "deleted_by", length = 16)
    private String deletedBy;

    @Column(name = "hidden_reason", length = ForumLimits.REASON)
    private String hiddenReason;

    @Version
    private long version;

    protected Post() {
        // for JPA
    }

    Post(UUID threadId, int position, UUID authorId, UUID replyTo, String body, String html, Label label,
         Instant now) {
        this.id = UUID.randomUUID();
        this.threadId = Objects.requireNonNull(threadId);
        this.position = position;
        this.authorId = Objects.requireNonNull(authorId);
        this.replyTo = replyTo;
        this.body = Objects.requireNonNull(body);
        this.html = Objects.requireNonNull(html);
        this.label = PersistentLabel.of(label);
        this.createdAt = now;
        this.revision = 1;
    }

    void edit(String newBody, String newHtml, Instant now) {
        requireNotDeleted();
        this.body = newBody;
        this.html = newHtml;
        this.editedAt = now;
        this.revision++;
    }

    void raiseLabel(Label raised) {
        requireNotDeleted();
        this.label = PersistentLabel.of(raised);
        this.revision++;
    }

    /** Turns the post into a tombstone; the content stays in its revisions. */
    void delete(DeletedBy by) {
        requireNotDeleted();
        this.deletedBy = by.name();
        this.body = "";
        this.html = "";
        this.revision++;
    }

    /** Hides (reason given) or unhides (null); returns false when nothing changes. */
    boolean hide(String reason) {
        if ((hiddenReason != null) == (reason != null)) {
            return false;
        }
        this.hiddenReason = reason;
        this.revision++;
        return true;
    }

    private void requireNotDeleted() {
        if (deletedBy != null) {
            throw new ConflictException("This post has been deleted.");
        }
    }

    public UUID id() {
        return id;
    }

    public UUID threadId() {
        return threadId;
    }

    public int position() {
        return position;
    }

    public UUID authorId() {
        return authorId;
    }

    public Optional<UUID> replyTo() {
        return Optional.ofNullable(replyTo);
    }

    public String body() {
        return body;
    }

    public String html() {
        return html;
    }

    public Label label() {
        return label.label();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> editedAt() {
        return Optional.ofNullable(editedAt);
    }

    public int revision() {
        return revision;
    }

    public boolean deleted() {
        return deletedBy != null;
    }

    public Optional<DeletedBy> deletedBy() {
        return Optional.ofNullable(deletedBy).map(DeletedBy::valueOf);
    }

    public boolean hidden() {
        return hiddenReason != null;
    }

    public Optional<String> hiddenReason() {
        return Optional.ofNullable(hiddenReason);
    }
}
