package org.escape.forum;

import jakarta.ejb.Stateless;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.escape.access.AccessRules;
import org.escape.access.Label;
import org.escape.access.LabelDecision;
import org.escape.access.LabelPredicate;
import org.escape.access.LabelPredicate.LabelColumns;
import org.escape.access.Reader;
import org.escape.access.Role;
import org.escape.audit.Accountability;
import org.escape.audit.AuditActor;
import org.escape.audit.AuditEvent;
import org.escape.audit.AuditTrail;
import org.escape.content.Markdown;
import org.escape.identity.Person;
import org.escape.identity.UserAccount;
import org.escape.identity.UserDirectory;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.ItemNotFoundException;
import org.escape.platform.NotPermittedException;
import org.escape.platform.NativeSql;
import org.escape.platform.Page;
import org.escape.platform.PageRequest;
import org.escape.platform.WriteRateLimiter;

/**
 * Everything users do in forums, each call one transaction: the label checks of {@code access}
 * (R1 on the whole forum → thread → post chain, W1–W3 on writes), the audit record of every
 * change and of every read above UNCLASSIFIED, and the per-reader counts.
 *
 * <p>Reads never load what the caller may not read and then drop it: listings put R1 into the
 * query ({@link LabelPredicate}), so pages are full and totals honest. Anything the caller may
 * not read answers exactly as a missing item ({@link ItemNotFoundException}).
 */
@Stateless
public class ForumService {

    @PersistenceContext(unitName = "escape")
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @Inject
    private UserDirectory users;

    @Inject
    private WriteRateLimiter rateLimiter;

    @Inject
    private Accountability accountability;

    @Inject
    private Event<PostWritten> postWritten;

    @Inject
    private Event<ForumContentChanged> changed;

    /**
     * For a page of posts, which is only read: EclipseLink then skips the change-tracking copies.
     * Never in a path that writes first: a read-only query does not see the transaction's own rows.
     */
    private static final String READ_ONLY = "eclipselink.read-only";

    private final Clock clock = Clock.systemUTC();

    // ------------------------------------------------------------------ forums

    public Page<ForumListing> forums(UserAccount caller, boolean includeArchived, PageRequest page) {
        long total = countForums(caller.reader(), includeArchived);
        List<ForumListing> items = forumListings(caller, includeArchived, null, page);
        auditRead(caller, "forum.list.read", "forum", null, items.stream().map(l -> l.forum().label()));
        return new Page<>(items, total, page);
    }

    public ForumListing forum(UserAccount caller, UUID id) {
        ForumListing listing = forumListings(caller, true, readableForum(caller.reader(), id).id(), PageRequest.of(0, 1))
                .get(0);
        auditRead(caller, "forum.read", "forum", id, Stream.of(listing.forum().label()));
        return listing;
    }

    public ForumListing createForum(UserAccount caller, ForumDraft draft) {
        throttle(caller);
        String name = ForumInput.forumName(draft.name());
        String description = ForumInput.description(draft.description());
        Label label = requireLabel(draft.label());
        enforce(caller, AccessRules.checkNewItem(caller.reader(), label), "forum.created", "forum", null, label, null);
        Forum forum = new Forum(name, description, label, caller.id(), now());
        em.persist(forum);
        audit.record(AuditEvent.success(actor(caller), "forum.created", "forum", forum.id().toString(),
                Map.of("label", label.marking())));
        changed.fire(ForumContentChanged.forum(forum.id()));
        em.flush();
        return forum(caller, forum.id());
    }

    public ForumListing changeForum(UserAccount caller, UUID id, ForumChange change) {
        throttle(caller);
        Forum forum = readableForum(caller.reader(), id);
        if (change.name() == null && change.description() == null && change.label() == null && change.archived() == null) {
            throw new InvalidRequestException("Nothing to change: send name, description, label or archived.");
        }
        forum.rename(change.name() == null ? null : ForumInput.forumName(change.name()),
                change.description() == null ? null : ForumInput.description(change.description()));
        if (change.archived() != null) {
            forum.archive(change.archived());
        }
        if (change.label() != null && !change.label().equals(forum.label())) {
            Label before = forum.label();
            enforce(caller, AccessRules.checkRelabel(caller.reader(), before, change.label()), "forum.relabelled",
                    "forum", id, change.label(), before);
            forum.raiseLabel(change.label());
            audit.record(AuditEvent.success(actor(caller), "forum.relabelled", "forum", id.toString(),
                    Map.of("from", before.marking(), "to", change.label().marking())));
        }
        audit.record(AuditEvent.success(actor(caller), "forum.updated", "forum", id.toString(),
                Map.of("archived", Boolean.toString(forum.archived()))));
        changed.fire(ForumContentChanged.forum(id));
        em.flush();
        return forum(caller, id);
    }

    // ------------------------------------------------------------------ threads

    public Page<ThreadListing> threads(UserAccount caller, UUID forumId, String tag, PageRequest page) {
        Reader reader = caller.reader();
        Forum forum = readableForum(reader, forumId);
        String tagFilter = tag == null || tag.isBlank() ? null : ForumInput.tagFilter(tag);
        NativeSql count = new NativeSql().append("select count(*) from forum_thread t where t.forum_id = ? and ", forumId)
                .append(LabelPredicate.sql(reader, LabelColumns.qualifiedBy("t")));
        threadVisibility(count, caller, tagFilter);
        long total = NativeSql.count(count.build(em).getSingleResult());
        List<ThreadListing> items = threadListings(caller, forum, sql -> {
            sql.append(" t.forum_id = ?", forumId);
            threadVisibility(sql, caller, tagFilter);
        }, page);
        auditRead(caller, "forum.thread.list.read", "forum", forumId,
                Stream.concat(Stream.of(forum.label()), items.stream().map(l -> l.thread().label())));
        return new Page<>(items, total, page);
    }

    public ThreadListing thread(UserAccount caller, UUID id) {
        ThreadChain chain = readableThread(caller, id);
        ThreadListing listing = threadListing(caller, chain);
        auditRead(caller, "forum.thread.read", "thread", id, Stream.of(chain.forum.label(), chain.thread.label()));
        return listing;
    }

    public ThreadListing createThread(UserAccount caller, UUID forumId, ThreadDraft draft) {
        throttle(caller);
        String title = ForumInput.title(draft.title());
        String body = ForumInput.body(draft.body());
        List<String> tags = ForumInput.tags(draft.tags());
        Reader reader = caller.reader();
        Forum forum = readableForum(reader, forumId);
        Label label = draft.label() == null ? forum.label() : draft.label();
        enforce(caller, AccessRules.checkNewItem(reader, forum.label(), label), "forum.thread.created", "forum",
                forumId, label, forum.label());
        forum.requireOpen();
        Instant now = now();
        ForumThread thread = new ForumThread(forumId, title, tags, label, caller.id(), now);
        em.persist(thread);
        Post post = new Post(thread.id(), thread.nextPostPosition(), caller.id(), null, body, Markdown.toSafeHtml(body),
                label, now);
        em.persist(post);
        em.persist(new PostRevision(post, PostRevision.Kind.CREATED, body, caller.id(), null, now));
        audit.record(AuditEvent.success(actor(caller), "forum.thread.created", "thread", thread.id().toString(),
                Map.of("forum", forumId.toString(), "post", post.id().toString(), "label", label.marking())));
        postWritten.fire(new PostWritten(post.id(), caller.id(), List.of(forum.label(), label, label),
                Markdown.mentions(body), null));
        changed.fire(ForumContentChanged.thread(thread));
        em.flush();
        return threadListing(caller, new ThreadChain(forum, thread));
    }

    public ThreadListing moderateThread(UserAccount caller, UUID id, ThreadModeration action, String reason) {
        throttle(caller);
        Objects.requireNonNull(action, "action");
        String why = ForumInput.reason(reason);
        ThreadChain chain = readableThread(caller, id);
        if (chain.thread.moderate(action)) {
            audit.record(AuditEvent.success(actor(caller), "forum.thread.moderated", "thread", id.toString(),
                    Map.of("action", action.name(), "reason", why)));
            changed.fire(ForumContentChanged.thread(chain.thread));
        }
        em.flush();
        return threadListing(caller, chain);
    }

    /** Marks everything in the thread that the caller may read, up to now, as read. */
    public void markRead(UserAccount caller, UUID id) {
        readableThread(caller, id);
        Instant now = now();
        int updated = em.createNativeQuery("update thread_read_marker set read_at = ?1 where thread_id = ?2 and user_id = ?3")
                .setParameter(1, java.sql.Timestamp.from(now)).setParameter(2, id.toString())
                .setParameter(3, caller.id().toString()).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into thread_read_marker (thread_id, user_id, read_at) values (?1, ?2, ?3)")
                    .setParameter(1, id.toString()).setParameter(2, caller.id().toString())
                    .setParameter(3, java.sql.Timestamp.from(now)).executeUpdate();
        }
    }

    // ------------------------------------------------------------------ posts

    public Page<PostListing> posts(UserAccount caller, UUID threadId, PageRequest page) {
        ThreadChain chain = readableThread(caller, threadId);
        LabelPredicate.Jpql r1 = LabelPredicate.jpql(caller.reader(), "r1", "p.label");
        TypedQuery<Long> count = em.createQuery(
                "select count(p) from Post p where p.threadId = :thread and " + r1.text(), Long.class);
        TypedQuery<Post> query = em.createQuery(
                "select p from Post p where p.threadId = :thread and " + r1.text() + " order by p.position", Post.class);
        count.setParameter("thread", threadId);
        query.setParameter("thread", threadId);
        r1.parameters().forEach(count::setParameter);
        r1.parameters().forEach(query::setParameter);
        List<Post> posts = query.setHint(READ_ONLY, "true")
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        List<PostListing> items = postListings(caller, posts);
        auditRead(caller, "forum.thread.read", "thread", threadId, Stream.concat(
                Stream.of(chain.forum.label(), chain.thread.label()), posts.stream().map(Post::label)));
        return new Page<>(items, count.getSingleResult(), page);
    }

    public PostListing post(UserAccount caller, UUID id) {
        PostChain chain = readablePost(caller, id);
        auditRead(caller, "forum.post.read", "post", id,
                Stream.of(chain.forum.label(), chain.thread.label(), chain.post.label()));
        return postListings(caller, List.of(chain.post)).get(0);
    }

    public PostListing createPost(UserAccount caller, UUID threadId, PostDraft draft) {
        throttle(caller);
        String body = ForumInput.body(draft.body());
        Reader reader = caller.reader();
        ThreadChain chain = readableThread(caller, threadId);
        Label label = draft.label() == null ? chain.thread.label() : draft.label();
        enforce(caller, AccessRules.checkNewItem(reader, chain.thread.label(), label), "forum.post.created", "thread",
                threadId, label, chain.thread.label());
        Post repliedTo = null;
        if (draft.replyTo() != null) {
            repliedTo = em.find(Post.class, draft.replyTo());
            if (repliedTo == null || !repliedTo.threadId().equals(threadId) || !AccessRules.mayRead(reader, repliedTo.label())) {
                throw new ItemNotFoundException();
            }
        }
        chain.forum.requireOpen();
        // numbering posts needs the thread row to ourselves; refresh so the sequence is current
        em.refresh(chain.thread, LockModeType.PESSIMISTIC_WRITE);
        if (!caller.roles().contains(Role.MODERATOR)) {
            chain.thread.requireOpenForPosts();
        }
        Instant now = now();
        Post post = new Post(threadId, chain.thread.nextPostPosition(), caller.id(),
                repliedTo == null ? null : repliedTo.id(), body, Markdown.toSafeHtml(body), label, now);
        em.persist(post);
        em.persist(new PostRevision(post, PostRevision.Kind.CREATED, body, caller.id(), null, now));
        audit.record(AuditEvent.success(actor(caller), "forum.post.created", "post", post.id().toString(),
                Map.of("thread", threadId.toString(), "label", label.marking())));
        postWritten.fire(new PostWritten(post.id(), caller.id(), List.of(chain.forum.label(), chain.thread.label(), label),
                Markdown.mentions(body), repliedTo == null ? null : repliedTo.authorId()));
        changed.fire(ForumContentChanged.post(chain.thread, post));
        return postListings(caller, List.of(post)).get(0);
    }

    public PostListing changePost(UserAccount caller, UUID id, PostChange change) {
        throttle(caller);
        if (change.body() == null && change.label() == null) {
            throw new InvalidRequestException("Nothing to change: send a new body, a raised label, or both.");
        }
        String body = change.body() == null ? null : ForumInput.body(change.body());
        PostChain chain = readablePost(caller, id);
        Post post = chain.post;
        boolean author = post.authorId().equals(caller.id());
        boolean moderator = caller.roles().contains(Role.MODERATOR);
        if (body != null && !author) {
            refuse(caller, "forum.post.edited", id, "Only the author can edit a post.");
        }
        if (change.label() != null && !author && !moderator) {
            refuse(caller, "forum.post.relabelled", id, "Only the author or a moderator can raise a post's label.");
        }
        Instant now = now();
        if (body != null && !body.equals(post.body())) {
            Set<String> before = Markdown.mentions(post.body());
            post.edit(body, Markdown.toSafeHtml(body), now);
            em.persist(new PostRevision(post, PostRevision.Kind.EDITED, body, caller.id(), null, now));
            audit.record(AuditEvent.success(actor(caller), "forum.post.edited", "post", id.toString(),
                    Map.of("revision", Integer.toString(post.revision()))));
            Set<String> added = new LinkedHashSet<>(Markdown.mentions(body));
            added.removeAll(before);
            postWritten.fire(new PostWritten(id, caller.id(),
                    List.of(chain.forum.label(), chain.thread.label(), change.label() == null ? post.label() : change.label()),
                    added, null));
        }
        if (change.label() != null && !change.label().equals(post.label())) {
            Label before = post.label();
            enforce(caller, AccessRules.checkRelabel(caller.reader(), before, change.label()), "forum.post.relabelled",
                    "post", id, change.label(), before);
            post.raiseLabel(change.label());
            em.persist(new PostRevision(post, PostRevision.Kind.RELABELLED, post.body(), caller.id(), null, now));
            audit.record(AuditEvent.success(actor(caller), "forum.post.relabelled", "post", id.toString(),
                    Map.of("from", before.marking(), "to", change.label().marking())));
        }
        changed.fire(ForumContentChanged.post(chain.thread, post));
        em.flush();
        return postListings(caller, List.of(post)).get(0);
    }

    public void deletePost(UserAccount caller, UUID id) {
        throttle(caller);
        PostChain chain = readablePost(caller, id);
        Post post = chain.post;
        boolean author = post.authorId().equals(caller.id());
        if (!author && !caller.roles().contains(Role.MODERATOR)) {
            refuse(caller, "forum.post.deleted", id, "Only the author or a moderator can delete a post.");
        }
        String content = post.body();
        Post.DeletedBy by = author ? Post.DeletedBy.AUTHOR : Post.DeletedBy.MODERATOR;
        post.delete(by);
        em.persist(new PostRevision(post, PostRevision.Kind.DELETED, content, caller.id(), null, now()));
        audit.record(AuditEvent.success(actor(caller), "forum.post.deleted", "post", id.toString(),
                Map.of("by", by.name().toLowerCase(java.util.Locale.ROOT))));
        changed.fire(ForumContentChanged.post(chain.thread, post));
    }

    public PostListing moderatePost(UserAccount caller, UUID id, PostModeration action, String reason) {
        throttle(caller);
        Objects.requireNonNull(action, "action");
        String why = ForumInput.reason(reason);
        PostChain chain = readablePost(caller, id);
        Post post = chain.post;
        if (post.hide(action == PostModeration.HIDE ? why : null)) {
            em.persist(new PostRevision(post, action == PostModeration.HIDE ? PostRevision.Kind.HIDDEN
                    : PostRevision.Kind.UNHIDDEN, post.body(), caller.id(), why, now()));
            audit.record(AuditEvent.success(actor(caller), "forum.post.moderated", "post", id.toString(),
                    Map.of("action", action.name(), "reason", why)));
            changed.fire(ForumContentChanged.post(chain.thread, post));
        }
        em.flush();
        return postListings(caller, List.of(post)).get(0);
    }

    /**
     * The revisions of a post, oldest first, for its author, moderators and auditors who may read it.
     *
     * @throws NotPermittedException for other readers (they know the post exists; its history is not theirs)
     */
    public List<RevisionListing> revisions(UserAccount caller, UUID id) {
        Post post = readablePost(caller, id).post;
        if (!post.authorId().equals(caller.id()) && !caller.roles().contains(Role.MODERATOR)
                && !caller.roles().contains(Role.AUDITOR)) {
            refuse(caller, "forum.post.revisions.read", id,
                    "Only the author, moderators and auditors can see a post's history.");
        }
        List<PostRevision> revisions = em.createQuery(
                        "select r from PostRevision r where r.postId = :post order by r.revision", PostRevision.class)
                .setParameter("post", id).getResultList();
        Map<UUID, Person> people = users.people(revisions.stream().map(PostRevision::editorId).toList());
        audit.record(AuditEvent.success(actor(caller), "forum.post.revisions.read", "post", id.toString(),
                Map.of("revisions", Integer.toString(revisions.size()))));
        return revisions.stream()
                .map(r -> new RevisionListing(r, people.getOrDefault(r.editorId(), Person.unknown(r.editorId()))))
                .toList();
    }

    // ------------------------------------------------------------------ reading chains

    private record ThreadChain(Forum forum, ForumThread thread) {
    }

    private record PostChain(Forum forum, ForumThread thread, Post post) {
    }

    private Forum readableForum(Reader reader, UUID id) {
        Forum forum = id == null ? null : em.find(Forum.class, id);
        if (forum == null || !AccessRules.mayRead(reader, forum.label())) {
            throw new ItemNotFoundException();
        }
        return forum;
    }

    private ThreadChain readableThread(UserAccount caller, UUID id) {
        ForumThread thread = id == null ? null : em.find(ForumThread.class, id);
        if (thread == null) {
            throw new ItemNotFoundException();
        }
        Forum forum = em.find(Forum.class, thread.forumId());
        if (!AccessRules.mayRead(caller.reader(), forum.label(), thread.label())
                || (thread.hidden() && !caller.roles().contains(Role.MODERATOR))) {
            throw new ItemNotFoundException();
        }
        return new ThreadChain(forum, thread);
    }

    private PostChain readablePost(UserAccount caller, UUID id) {
        Post post = id == null ? null : em.find(Post.class, id);
        if (post == null) {
            throw new ItemNotFoundException();
        }
        ThreadChain chain = readableThread(caller, post.threadId());
        if (!AccessRules.mayRead(caller.reader(), post.label())) {
            throw new ItemNotFoundException();
        }
        return new PostChain(chain.forum, chain.thread, post);
    }

    // ------------------------------------------------------------------ listings

    private long countForums(Reader reader, boolean includeArchived) {
        NativeSql count = new NativeSql().append("select count(*) from forum f where ")
                .append(LabelPredicate.sql(reader, LabelColumns.qualifiedBy("f")));
        if (!includeArchived) {
            count.append(" and f.archived = ?", false);
        }
        return NativeSql.count(count.build(em).getSingleResult());
    }

    private List<ForumListing> forumListings(UserAccount caller, boolean includeArchived, UUID only, PageRequest page) {
        Reader reader = caller.reader();
        NativeSql sql = new NativeSql()
                .append("select f.id, (select count(*) from forum_thread t where t.forum_id = f.id and ")
                .append(LabelPredicate.sql(reader, LabelColumns.qualifiedBy("t")));
        hiddenThreads(sql, caller);
        sql.append("), (select max(p.created_at) from forum_post p join forum_thread t on p.thread_id = t.id"
                        + " where t.forum_id = f.id and ")
                .append(LabelPredicate.sql(reader, LabelColumns.qualifiedBy("t"), LabelColumns.qualifiedBy("p")));
        hiddenThreads(sql, caller);
        sql.append(") from forum f where ").append(LabelPredicate.sql(reader, LabelColumns.qualifiedBy("f")));
        if (only != null) {
            sql.append(" and f.id = ?", only);
        }
        if (!includeArchived) {
            sql.append(" and f.archived = ?", false);
        }
        sql.append(" order by lower(f.name), f.id limit ? offset ?", page.size(), page.offset());
        Map<UUID, Object[]> rows = new LinkedHashMap<>();
        for (Object row : sql.build(em).getResultList()) {
            Object[] columns = (Object[]) row;
            rows.put(NativeSql.uuid(columns[0]), columns);
        }
        Map<UUID, Forum> forums = byId(Forum.class, "Forum", Forum::id, rows.keySet());
        List<ForumListing> listings = new ArrayList<>();
        rows.forEach((id, columns) -> listings.add(
                new ForumListing(forums.get(id), NativeSql.count(columns[1]), NativeSql.instant(columns[2]))));
        return listings;
    }

    private ThreadListing threadListing(UserAccount caller, ThreadChain chain) {
        return threadListings(caller, chain.forum, sql -> sql.append(" t.id = ?", chain.thread.id()),
                PageRequest.of(0, 1)).get(0);
    }

    /** Threads of one forum matching {@code where} (a condition on {@code t}), with per-reader figures. */
    private List<ThreadListing> threadListings(UserAccount caller, Forum forum,
                                               java.util.function.Consumer<NativeSql> where, PageRequest page) {
        Reader reader = caller.reader();
        LabelPredicate.Sql postR1 = LabelPredicate.sql(reader, LabelColumns.qualifiedBy("p"));
        NativeSql sql = new NativeSql()
                .append("select t.id, (select count(*) from forum_post p where p.thread_id = t.id and ").append(postR1)
                .append("), (select max(p.created_at) from forum_post p where p.thread_id = t.id and ").append(postR1)
                .append(") as last_at, (select count(*) from forum_post p where p.thread_id = t.id and ").append(postR1)
                .append(" and p.author_id <> ? and not exists (select 1 from thread_read_marker m where m.thread_id = t.id"
                        + " and m.user_id = ? and m.read_at >= p.created_at))", caller.id(), caller.id())
                .append(", (select p.id from forum_post p where p.thread_id = t.id and p.position = 1 and ").append(postR1)
                .append(") from forum_thread t where ").append(LabelPredicate.sql(reader, LabelColumns.qualifiedBy("t")))
                .append(" and");
        where.accept(sql);
        sql.append(" order by t.pinned desc, last_at desc nulls last, t.created_at desc, t.id limit ? offset ?",
                page.size(), page.offset());
        Map<UUID, Object[]> rows = new LinkedHashMap<>();
        for (Object row : sql.build(em).getResultList()) {
            Object[] columns = (Object[]) row;
            rows.put(NativeSql.uuid(columns[0]), columns);
        }
        Map<UUID, ForumThread> threads = byId(ForumThread.class, "ForumThread", ForumThread::id, rows.keySet());
        Map<UUID, Person> people = users.people(threads.values().stream().map(ForumThread::authorId).toList());
        List<ThreadListing> listings = new ArrayList<>();
        rows.forEach((id, columns) -> {
            ForumThread thread = threads.get(id);
            listings.add(new ThreadListing(thread, forum.name(),
                    people.getOrDefault(thread.authorId(), Person.unknown(thread.authorId())),
                    NativeSql.count(columns[1]), NativeSql.count(columns[3]), NativeSql.instant(columns[2]),
                    NativeSql.uuid(columns[4])));
        });
        return listings;
    }

    private void threadVisibility(NativeSql sql, UserAccount caller, String tag) {
        hiddenThreads(sql, caller);
        if (tag != null) {
            sql.append(" and t.tags like ? escape '!'", "%," + org.escape.content.TextInput.likeLiteral(tag) + ",%");
        }
    }

    private static void hiddenThreads(NativeSql sql, UserAccount caller) {
        if (!caller.roles().contains(Role.MODERATOR)) {
            sql.append(" and t.hidden = ?", false);
        }
    }

    private List<PostListing> postListings(UserAccount caller, List<Post> posts) {
        Set<UUID> onPage = new HashSet<>();
        Set<UUID> elsewhere = new HashSet<>();
        Set<UUID> authors = new HashSet<>();
        for (Post post : posts) {
            onPage.add(post.id());
            authors.add(post.authorId());
        }
        for (Post post : posts) {
            post.replyTo().filter(id -> !onPage.contains(id)).ifPresent(elsewhere::add);
        }
        Set<UUID> readableReplyTargets = new HashSet<>(onPage);
        readableReplyTargets.addAll(readablePostIds(caller.reader(), elsewhere));
        Map<UUID, Person> people = users.people(authors);
        boolean moderator = caller.roles().contains(Role.MODERATOR);
        return posts.stream().map(post -> {
            boolean author = post.authorId().equals(caller.id());
            return new PostListing(post, people.getOrDefault(post.authorId(), Person.unknown(post.authorId())),
                    post.replyTo().filter(readableReplyTargets::contains).orElse(null),
                    !post.hidden() || author || moderator,
                    author && !post.deleted(), (author || moderator) && !post.deleted());
        }).toList();
    }

    private Collection<UUID> readablePostIds(Reader reader, Set<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        LabelPredicate.Jpql r1 = LabelPredicate.jpql(reader, "r1", "p.label");
        TypedQuery<UUID> query = em.createQuery("select p.id from Post p where p.id in :ids and " + r1.text(), UUID.class)
                .setParameter("ids", List.copyOf(ids));
        r1.parameters().forEach(query::setParameter);
        return query.getResultList();
    }

    private <T> Map<UUID, T> byId(Class<T> type, String entity, java.util.function.Function<T, UUID> idOf,
                                  Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, T> found = new java.util.HashMap<>();
        for (T item : em.createQuery("select x from " + entity + " x where x.id in :ids", type)
                .setParameter("ids", List.copyOf(ids)).getResultList()) {
            found.put(idOf.apply(item), item);
        }
        return found;
    }

    // ------------------------------------------------------------------ refusals and audit

    /** R1 → as missing, W1/W2 → 400 naming the label field, W3 → 409; see {@link Accountability#enforce}. */
    private void enforce(UserAccount caller, LabelDecision decision, String action, String objectType, UUID objectId,
                         Label proposed, Label floor) {
        accountability.enforce(actor(caller), caller.reader(), decision, action, objectType,
                objectId == null ? null : objectId.toString(), proposed, floor);
    }

    private void refuse(UserAccount caller, String action, UUID id, String message) {
        audit.recordDenial(AuditEvent.denied(actor(caller), action, "post", id.toString(), Map.of()));
        throw new NotPermittedException(message);
    }

    private Label requireLabel(Label label) {
        if (label == null) {
            throw ForumInput.invalid("label", "is required");
        }
        return label;
    }

    /** Takes a write from the caller's rate limit; the first refusal in a window is audited. */
    private void throttle(UserAccount caller) {
        accountability.throttle(rateLimiter, actor(caller), caller.id(), "forum.write.rate-limited");
    }

    /** Records a read when anything it returned is labelled above UNCLASSIFIED. */
    private void auditRead(UserAccount caller, String action, String objectType, UUID objectId, Stream<Label> labels) {
        accountability.recordRead(actor(caller), action, objectType, objectId == null ? null : objectId.toString(),
                labels.toList());
    }

    private static AuditActor actor(UserAccount caller) {
        return AuditActor.user(caller.id(), caller.username());
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
