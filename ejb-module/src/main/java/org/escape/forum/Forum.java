package org.escape.forum;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.platform.ConflictException;
import org.escape.platform.PersistentLabel;

/**
 * A labelled forum, created by a moderator. Its label is the floor for every thread in it (W1) and
 * part of every thread's and post's R1 chain. An archived forum is read-only.
 *
 * <p>Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "forum")
public class Forum {

    @Id
    @Column(length = 36)
    private UUID id;

    @Column(nullable = false, length = ForumLimits.FORUM_NAME)
    private String name;

    @Column(nullable = false, length = ForumLimits.FORUM_DESCRIPTION)
    private String description;

    @Embedded
    private PersistentLabel label;

    @Column(nullable = false)
    private boolean archived;

    @Column(name = "created_by", nullable = false, updatable = false, length = 36)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Forum() {
        // for JPA
    }

    Forum(String name, String description, Label label, UUID createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.name = Objects.requireNonNull(name);
        this.description = Objects.requireNonNull(description);
        this.label = PersistentLabel.of(label);
        this.createdBy = Objects.requireNonNull(createdBy);
        this.createdAt = now;
    }

    void rename(String newName, String newDescription) {
        if (newName != null) {
            this.name = newName;
        }
        if (newDescription != null) {
            this.description = newDescription;
        }
    }

    /** Raises the label; the caller has checked W3 (and audits the change). */
    void raiseLabel(Label raised) {
        this.label = PersistentLabel.of(raised);
    }

    void archive(boolean archive) {
        this.archived = archive;
    }

    void requireOpen() {
        if (archived) {
            throw new ConflictException("This forum is archived: it is read-only.");
        }
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Label label() {
        return label.label();
    }

    public boolean archived() {
        return archived;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
