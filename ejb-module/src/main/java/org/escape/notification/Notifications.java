package org.escape.notification;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.escape.access.AccessRules;
import org.escape.access.LabelPredicate;
import org.escape.forum.PostWritten;
import org.escape.identity.Person;
import org.escape.identity.UserAccount;
import org.escape.identity.UserDirectory;
import org.escape.platform.ItemNotFoundException;
import org.escape.platform.Page;
import org.escape.platform.PageRequest;

/**
 * Tells people about mentions of them and replies to them — only when they may read what they are
 * told about. That is checked twice: when the notification is made (R1 on the post's whole chain,
 * for the recipient's current record) and again at every read, so a label raised later, a
 * clearance lowered or a country changed silences it everywhere, counts included.
 */
@Stateless
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class.getName());

    @PersistenceContext(unitName = "escape")
    private EntityManager em;

    @Inject
    private UserDirectory users;

    private final Clock clock = Clock.systemUTC();

    /** Creates the notifications a new or edited post calls for, in the writing transaction. */
    public void postWritten(@Observes PostWritten written) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Set<UUID> notified = new HashSet<>();
        for (String username : written.mentions()) {
            users.findByUsername(username)
                    .filter(recipient -> mayBeTold(recipient, written))
                    .filter(recipient -> notified.add(recipient.id()))
                    .ifPresent(recipient -> em.persist(
                            new Notification(recipient.id(), Notification.Kind.MENTION, written.authorId(), written.postId(), now)));
        }
        if (written.repliedToAuthor() != null && !notified.contains(written.repliedToAuthor())) {
            Optional.ofNullable(em.find(UserAccount.class, written.repliedToAuthor()))
                    .filter(recipient -> mayBeTold(recipient, written))
                    .ifPresent(recipient -> em.persist(
                            new Notification(recipient.id(), Notification.Kind.REPLY, written.authorId(), written.postId(), now)));
        }
        if (!notified.isEmpty()) {
            LOG.fine(() -> "Post " + written.postId() + ": " + notified.size() + " mention notification(s)");
        }
    }

    private static boolean mayBeTold(UserAccount recipient, PostWritten written) {
        return recipient.enabled() && !recipient.id().equals(written.authorId())
                && AccessRules.mayRead(recipient.reader(), written.chain());
    }

    /** The caller's notifications about things they may read now, newest first. */
    public Page<NotificationListing> list(UserAccount caller, boolean unreadOnly, PageRequest page) {
        String where = visibleTo(caller, unreadOnly);
        LabelPredicate.Jpql r1 = readable(caller);
        TypedQuery<Long> count = em.createQuery("select count(n) from Notification n, Post p, ForumThread t, Forum f"
                + where, Long.class);
        TypedQuery<Object[]> query = em.createQuery("select n, t.id, t.title from Notification n, Post p, ForumThread t, Forum f"
                + where + " order by n.createdAt desc, n.id", Object[].class);
        bind(count, caller, r1);
        bind(query, caller, r1);
        List<Object[]> rows = query.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Map<UUID, Person> people = users.people(rows.stream().map(row -> ((Notification) row[0]).actorId()).toList());
        List<NotificationListing> items = rows.stream().map(row -> {
            Notification n = (Notification) row[0];
            return new NotificationListing(n, people.getOrDefault(n.actorId(), Person.unknown(n.actorId())),
                    (UUID) row[1], (String) row[2]);
        }).toList();
        return new Page<>(items, count.getSingleResult(), page);
    }

    /** How many unread notifications the caller may see now. */
    public long unreadCount(UserAccount caller) {
        LabelPredicate.Jpql r1 = readable(caller);
        TypedQuery<Long> count = em.createQuery("select count(n) from Notification n, Post p, ForumThread t, Forum f"
                + visibleTo(caller, true), Long.class);
        bind(count, caller, r1);
        return count.getSingleResult();
    }

    /** Marks one of the caller's visible notifications read; anyone else's, or a silenced one, is missing. */
    public void markRead(UserAccount caller, UUID id) {
        LabelPredicate.Jpql r1 = readable(caller);
        TypedQuery<Notification> query = em.createQuery("select n from Notification n, Post p, ForumThread t, Forum f"
                + visibleTo(caller, false) + " and n.id = :id", Notification.class);
        bind(query, caller, r1);
        Notification notification = query.setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(ItemNotFoundException::new);
        notification.markRead(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
    }

    /** Marks every notification of the caller read (including silenced ones: they stay silent). */
    public void markAllRead(UserAccount caller) {
        em.createQuery("update Notification n set n.readAt = :now where n.recipientId = :me and n.readAt is null")
                .setParameter("now", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
                .setParameter("me", caller.id())
                .executeUpdate();
    }

    private static String visibleTo(UserAccount caller, boolean unreadOnly) {
        return " where n.recipientId = :me and p.id = n.postId and t.id = p.threadId and f.id = t.forumId and "
                + readable(caller).text()
                + (caller.roles().contains(org.escape.access.Role.MODERATOR) ? "" : " and t.hidden = false")
                + (unreadOnly ? " and n.readAt is null" : "");
    }

    private static LabelPredicate.Jpql readable(UserAccount caller) {
        return LabelPredicate.jpql(caller.reader(), "r1", "f.label", "t.label", "p.label");
    }

    private static void bind(TypedQuery<?> query, UserAccount caller, LabelPredicate.Jpql r1) {
        query.setParameter("me", caller.id());
        r1.parameters().forEach(query::setParameter);
    }
}
