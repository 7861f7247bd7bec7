package org.escape.incident;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.escape.access.AccessRules;
import org.escape.access.IncidentAccess;
import org.escape.access.Label;
import org.escape.access.LabelDecision;
import org.escape.access.LabelPredicate;
import org.escape.access.Level;
import org.escape.access.Reader;
import org.escape.access.Role;
import org.escape.audit.Accountability;
import org.escape.audit.AuditActor;
import org.escape.audit.AuditEvent;
import org.escape.audit.AuditTrail;
import org.escape.content.Markdown;
import org.escape.content.TextInput;
import org.escape.identity.Person;
import org.escape.identity.UserAccount;
import org.escape.identity.UserDirectory;
import org.escape.platform.ConflictException;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.ItemNotFoundException;
import org.escape.platform.NotPermittedException;
import org.escape.platform.Page;
import org.escape.platform.PageRequest;

/**
 * Everything users do with incidents, each call one transaction: R1 (label and, for MEMBERS rooms,
 * membership) on every read, W1–W3 on every write, the audit record of every change and of every
 * read above UNCLASSIFIED, and the timeline with its gap-free per-incident seq.
 *
 * <p>A member is <em>active</em> while they pass R1 on the incident's label; a suspended member
 * reads nothing and is not listed, and is active again when their access returns. Anything the
 * caller may not read answers exactly as a missing incident ({@link ItemNotFoundException}).
 */
@Stateless
public class IncidentService {

    @PersistenceContext(unitName = "escape")
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @Inject
    private UserDirectory users;

    @Inject
    private ChatRateLimiter rateLimiter;

    @Inject
    private Accountability accountability;

    @Inject
    private Event<TimelineCommitted> committed;

    @Inject
    private Event<MessageWritten> messageWritten;

    private final Clock clock = Clock.systemUTC();

    // ------------------------------------------------------------------ incidents

    public Page<IncidentListing> list(UserAccount caller, String status, String severity, boolean mine, PageRequest page) {
        IncidentStatus statusFilter = IncidentInput.status(status, false);
        Severity severityFilter = IncidentInput.severity(severity, false);
        Reader reader = caller.reader();
        LabelPredicate.Jpql r1 = LabelPredicate.jpql(reader, "r1", "i.label");
        String where = " from Incident i where " + r1.text()
                + (mine ? " and exists (select m from Membership m where m.incidentId = i.id and m.userId = :me)"
                        : " and " + RoomAccessQuery.jpql("i", "me"))
                + (statusFilter == null ? "" : " and i.status = :status")
                + (severityFilter == null ? "" : " and i.severity = :severity");
        TypedQuery<Long> count = em.createQuery("select count(i)" + where, Long.class);
        TypedQuery<Incident> query = em.createQuery("select i" + where + " order by i.updatedAt desc, i.id", Incident.class);
        for (TypedQuery<?> q : List.of(count, query)) {
            r1.parameters().forEach(q::setParameter);
            q.setParameter("me", caller.id());
            if (!mine) {
                q.setParameter(RoomAccessQuery.CLEARED_PARAMETER, IncidentAccess.CLEARED);
            }
            if (statusFilter != null) {
                q.setParameter("status", statusFilter);
            }
            if (severityFilter != null) {
                q.setParameter("severity", severityFilter);
            }
        }
        List<Incident> incidents = query.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        List<IncidentListing> items = listings(caller, incidents);
        auditRead(caller, "incident.list.read", null, items.stream().map(l -> l.incident().label()).toList());
        return new Page<>(items, count.getSingleResult(), page);
    }

    public IncidentListing get(UserAccount caller, UUID id) {
        Incident incident = readable(caller, id);
        auditRead(caller, "incident.read", id, List.of(incident.label()));
        return listings(caller, List.of(incident)).get(0);
    }

    public IncidentListing create(UserAccount caller, IncidentDraft draft) {
        throttle(caller);
        String title = IncidentInput.title(draft.title());
        String summary = IncidentInput.summary(draft.summary());
        Severity severity = IncidentInput.severity(draft.severity(), true);
        IncidentAccess access = IncidentInput.access(draft.access());
        if (draft.label() == null) {
            throw TextInput.invalid("label", "is required");
        }
        Label label = draft.label();
        enforce(caller, AccessRules.checkNewItem(caller.reader(), label), "incident.created", null, label, null);
        Instant now = now();
        Incident incident = new Incident(title, summary, severity, access, label, caller.id(), now);
        em.persist(incident);
        em.persist(new Membership(incident.id(), caller.id(), MemberRole.COMMANDER, caller.id(), now));
        em.flush(); // EclipseLink orders inserts by entity, not by persist: the timeline's FK needs the incident first
        audit.record(AuditEvent.success(actor(caller), "incident.created", "incident", incident.id().toString(),
                Map.of("label", label.marking(), "access", access.name(), "severity", severity.name())));
        appendEvent(incident, caller, TimelineKind.CREATED, "opened the incident (" + severity + ", " + access + ")", true, now);
        em.flush();
        return listings(caller, List.of(incident)).get(0);
    }

    public IncidentListing change(UserAccount caller, UUID id, IncidentChange change) {
        throttle(caller);
        if (change == null || change.isEmpty()) {
            throw new InvalidRequestException("Nothing to change: send status, title, summary, severity or label.");
        }
        IncidentStatus next = IncidentInput.status(change.status(), false);
        String title = change.title() == null ? null : IncidentInput.title(change.title());
        String summary = change.summary() == null ? null : IncidentInput.summary(change.summary());
        Severity severity = IncidentInput.severity(change.severity(), false);
        Held held = lockedReadable(caller, id);
        Incident incident = held.incident();
        requireManager(caller, held, "incident.updated");
        if (incident.status() == IncidentStatus.CLOSED) {
            audit.recordDenial(AuditEvent.denied(actor(caller), "incident.updated", "incident", id.toString(),
                    Map.of("reason", "closed")));
            throw new ConflictException("This incident is closed: it is read-only.");
        }
        Instant now = now();
        List<String> described = new ArrayList<>();
        if (next != null && next != incident.status()) {
            IncidentStatus before = incident.status();
            try {
                incident.moveTo(next);
            } catch (ConflictException illegal) {
                audit.recordDenial(AuditEvent.denied(actor(caller), "incident.status.changed", "incident", id.toString(),
                        Map.of("from", before.name(), "to", next.name())));
                throw illegal;
            }
            audit.record(AuditEvent.success(actor(caller), "incident.status.changed", "incident", id.toString(),
                    Map.of("from", before.name(), "to", next.name())));
            appendEvent(incident, caller, TimelineKind.STATUS, before + " → " + next, true, now);
        }
        if (change.label() != null && !change.label().equals(incident.label())) {
            Label before = incident.label();
            enforce(caller, AccessRules.checkRelabel(caller.reader(), before, change.label()), "incident.relabelled", id,
                    change.label(), before);
            incident.raiseLabel(change.label());
            audit.record(AuditEvent.success(actor(caller), "incident.relabelled", "incident", id.toString(),
                    Map.of("from", before.marking(), "to", change.label().marking())));
            described.add("label " + change.label().marking());
        }
        if (title != null && !title.equals(incident.title())) {
            described.add("title");
        }
        if (summary != null && !summary.equals(incident.summary())) {
            described.add("summary");
        }
        if (severity != null && severity != incident.severity()) {
            described.add("severity " + severity);
        }
        if (title != null || summary != null || severity != null) {
            incident.describe(title, summary, severity);
        }
        if (!described.isEmpty()) {
            audit.record(AuditEvent.success(actor(caller), "incident.updated", "incident", id.toString(),
                    Map.of("changed", String.join(", ", described))));
            appendEvent(incident, caller, TimelineKind.UPDATED, "changed " + String.join(", ", described), true, now);
        }
        em.flush();
        return listings(caller, List.of(incident)).get(0);
    }

    // ------------------------------------------------------------------ members

    public List<MemberListing> members(UserAccount caller, UUID id) {
        Incident incident = readable(caller, id);
        auditRead(caller, "incident.members.read", id, List.of(incident.label()));
        return activeMembers(incident).stream()
                .map(m -> new MemberListing(m.person(), m.membership().role(), m.membership().addedAt()))
                .sorted(Comparator.comparing((MemberListing m) -> m.role().ordinal()).thenComparing(m -> m.user().username()))
                .toList();
    }

    /**
     * Adds {@code username} as a member with {@code role}, or changes an existing member's role.
     *
     * @return the member and whether it is new
     */
    public Map.Entry<MemberListing, Boolean> addMember(UserAccount caller, UUID id, String username, String role) {
        throttle(caller);
        MemberRole memberRole = IncidentInput.role(role);
        Held held = lockedReadable(caller, id);
        Incident incident = held.incident();
        requireManager(caller, held, "incident.member.added");
        incident.requireOpenForChanges();
        UserAccount candidate = Optional.ofNullable(username).map(String::strip).flatMap(users::findByUsername)
                .filter(UserAccount::enabled)
                .filter(user -> AccessRules.mayBeAddedToIncident(user.reader(), incident.label()))
                .orElseThrow(() -> {
                    audit.recordDenial(AuditEvent.denied(actor(caller), "incident.member.added", "incident", id.toString(),
                            Map.of("username", String.valueOf(username))));
                    return TextInput.invalid("username", "cannot be added to this incident");
                });
        Instant now = now();
        Optional<Membership> existing = membership(id, candidate.id());
        boolean created = existing.isEmpty();
        Membership membership;
        if (existing.isPresent()) {
            membership = existing.get();
            if (membership.role() == memberRole) {
                return Map.entry(new MemberListing(candidate.person(), memberRole, membership.addedAt()), false);
            }
            if (membership.role() == MemberRole.COMMANDER && countCommanders(id) == 1) {
                throw new ConflictException("An incident needs at least one commander: appoint another one first.");
            }
            membership.changeRole(memberRole);
        } else {
            membership = new Membership(id, candidate.id(), memberRole, caller.id(), now);
            em.persist(membership);
        }
        audit.record(AuditEvent.success(actor(caller), created ? "incident.member.added" : "incident.member.changed",
                "incident", id.toString(), Map.of("member", candidate.username(), "role", memberRole.name())));
        appendEvent(incident, caller, TimelineKind.MEMBER,
                (created ? "added @" : "made @") + candidate.username() + " " + memberRole, true, now);
        em.flush();
        return Map.entry(new MemberListing(candidate.person(), memberRole, membership.addedAt()), created);
    }

    public void removeMember(UserAccount caller, UUID id, UUID userId) {
        throttle(caller);
        Held held = lockedReadable(caller, id);
        Incident incident = held.incident();
        boolean self = caller.id().equals(userId);
        if (!self) {
            requireManager(caller, held, "incident.member.removed");
        }
        incident.requireOpenForChanges();
        Membership membership = membership(id, userId).orElseThrow(ItemNotFoundException::new);
        UserAccount member = em.find(UserAccount.class, userId);
        if (!self && (member == null || !AccessRules.mayRead(member.reader(), incident.label()))) {
            throw new ItemNotFoundException(); // a suspended member is not listed, so not removable by others
        }
        if (membership.role() == MemberRole.COMMANDER && countCommanders(id) == 1) {
            throw new ConflictException("An incident needs at least one commander: appoint another one first.");
        }
        em.remove(membership);
        String name = member == null ? userId.toString() : member.username();
        audit.record(AuditEvent.success(actor(caller), "incident.member.removed", "incident", id.toString(),
                Map.of("member", name)));
        appendEvent(incident, caller, TimelineKind.MEMBER, self ? "left the incident" : "removed @" + name, true, now());
        em.flush();
    }

    public MemberListing join(UserAccount caller, UUID id) {
        throttle(caller);
        Held held = lockedReadable(caller, id);
        Incident incident = held.incident();
        if (!AccessRules.mayJoinIncident(caller.reader(), incident.label(), incident.access())) {
            throw new ConflictException("Only CLEARED incidents can be joined; ask a commander to add you.");
        }
        incident.requireOpenForChanges();
        Optional<Membership> existing = held.membership();
        if (existing.isPresent()) {
            return new MemberListing(caller.person(), existing.get().role(), existing.get().addedAt());
        }
        Instant now = now();
        Membership membership = new Membership(id, caller.id(), MemberRole.RESPONDER, caller.id(), now);
        em.persist(membership);
        audit.record(AuditEvent.success(actor(caller), "incident.member.joined", "incident", id.toString(), Map.of()));
        appendEvent(incident, caller, TimelineKind.MEMBER, "joined as " + MemberRole.RESPONDER, true, now);
        em.flush();
        return new MemberListing(caller.person(), MemberRole.RESPONDER, now);
    }

    // ------------------------------------------------------------------ timeline

    /**
     * The entries the caller may read: after {@code after} ascending, or the newest below
     * {@code before}, or the newest; at most {@code limit}.
     */
    public TimelinePage timeline(UserAccount caller, UUID id, Long after, Long before, Integer limit) {
        IncidentInput.seq("after", after);
        IncidentInput.seq("before", before);
        int max = IncidentInput.limit(limit);
        Incident incident = readable(caller, id);
        TimelinePage page = readableEntries(caller.reader(), incident, after, before, Long.MAX_VALUE, max);
        auditRead(caller, "incident.timeline.read", id,
                page.items().stream().map(TimelineEntry::label).collect(Collectors.toCollection(ArrayList::new)));
        return page;
    }

    /**
     * Posts a chat message, idempotent on the author's {@code clientId}: a repeat returns the stored
     * message and writes nothing.
     */
    public PostedMessage post(UserAccount caller, UUID id, MessageDraft draft) {
        String clientId = IncidentInput.clientId(draft.clientId());
        String body = IncidentInput.body(draft.body());
        Held held = lockedReadable(caller, id);
        Incident incident = held.incident();
        Optional<ChatMessage> repeat = em.createQuery("select m from ChatMessage m where m.incidentId = :incident"
                        + " and m.authorId = :author and m.clientId = :clientId", ChatMessage.class)
                .setParameter("incident", id).setParameter("author", caller.id()).setParameter("clientId", clientId)
                .getResultStream().findFirst();
        if (repeat.isPresent()) {
            return new PostedMessage(TimelineEntry.of(repeat.get(), caller.person()), false);
        }
        throttle(caller);
        Optional<Membership> membership = held.membership();
        if (membership.isEmpty() || !membership.get().role().mayPost()) {
            audit.recordDenial(AuditEvent.denied(actor(caller), "incident.message.posted", "incident", id.toString(),
                    Map.of("reason", membership.isEmpty() ? "not a member" : "observer")));
            throw new NotPermittedException(membership.isEmpty()
                    ? "Join the incident (or ask a commander to add you) to post in it."
                    : "Observers cannot post in this incident.");
        }
        incident.requireOpenForChanges();
        Label label = draft.label() == null ? incident.label() : draft.label();
        enforce(caller, AccessRules.checkNewItem(caller.reader(), incident.label(), label), "incident.message.posted", id,
                label, incident.label());
        Instant now = now();
        ChatMessage message = new ChatMessage(id, incident.nextSeq(now), TimelineKind.MESSAGE, clientId, caller.id(), body,
                Markdown.toSafeHtml(body), label, now);
        em.persist(message);
        audit.record(AuditEvent.success(actor(caller), "incident.message.posted", "message", message.id().toString(),
                Map.of("incident", id.toString(), "seq", Long.toString(message.seq()), "label", label.marking())));
        Set<String> mentions = Markdown.mentions(body);
        if (!mentions.isEmpty()) {
            messageWritten.fire(new MessageWritten(message.id(), id, caller.id(), incident.label(), incident.access(), label,
                    mentions));
        }
        TimelineEntry entry = TimelineEntry.of(message, caller.person());
        committed.fire(new TimelineCommitted(entry, false));
        em.flush();
        return new PostedMessage(entry, true);
    }

    // ------------------------------------------------------------------ promotion to the knowledge base

    /** At most this many messages are quoted in one promotion. */
    public static final int MAX_PROMOTED_MESSAGES = 200;

    /**
     * What the caller may quote from a RESOLVED or CLOSED incident: its room events and the chat
     * messages with the given seqs. A seq that is missing, not a chat message, or unreadable for the
     * caller is refused alike (400 naming it); an incident still being worked is 409. Records nothing:
     * the caller audits the read once its own checks passed (a denial recorded after a read in the same
     * transaction would wait for the audit chain's lock that read holds).
     */
    public PromotionSource promotionSource(UserAccount caller, UUID id, List<Long> seqs) {
        Incident incident = readable(caller, id);
        if (incident.status() != IncidentStatus.RESOLVED && incident.status() != IncidentStatus.CLOSED) {
            throw new org.escape.platform.ConflictException("This incident is " + incident.status()
                    + "; only a RESOLVED or CLOSED incident can be promoted to an article.");
        }
        List<Long> wanted = seqs == null ? List.of() : seqs.stream().distinct().sorted().toList();
        if (wanted.size() > MAX_PROMOTED_MESSAGES) {
            throw org.escape.content.TextInput.invalid("messages", "must be at most " + MAX_PROMOTED_MESSAGES + " messages");
        }
        LabelPredicate.Jpql r1 = LabelPredicate.jpql(caller.reader(), "r1", "m.label");
        TypedQuery<ChatMessage> events = em.createQuery("select m from ChatMessage m where m.incidentId = :id and m.kind <> :message"
                + " and " + r1.text() + " order by m.seq", ChatMessage.class)
                .setParameter("id", id).setParameter("message", TimelineKind.MESSAGE);
        r1.parameters().forEach(events::setParameter);
        List<ChatMessage> quoted = List.of();
        if (!wanted.isEmpty()) {
            TypedQuery<ChatMessage> messages = em.createQuery("select m from ChatMessage m where m.incidentId = :id"
                    + " and m.kind = :message and m.seq in :seqs and " + r1.text() + " order by m.seq", ChatMessage.class)
                    .setParameter("id", id).setParameter("message", TimelineKind.MESSAGE).setParameter("seqs", wanted);
            r1.parameters().forEach(messages::setParameter);
            quoted = messages.getResultList();
            Set<Long> found = quoted.stream().map(ChatMessage::seq).collect(Collectors.toSet());
            for (Long seq : wanted) {
                if (!found.contains(seq)) {
                    throw new org.escape.platform.InvalidRequestException("Message " + seq + " cannot be quoted: it is not a"
                            + " chat message of this incident that you may read.", List.of(
                            new org.escape.platform.InvalidRequestException.FieldError("messages", "message " + seq
                                    + " cannot be quoted")));
                }
            }
        }
        IncidentListing listing = listings(caller, List.of(incident)).get(0);
        List<ChatMessage> eventRows = events.setMaxResults(1000).getResultList();
        return new PromotionSource(listing, withAuthors(eventRows), withAuthors(quoted));
    }

    // ------------------------------------------------------------------ for live delivery (no caller)

    /** The room's current state for live delivery: label, access, status, latest seq, member ids. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<RoomState> roomState(UUID id) {
        Incident incident = em.find(Incident.class, id);
        if (incident == null) {
            return Optional.empty();
        }
        Set<UUID> members = new HashSet<>(em.createQuery("select m.userId from Membership m where m.incidentId = :id",
                UUID.class).setParameter("id", id).getResultList());
        return Optional.of(new RoomState(id, incident.label(), incident.access(), incident.status(), incident.lastSeq(),
                Set.copyOf(members)));
    }

    /** Every entry with {@code after < seq < below}, ascending, unfiltered: the caller filters per reader. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<TimelineEntry> entriesBetween(UUID id, long after, long below) {
        List<ChatMessage> messages = em.createQuery("select m from ChatMessage m where m.incidentId = :id and m.seq > :after"
                        + " and m.seq < :below order by m.seq", ChatMessage.class)
                .setParameter("id", id).setParameter("after", after).setParameter("below", below)
                .setMaxResults(10_000).getResultList();
        return withAuthors(messages);
    }

    /**
     * What a socket subscriber missed: entries with {@code after < seq <= upTo} the reader may read,
     * at most {@code limit}; the room-level check (R1 and membership) is the caller's.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public TimelinePage missedEntries(Reader reader, UUID id, long after, long upTo, int limit) {
        Incident incident = em.find(Incident.class, id);
        if (incident == null) {
            return new TimelinePage(List.of(), 0, false);
        }
        return readableEntries(reader, incident, after, null, upTo, limit);
    }

    /** Records that a reader subscribed to a room above UNCLASSIFIED (the socket's read of the timeline). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordSubscription(UUID userId, String username, UUID incidentId, Label label) {
        if (label.classification().rank() > Level.UNCLASSIFIED.rank()) {
            audit.record(AuditEvent.success(AuditActor.user(userId, username), "incident.subscribed", "incident",
                    incidentId.toString(), Map.of("highest", label.classification().name())));
        }
    }

    // ------------------------------------------------------------------ internals

    private TimelinePage readableEntries(Reader reader, Incident incident, Long after, Long before, long upTo, int limit) {
        LabelPredicate.Jpql r1 = LabelPredicate.jpql(reader, "r1", "m.label");
        boolean ascending = after != null;
        String where = " from ChatMessage m where m.incidentId = :id and " + r1.text()
                + (after != null ? " and m.seq > :after and m.seq <= :upTo" : "")
                + (after == null && before != null ? " and m.seq < :before" : "");
        TypedQuery<ChatMessage> query = em.createQuery("select m" + where + " order by m.seq" + (ascending ? "" : " desc"),
                ChatMessage.class);
        r1.parameters().forEach(query::setParameter);
        query.setParameter("id", incident.id());
        if (after != null) {
            query.setParameter("after", after).setParameter("upTo", upTo);
        } else if (before != null) {
            query.setParameter("before", before);
        }
        List<ChatMessage> rows = new ArrayList<>(query.setMaxResults(limit + 1).getResultList());
        boolean more = rows.size() > limit;
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (!ascending) {
            java.util.Collections.reverse(rows);
        }
        return new TimelinePage(withAuthors(rows), incident.lastSeq(), more);
    }

    private List<TimelineEntry> withAuthors(List<ChatMessage> messages) {
        Map<UUID, Person> people = users.people(messages.stream().map(ChatMessage::authorId).collect(Collectors.toSet()));
        return messages.stream()
                .map(m -> TimelineEntry.of(m, people.getOrDefault(m.authorId(), Person.unknown(m.authorId()))))
                .toList();
    }

    /** Appends an event to the timeline at the incident's label; the incident row is locked by the caller. */
    private void appendEvent(Incident incident, UserAccount caller, TimelineKind kind, String text, boolean roomChanged,
                             Instant now) {
        String html = "<p>" + escape(text) + "</p>";
        ChatMessage entry = new ChatMessage(incident.id(), incident.nextSeq(now), kind, null, caller.id(), text, html,
                incident.label(), now);
        em.persist(entry);
        committed.fire(new TimelineCommitted(TimelineEntry.of(entry, caller.person()), roomChanged));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private record ActiveMember(Membership membership, Person person) {
    }

    /** Members who pass R1 on the incident now (the others are suspended and not shown). */
    private List<ActiveMember> activeMembers(Incident incident) {
        List<Membership> memberships = em.createQuery("select m from Membership m where m.incidentId = :id", Membership.class)
                .setParameter("id", incident.id()).getResultList();
        Map<UUID, UserAccount> accounts = accounts(memberships.stream().map(Membership::userId).toList());
        return memberships.stream()
                .filter(m -> accounts.containsKey(m.userId()))
                .filter(m -> AccessRules.mayRead(accounts.get(m.userId()).reader(), incident.label()))
                .map(m -> new ActiveMember(m, accounts.get(m.userId()).person()))
                .toList();
    }

    private Map<UUID, UserAccount> accounts(Collection<UUID> ids) {
        return users.accounts(ids);
    }

    private List<IncidentListing> listings(UserAccount caller, List<Incident> incidents) {
        if (incidents.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = incidents.stream().map(Incident::id).toList();
        List<Membership> memberships = em.createQuery("select m from Membership m where m.incidentId in :ids", Membership.class)
                .setParameter("ids", ids).getResultList();
        Set<UUID> userIds = memberships.stream().map(Membership::userId).collect(Collectors.toSet());
        incidents.forEach(i -> userIds.add(i.createdBy()));
        Map<UUID, UserAccount> accounts = accounts(userIds);
        boolean moderator = caller.roles().contains(Role.MODERATOR);
        List<IncidentListing> result = new ArrayList<>();
        for (Incident incident : incidents) {
            List<Membership> own = memberships.stream().filter(m -> m.incidentId().equals(incident.id())).toList();
            long visible = own.stream().filter(m -> accounts.containsKey(m.userId())
                    && AccessRules.mayRead(accounts.get(m.userId()).reader(), incident.label())).count();
            MemberRole myRole = own.stream().filter(m -> m.userId().equals(caller.id())).map(Membership::role)
                    .findFirst().orElse(null);
            boolean open = incident.status() != IncidentStatus.CLOSED;
            UserAccount creator = accounts.get(incident.createdBy());
            result.add(new IncidentListing(incident,
                    creator == null ? Person.unknown(incident.createdBy()) : creator.person(), myRole, visible,
                    open && myRole != null && myRole.mayPost(),
                    open && (myRole == MemberRole.COMMANDER || moderator)));
        }
        return result;
    }

    private Optional<Membership> membership(UUID incidentId, UUID userId) {
        return em.createQuery("select m from Membership m where m.incidentId = :id and m.userId = :user", Membership.class)
                .setParameter("id", incidentId).setParameter("user", userId).getResultStream().findFirst();
    }

    private long countCommanders(UUID incidentId) {
        return em.createQuery("select count(m) from Membership m where m.incidentId = :id and m.role = :role", Long.class)
                .setParameter("id", incidentId).setParameter("role", MemberRole.COMMANDER).getSingleResult();
    }

    private boolean mayRead(UserAccount caller, Incident incident) {
        boolean member = incident.access() == IncidentAccess.MEMBERS && membership(incident.id(), caller.id()).isPresent();
        return AccessRules.mayReadIncident(caller.reader(), incident.label(), incident.access(), member);
    }

    private Incident readable(UserAccount caller, UUID id) {
        Incident incident = em.find(Incident.class, id);
        if (incident == null || !mayRead(caller, incident)) {
            throw new ItemNotFoundException();
        }
        return incident;
    }

    /** A row-locked incident and the caller's membership of it, read once per write. */
    private record Held(Incident incident, Optional<Membership> membership) {
    }

    /** The incident, row-locked for a write that takes a seq; missing or unreadable → 404 (lock released on rollback). */
    private Held lockedReadable(UserAccount caller, UUID id) {
        Incident incident = em.find(Incident.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            throw new ItemNotFoundException();
        }
        Optional<Membership> membership = membership(id, caller.id());
        if (!AccessRules.mayReadIncident(caller.reader(), incident.label(), incident.access(), membership.isPresent())) {
            throw new ItemNotFoundException();
        }
        return new Held(incident, membership);
    }

    private void requireManager(UserAccount caller, Held held, String action) {
        Incident incident = held.incident();
        boolean commander = held.membership().map(m -> m.role() == MemberRole.COMMANDER).orElse(false);
        if (!commander && !caller.roles().contains(Role.MODERATOR)) {
            audit.recordDenial(AuditEvent.denied(actor(caller), action, "incident", incident.id().toString(),
                    Map.of("reason", "not a commander")));
            throw new NotPermittedException("Only the incident's commanders (or a moderator) can do this.");
        }
    }

    private void enforce(UserAccount caller, LabelDecision decision, String action, UUID objectId, Label proposed,
                         Label floor) {
        accountability.enforce(actor(caller), caller.reader(), decision, action, "incident",
                objectId == null ? null : objectId.toString(), proposed, floor);
    }

    private void throttle(UserAccount caller) {
        accountability.throttle(rateLimiter, actor(caller), caller.id(), "incident.write.rate-limited");
    }

    private void auditRead(UserAccount caller, String action, UUID objectId, List<Label> labels) {
        accountability.recordRead(actor(caller), action, "incident", objectId == null ? null : objectId.toString(), labels);
    }

    private static AuditActor actor(UserAccount caller) {
        return AuditActor.user(caller.id(), caller.username());
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
