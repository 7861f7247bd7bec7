package org.escape.notification;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
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
import org.escape.access.IncidentAccess;
import org.escape.access.LabelPredicate;
import org.escape.forum.PostWritten;
import org.escape.incident.MessageWritten;
import org.escape.knowledge.Article;
import org.escape.knowledge.ArticleReview;
import org.escape.knowledge.ArticleReviewed;
import org.escape.knowledge.ArticleAccessQuery;
import org.escape.access.Role;
import org.escape.incident.RoomAccessQuery;
import org.escape.identity.Person;
import org.escape.identity.UserAccount;
import org.escape.identity.UserDirectory;
import org.escape.platform.ItemNotFoundException;
import org.escape.platform.Page;
import org.escape.platform.PageRequest;

/**
 * Tells people about mentions of them and replies to them, in forums and incident rooms, and about
 * articles awaiting their review or reviewed — only when they may read what they are told about. That is checked twice: when the notification is made (R1
 * on the post's whole chain, or on the incident and message with membership,
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

    @Inject
    private Event<NotificationCreated> created;

    private final Clock clock = Clock.systemUTC();

    /** Creates the notifications a new or edited post calls for, in the writing transaction. */
    public void postWritten(@Observes PostWritten written) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Set<UUID> notified = new HashSet<>();
        for (String username : written.mentions()) {
            users.findByUsername(username)
                    .filter(recipient -> mayBeTold(recipient, written))
                    .filter(recipient -> notified.add(recipient.id()))
                    .ifPresent(recipient -> store(
                            Notification.aboutPost(recipient.id(), Notification.Kind.MENTION, written.authorId(), written.postId(), now)));
        }
        if (written.repliedToAuthor() != null && !notified.contains(written.repliedToAuthor())) {
            Optional.ofNullable(em.find(UserAccount.class, written.repliedToAuthor()))
                    .filter(recipient -> mayBeTold(recipient, written))
                    .ifPresent(recipient -> store(
                            Notification.aboutPost(recipient.id(), Notification.Kind.REPLY, written.authorId(), written.postId(), now)));
        }
        if (!notified.isEmpty()) {
            LOG.fine(() -> "Post " + written.postId() + ": " + notified.size() + " mention notification(s)");
        }
    }

    /** Creates mention notifications for a chat message, for the mentioned who may read it. */
    public void messageWritten(@Observes MessageWritten written) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Set<UUID> notified = new HashSet<>();
        for (String username : written.mentions()) {
            users.findByUsername(username)
                    .filter(recipient -> recipient.enabled() && !recipient.id().equals(written.authorId()))
                    .filter(recipient -> AccessRules.mayReadIncidentMessage(recipient.reader(), written.incidentLabel(),
                            written.access(), isMember(written.incidentId(), recipient.id()), written.messageLabel()))
                    .filter(recipient -> notified.add(recipient.id()))
                    .ifPresent(recipient -> store(Notification.aboutMessage(recipient.id(), Notification.Kind.MENTION,
                            written.authorId(), written.messageId(), now)));
        }
    }

    /**
     * Tells moderators an article awaits their review, and its author that it was published or sent
     * back — each only if they may read the article now.
     */
    public void articleReviewed(@Observes ArticleReviewed event) {
        Article article = em.find(Article.class, event.articleId());
        if (article == null) {
            return;
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        switch (event.action()) {
            case SUBMITTED -> {
                List<UserAccount> moderators = em.createQuery("select u from UserAccount u where u.enabled = :enabled"
                                + " and u.roles like :role", UserAccount.class)
                        .setHint("eclipselink.jdbc.bind-parameters", "true")
                        .setParameter("enabled", Boolean.TRUE).setParameter("role", "%" + Role.MODERATOR.claimName() + "%")
                        .getResultList();
                for (UserAccount moderator : moderators) {
                    if (moderator.roles().contains(Role.MODERATOR) && !moderator.id().equals(event.authorId())
                            && !moderator.id().equals(event.actorId()) && mayReadArticle(moderator, article)) {
                        store(Notification.aboutArticle(moderator.id(), Notification.Kind.REVIEW_REQUESTED, event.actorId(),
                                article.id(), now));
                    }
                }
            }
            case PUBLISHED, SENT_BACK -> Optional.ofNullable(em.find(UserAccount.class, event.authorId()))
                    .filter(author -> author.enabled() && !author.id().equals(event.actorId()))
                    .filter(author -> mayReadArticle(author, article))
                    .ifPresent(author -> store(Notification.aboutArticle(author.id(),
                            event.action() == ArticleReview.Action.PUBLISHED ? Notification.Kind.ARTICLE_PUBLISHED
                                    : Notification.Kind.ARTICLE_SENT_BACK, event.actorId(), article.id(), now)));
            default -> {
                // withdrawn and retired tell nobody
            }
        }
    }

    private static boolean mayReadArticle(UserAccount user, Article article) {
        return AccessRules.mayReadArticle(user.reader(), article.label(), article.status().isPublic(),
                article.authorId().equals(user.id()) || user.roles().contains(Role.MODERATOR));
    }

    private boolean isMember(UUID incidentId, UUID userId) {
        return !em.createQuery("select m.userId from Membership m where m.incidentId = :id and m.userId = :user", UUID.class)
                .setParameter("id", incidentId).setParameter("user", userId).setMaxResults(1).getResultList().isEmpty();
    }

    private void store(Notification notification) {
        em.persist(notification);
        created.fire(new NotificationCreated(notification.recipientId(), notification.kind().name()));
    }

    private static boolean mayBeTold(UserAccount recipient, PostWritten written) {
        return recipient.enabled() && !recipient.id().equals(written.authorId())
                && AccessRules.mayRead(recipient.reader(), written.chain());
    }

    /** The caller's notifications about things they may read now, newest first. */
    public Page<NotificationListing> list(UserAccount caller, boolean unreadOnly, PageRequest page) {
        Visible visible = new Visible(caller, unreadOnly);
        TypedQuery<Long> count = visible.bind(em.createQuery("select count(n)" + visible.from, Long.class));
        TypedQuery<Object[]> query = visible.bind(em.createQuery("select n, t.id, t.title, i.id, i.title, m.seq, a.title"
                + visible.from + " order by n.createdAt desc, n.id", Object[].class));
        List<Object[]> rows = query.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Map<UUID, Person> people = users.people(rows.stream().map(row -> ((Notification) row[0]).actorId()).toList());
        List<NotificationListing> items = rows.stream().map(row -> {
            Notification n = (Notification) row[0];
            return new NotificationListing(n, people.getOrDefault(n.actorId(), Person.unknown(n.actorId())),
                    (UUID) row[1], (String) row[2], (UUID) row[3], (String) row[4], (Long) row[5],
                    (String) row[6]);
        }).toList();
        return new Page<>(items, count.getSingleResult(), page);
    }

    /** How many unread notifications the caller may see now. */
    public long unreadCount(UserAccount caller) {
        Visible visible = new Visible(caller, true);
        return visible.bind(em.createQuery("select count(n)" + visible.from, Long.class)).getSingleResult();
    }

    /** Marks one of the caller's visible notifications read; anyone else's, or a silenced one, is missing. */
    public void markRead(UserAccount caller, UUID id) {
        Visible visible = new Visible(caller, false);
        Notification notification = visible.bind(em.createQuery("select n" + visible.from + " and n.id = :id",
                        Notification.class)).setParameter("id", id).getResultStream().findFirst()
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

    /**
     * The caller's notifications they may read now: about a forum post (R1 on forum, thread and post;
     * hidden threads only for moderators) or about a chat message (R1 on incident and message, and
     * membership for MEMBERS incidents) — decided again at every read.
     */
    private static final class Visible {
        final String from;
        final UserAccount caller;
        final LabelPredicate.Jpql forum;
        final LabelPredicate.Jpql incident;
        final LabelPredicate.Jpql article;

        Visible(UserAccount caller, boolean unreadOnly) {
            this.caller = caller;
            this.forum = LabelPredicate.jpql(caller.reader(), "r1", "f.label", "t.label", "p.label");
            this.incident = LabelPredicate.jpql(caller.reader(), "r2", "i.label", "m.label");
            this.article = LabelPredicate.jpql(caller.reader(), "r3", "a.label");
            this.from = " from Notification n"
                    + " left join Post p on p.id = n.postId left join ForumThread t on t.id = p.threadId"
                    + " left join Forum f on f.id = t.forumId"
                    + " left join ChatMessage m on m.id = n.messageId left join Incident i on i.id = m.incidentId"
                    + " left join Article a on a.id = n.articleId"
                    + " where n.recipientId = :me and ((p.id is not null and " + forum.text()
                    + (caller.roles().contains(org.escape.access.Role.MODERATOR) ? "" : " and t.hidden = :shown") + ")"
                    + " or (m.id is not null and " + incident.text() + " and " + RoomAccessQuery.jpql("i", "me") + ")"
                    + " or (a.id is not null and " + article.text()
                    + ArticleAccessQuery.jpql("a", "me", caller.roles()) + "))"
                    + (unreadOnly ? " and n.readAt is null" : "");
        }

        <Q extends TypedQuery<?>> Q bind(Q query) {
            query.setParameter("me", caller.id());
            query.setParameter(RoomAccessQuery.CLEARED_PARAMETER, IncidentAccess.CLEARED);
            if (!caller.roles().contains(org.escape.access.Role.MODERATOR)) {
                // Bound, not inlined: EclipseLink would print the literal as 0, which H2 2.x refuses for a boolean.
                query.setHint("eclipselink.jdbc.bind-parameters", "true");
                query.setParameter("shown", Boolean.FALSE);
            }
            forum.parameters().forEach(query::setParameter);
            incident.parameters().forEach(query::setParameter);
            article.parameters().forEach(query::setParameter);
            ArticleAccessQuery.bind(query, caller.roles());
            return query;
        }
    }
}
