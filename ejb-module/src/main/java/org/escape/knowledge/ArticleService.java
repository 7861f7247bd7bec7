package org.escape.knowledge;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.escape.access.AccessRules;
import org.escape.access.Label;
import org.escape.access.LabelPredicate;
import org.escape.access.LabelPredicate.LabelColumns;
import org.escape.access.Reader;
import org.escape.access.Role;
import org.escape.audit.Accountability;
import org.escape.audit.AuditActor;
import org.escape.audit.AuditEvent;
import org.escape.audit.AuditTrail;
import org.escape.content.Markdown;
import org.escape.content.TextInput;
import org.escape.platform.NativeSql;
import org.escape.identity.Person;
import org.escape.identity.UserAccount;
import org.escape.identity.UserDirectory;
import org.escape.incident.IncidentService;
import org.escape.incident.PromotionSource;
import org.escape.incident.TimelineEntry;
import org.escape.incident.TimelineKind;
import org.escape.platform.ConflictException;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.ItemNotFoundException;
import org.escape.platform.NotPermittedException;
import org.escape.platform.Page;
import org.escape.platform.PageRequest;
import org.escape.platform.WriteRateLimiter;

/**
 * Everything users do in the knowledge base, each call one transaction (docs/api-articles.md):
 * R1 with the draft rule ({@link AccessRules#mayReadArticle}) on every read, inside the query for
 * lists and counts; W2/W3 on every label; the workflow and its two-person rule
 * ({@link ArticleWorkflow}); a revision for every save, detected conflicts on stale edits; the audit
 * record of every change and of every read above UNCLASSIFIED. Anything the caller may not read
 * answers exactly as a missing article.
 */
@Stateless
public class ArticleService {

    private static final Logger LOG = Logger.getLogger(ArticleService.class.getName());
    private static final int MAX_TAG_COUNTS = 100;
    /** How a stale edit's message tells the time: "2 Dec 2026 05:05:00 UTC". */
    private static final DateTimeFormatter CONFLICT_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(java.time.ZoneOffset.UTC);

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
    private IncidentService incidents;

    @Inject
    private Event<ArticleChanged> changed;

    @Inject
    private Event<ArticleReviewed> reviewed;

    private final Clock clock = Clock.systemUTC();

    // ------------------------------------------------------------------ reading

    /**
     * A page of articles the caller may read. {@code status} defaults to PUBLISHED; DRAFT and
     * IN_REVIEW list the caller's own (all readable ones for moderators); {@code mine} lists the
     * caller's in any status, or in {@code status} when given.
     */
    public Page<ArticleListing> list(UserAccount caller, String status, String tag, boolean mine, String sort,
                                     PageRequest page) {
        ArticleStatus statusFilter = status(status);
        if (statusFilter == null && !mine) {
            statusFilter = ArticleStatus.PUBLISHED;
        }
        String tagFilter = tag == null || tag.isBlank() ? null : ArticleInput.tagFilter(tag);
        String order = switch (sort == null || sort.isBlank() ? "recent" : sort) {
            case "recent" -> " order by a.updatedAt desc, a.id";
            case "title" -> " order by lower(a.title), a.id";
            default -> throw TextInput.invalid("sort", "must be recent or title");
        };
        Visible visible = new Visible(caller);
        String where = " from Article a where " + visible.condition("a")
                + (mine ? " and a.authorId = :me" : "")
                + (statusFilter == null ? "" : " and a.status = :status")
                + (tagFilter == null ? "" : " and a.tags like :tag escape '!'");
        TypedQuery<Long> count = em.createQuery("select count(a)" + where, Long.class);
        TypedQuery<Article> query = em.createQuery("select a" + where + order, Article.class);
        for (TypedQuery<?> q : List.of(count, query)) {
            visible.bind(q);
            if (mine && visible.moderator) {
                q.setParameter("me", caller.id());
            }
            if (statusFilter != null) {
                q.setParameter("status", statusFilter);
            }
            if (tagFilter != null) {
                q.setParameter("tag", "%," + TextInput.likeLiteral(tagFilter) + ",%");
            }
        }
        List<Article> articles = query.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        List<ArticleListing> items = listings(caller, articles, false);
        auditRead(caller, "article.list.read", null, articles.stream().map(Article::label));
        return new Page<>(items, count.getSingleResult(), page);
    }

    /**
     * The most used tags of the published articles the caller may read, at most 100; with a
     * {@code prefix}, only the tags starting with it (for completion while typing a tag).
     */
    public List<TagCount> tags(UserAccount caller, String prefix) {
        String start = prefix == null || prefix.isBlank() ? null : prefix.strip().toLowerCase(Locale.ROOT);
        if (start != null && (start.length() > 40 || !ArticleInput.TAG.matcher(start).matches())) {
            throw TextInput.invalid("prefix", "must be the start of a tag (a–z, 0–9, '.', '_', '-')");
        }
        NativeSql sql = new NativeSql().append("select t.tag, count(*) as uses from article_tag t join article a"
                        + " on a.id = t.article_id where a.status = ? and ", ArticleStatus.PUBLISHED.name())
                .append(LabelPredicate.sql(caller.reader(), LabelColumns.qualifiedBy("a")));
        if (start != null) {
            sql.append(" and t.tag like ? escape '!'", TextInput.likeLiteral(start) + "%");
        }
        sql.append(" group by t.tag order by uses desc, t.tag limit ?", MAX_TAG_COUNTS);
        List<TagCount> counts = new ArrayList<>();
        for (Object row : sql.build(em).getResultList()) {
            Object[] columns = (Object[]) row;
            counts.add(new TagCount((String) columns[0], NativeSql.count(columns[1])));
        }
        return counts;
    }

    public ArticleListing get(UserAccount caller, UUID id) {
        Article article = readable(caller, id);
        auditRead(caller, "article.read", id, Stream.of(article.label()));
        return listings(caller, List.of(article), true).get(0);
    }

    /** The revisions, newest first. */
    public List<RevisionListing> revisions(UserAccount caller, UUID id) {
        Article article = readable(caller, id);
        List<ArticleRevision> revisions = em.createQuery("select r from ArticleRevision r where r.articleId = :id"
                + " order by r.number desc", ArticleRevision.class).setParameter("id", id).getResultList();
        Map<UUID, Person> people = users.people(revisions.stream().map(ArticleRevision::editorId).toList());
        auditRead(caller, "article.revisions.read", id, Stream.of(article.label()));
        return revisions.stream()
                .map(r -> new RevisionListing(r, people.getOrDefault(r.editorId(), Person.unknown(r.editorId()))))
                .toList();
    }

    public RevisionListing revision(UserAccount caller, UUID id, int number) {
        Article article = readable(caller, id);
        ArticleRevision revision = revisionOf(id, number);
        auditRead(caller, "article.revisions.read", id, Stream.of(article.label()));
        return new RevisionListing(revision, users.people(List.of(revision.editorId()))
                .getOrDefault(revision.editorId(), Person.unknown(revision.editorId())));
    }

    public ArticleDiff diff(UserAccount caller, UUID id, Integer from, Integer to) {
        Article article = readable(caller, id);
        if (from == null || to == null) {
            throw TextInput.invalid(from == null ? "from" : "to", "is required (a revision number)");
        }
        ArticleDiff diff = ArticleDiff.between(from, revisionOf(id, from).content(), to, revisionOf(id, to).content());
        auditRead(caller, "article.revisions.read", id, Stream.of(article.label()));
        return diff;
    }

    /** The workflow history, oldest first. */
    public List<ReviewListing> reviews(UserAccount caller, UUID id) {
        readable(caller, id);
        List<ArticleReview> reviews = em.createQuery("select r from ArticleReview r where r.articleId = :id"
                + " order by r.recordedAt, r.revision", ArticleReview.class).setParameter("id", id).getResultList();
        Map<UUID, Person> people = users.people(reviews.stream().map(ArticleReview::actorId).toList());
        return reviews.stream()
                .map(r -> new ReviewListing(r, people.getOrDefault(r.actorId(), Person.unknown(r.actorId()))))
                .toList();
    }

    // ------------------------------------------------------------------ writing

    public ArticleListing create(UserAccount caller, ArticleDraft draft) {
        throttle(caller);
        ArticleContent content = ArticleInput.content(draft, null, ArticleInput.TAGS);
        enforce(caller, AccessRules.checkNewItem(caller.reader(), content.label()), "article.created", null,
                content.label(), null);
        Article article = store(caller, content, ArticleStatus.DRAFT, null, null, null, ArticleRevision.Kind.CREATED, null);
        audit.record(AuditEvent.success(actor(caller), "article.created", "article", article.id().toString(),
                Map.of("label", content.label().marking())));
        return listings(caller, List.of(article), true).get(0);
    }

    /**
     * Saves a new revision, when {@code baseRevision} is the current one; a save that changes
     * nothing writes nothing. A raised label is checked against W2/W3 and audited.
     */
    public ArticleListing update(UserAccount caller, UUID id, ArticleDraft draft) {
        throttle(caller);
        if (draft.baseRevision() == null) {
            throw TextInput.invalid("baseRevision", "is required: send the revision you started from");
        }
        Article article = em.find(Article.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (article == null || !mayRead(caller, article)) {
            throw new ItemNotFoundException();
        }
        ArticleContent content = ArticleInput.content(draft, article.label(),
                article.sourceKind().isPresent() ? ArticleInput.IMPORTED_TAGS : ArticleInput.TAGS);
        String comment = ArticleInput.comment("comment", draft.comment(), false);
        require(caller, article, ArticleAction.EDIT);
        if (draft.baseRevision() != article.revision()) {
            Person editor = users.people(List.of(article.revisedBy())).getOrDefault(article.revisedBy(),
                    Person.unknown(article.revisedBy()));
            throw new ConflictException("This article was changed by " + editor.displayName() + " at "
                    + CONFLICT_TIME.format(article.updatedAt()) + " (revision " + article.revision()
                    + ") after you opened revision " + draft.baseRevision()
                    + ". Reload it, reapply your changes and save again.");
        }
        ArticleContent before = article.content();
        if (content.equals(before)) {
            return listings(caller, List.of(article), true).get(0);
        }
        boolean relabelled = !content.label().equals(before.label());
        if (relabelled) {
            enforce(caller, AccessRules.checkRelabel(caller.reader(), before.label(), content.label()),
                    "article.relabelled", id, content.label(), before.label());
        }
        Instant now = now();
        boolean textChanged = !content.withLabel(before.label()).equals(before);
        article.revise(content, Markdown.toSafeHtml(content.body()), caller.id(), now);
        em.persist(new ArticleRevision(article, textChanged ? ArticleRevision.Kind.EDITED : ArticleRevision.Kind.RELABELLED,
                caller.id(), comment, now));
        replaceTags(article);
        if (textChanged) {
            audit.record(AuditEvent.success(actor(caller), "article.edited", "article", id.toString(),
                    Map.of("revision", Integer.toString(article.revision()))));
        }
        if (relabelled) {
            audit.record(AuditEvent.success(actor(caller), "article.relabelled", "article", id.toString(),
                    Map.of("from", before.label().marking(), "to", content.label().marking())));
        }
        changed.fire(new ArticleChanged(id));
        em.flush();
        return listings(caller, List.of(article), true).get(0);
    }

    /** Takes a workflow step ({@link ArticleWorkflow}); send-back and retire need a comment. */
    public ArticleListing transition(UserAccount caller, UUID id, ArticleAction action, String comment) {
        Objects.requireNonNull(action, "action");
        if (action == ArticleAction.EDIT) {
            throw new IllegalArgumentException("EDIT is not a transition");
        }
        throttle(caller);
        boolean needsComment = action == ArticleAction.SEND_BACK || action == ArticleAction.RETIRE;
        String note = ArticleInput.comment("comment", comment, needsComment);
        Article article = em.find(Article.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (article == null || !mayRead(caller, article)) {
            throw new ItemNotFoundException();
        }
        require(caller, article, action);
        Instant now = now();
        ArticleStatus from = article.status();
        article.moveTo(ArticleWorkflow.target(action, from), caller.id(), note.isEmpty() ? null : note, now);
        ArticleReview.Action step = switch (action) {
            case SUBMIT -> ArticleReview.Action.SUBMITTED;
            case WITHDRAW -> ArticleReview.Action.WITHDRAWN;
            case SEND_BACK -> ArticleReview.Action.SENT_BACK;
            case PUBLISH -> ArticleReview.Action.PUBLISHED;
            case RETIRE -> ArticleReview.Action.RETIRED;
            case EDIT -> throw new IllegalStateException();
        };
        em.persist(new ArticleReview(article, step, caller.id(), note, now));
        audit.record(AuditEvent.success(actor(caller), "article." + step.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                "article", id.toString(), Map.of("from", from.name(), "to", article.status().name(),
                        "revision", Integer.toString(article.revision()))));
        changed.fire(new ArticleChanged(id));
        reviewed.fire(new ArticleReviewed(id, step, caller.id(), article.authorId()));
        em.flush();
        return listings(caller, List.of(article), true).get(0);
    }

    /**
     * A draft from a RESOLVED or CLOSED incident: its summary, its room events and the selected
     * messages, labelled at least as restrictively as the incident and every quoted message.
     */
    public ArticleListing promote(UserAccount caller, UUID incidentId, PromotionRequest request) {
        throttle(caller);
        PromotionSource source = incidents.promotionSource(caller, incidentId, request.messages());
        var incident = source.incident().incident();
        List<Label> sources = new ArrayList<>();
        sources.add(incident.label());
        source.quoted().forEach(m -> sources.add(m.label()));
        Label floor = Label.effective(sources).orElseThrow(() -> TextInput.invalid("messages",
                "have labels releasable to no common country, so no article can quote them all; select fewer"));
        Label label = request.label() == null ? floor : request.label();
        enforce(caller, AccessRules.checkNewItem(caller.reader(), label), "article.promoted", incidentId, label, null);
        for (Label quoted : sources) {
            enforce(caller, AccessRules.checkMoveContent(caller.reader(), quoted, label), "article.promoted",
                    incidentId, label, quoted);
        }
        accountability.recordRead(actor(caller), "incident.timeline.read", "incident", incidentId.toString(), sources);
        String title = request.title() == null || request.title().isBlank()
                ? abbreviate("Lessons from: " + incident.title(), ArticleInput.TITLE)
                : TextInput.line("title", request.title(), ArticleInput.TITLE);
        String summary = request.summary() == null || request.summary().isBlank()
                ? abbreviate(incident.summary(), ArticleInput.SUMMARY)
                : TextInput.text("summary", request.summary(), ArticleInput.SUMMARY);
        String body = promotedBody(source);
        if (body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > ArticleInput.BODY_BYTES) {
            throw TextInput.invalid("messages", "quote more text than an article may hold ("
                    + ArticleInput.BODY_BYTES / 1024 + " KiB); select fewer messages");
        }
        ArticleContent content = new ArticleContent(title, summary, body, List.of("lessons-learned"), List.of(), label);
        Article article = store(caller, content, ArticleStatus.DRAFT, Article.SourceKind.INCIDENT, incidentId.toString(),
                null, ArticleRevision.Kind.PROMOTED, null);
        audit.record(AuditEvent.success(actor(caller), "article.promoted", "article", article.id().toString(),
                Map.of("incident", incidentId.toString(), "messages", Integer.toString(source.quoted().size()),
                        "label", label.marking())));
        return listings(caller, List.of(article), true).get(0);
    }

    /**
     * Imports articles (admin): each new source object becomes an article with {@code label} in
     * {@code status}; a known one whose content changed gets a new IMPORTED revision; an unchanged one
     * is skipped. All or nothing: the first invalid item refuses the whole import.
     */
    public ImportResult importArticles(UserAccount caller, List<Imported> items, Label label, ArticleStatus status) {
        requireImporter(caller, null);
        Objects.requireNonNull(label, "label");
        if (status != ArticleStatus.PUBLISHED && status != ArticleStatus.DRAFT) {
            throw TextInput.invalid("status", "must be PUBLISHED or DRAFT");
        }
        enforce(caller, AccessRules.checkNewItem(caller.reader(), label), "article.imported", null, label, null);
        long started = System.nanoTime();
        Map<String, Article> existing = new HashMap<>();
        if (!items.isEmpty()) {
            for (Article a : em.createQuery("select a from Article a where a.stixId in :ids", Article.class)
                    .setParameter("ids", items.stream().map(Imported::sourceRef).distinct().toList()).getResultList()) {
                existing.put(a.sourceRef().orElseThrow(), a);
            }
        }
        List<ImportResult.Item> results = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int skipped = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Imported item = items.get(i);
            if (!seen.add(item.sourceRef())) {
                throw TextInput.invalid("objects", "contain " + item.sourceRef() + " twice");
            }
            ArticleContent content;
            try {
                content = ArticleInput.content(new ArticleDraft(item.title(), item.summary(), item.body(), item.tags(),
                        item.references(), label, null, null), null, ArticleInput.IMPORTED_TAGS);
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException(item.sourceRef() + ": " + e.getMessage(), e.errors());
            }
            Article article = existing.get(item.sourceRef());
            if (article == null) {
                article = store(caller, content, status, Article.SourceKind.STIX, item.sourceRef(), item.sourceUrl(),
                        ArticleRevision.Kind.IMPORTED, null);
                created++;
                results.add(new ImportResult.Item(item.sourceRef(), article.id(), content.title(), ImportResult.Outcome.CREATED));
                continue;
            }
            // An existing article keeps its own (possibly raised) label: an import never lowers it.
            Label kept = Label.effective(article.label(), label).orElse(article.label());
            ArticleContent updatedContent = content.withLabel(kept);
            if (updatedContent.withLabel(article.label()).equals(article.content().withLabel(article.label()))) {
                skipped++;
                results.add(new ImportResult.Item(item.sourceRef(), article.id(), article.title(), ImportResult.Outcome.SKIPPED));
                continue;
            }
            if (!mayRead(caller, article)) {
                throw new InvalidRequestException(item.sourceRef() + " was imported before under a label you cannot read;"
                        + " ask an administrator who can to import it.");
            }
            Instant now = now();
            article.revise(updatedContent.withLabel(article.label()), Markdown.toSafeHtml(updatedContent.body()), caller.id(), now);
            em.persist(new ArticleRevision(article, ArticleRevision.Kind.IMPORTED, caller.id(), "Updated by import", now));
            replaceTags(article);
            changed.fire(new ArticleChanged(article.id()));
            updated++;
            results.add(new ImportResult.Item(item.sourceRef(), article.id(), article.title(), ImportResult.Outcome.UPDATED));
        }
        audit.record(AuditEvent.success(actor(caller), "article.imported", null, null,
                Map.of("created", Integer.toString(created), "updated", Integer.toString(updated),
                        "skipped", Integer.toString(skipped), "label", label.marking(), "status", status.name())));
        em.flush();
        LOG.info(String.format(Locale.ROOT, "Import by %s: %d created, %d updated, %d skipped as %s in %d ms",
                caller.username(), created, updated, skipped, label.marking(), (System.nanoTime() - started) / 1_000_000));
        return new ImportResult(created, updated, skipped, results);
    }

    /**
     * Refuses (403, audited) anyone but an administrator, and a label the administrator may not
     * assign (W2, 400); called before an import's body is even read.
     */
    public void requireImporter(UserAccount caller, Label label) {
        if (!caller.roles().contains(Role.ADMIN)) {
            audit.recordDenial(AuditEvent.denied(actor(caller), "article.imported", null, null, Map.of()));
            throw new NotPermittedException("Only administrators can import articles.");
        }
        if (label != null) {
            enforce(caller, AccessRules.checkNewItem(caller.reader(), label), "article.imported", null, label, null);
        }
    }

    // ------------------------------------------------------------------ internals

    private Article store(UserAccount caller, ArticleContent content, ArticleStatus status, Article.SourceKind kind,
                          String sourceRef, String sourceUrl, ArticleRevision.Kind revisionKind, String note) {
        Instant now = now();
        Article article = new Article(content, Markdown.toSafeHtml(content.body()), caller.id(), status, kind, sourceRef,
                sourceUrl, now);
        if (status == ArticleStatus.PUBLISHED) {
            article.moveTo(ArticleStatus.PUBLISHED, caller.id(), null, now);
        }
        em.persist(article);
        em.persist(new ArticleRevision(article, revisionKind, caller.id(), note, now));
        if (status == ArticleStatus.PUBLISHED) {
            em.persist(new ArticleReview(article, ArticleReview.Action.PUBLISHED, caller.id(), "Published by import", now));
        }
        em.flush();
        insertTags(article);
        changed.fire(new ArticleChanged(article.id()));
        return article;
    }

    private void replaceTags(Article article) {
        em.flush();
        em.createNativeQuery("delete from article_tag where article_id = ?1").setParameter(1, article.id().toString())
                .executeUpdate();
        insertTags(article);
    }

    private void insertTags(Article article) {
        for (String tag : article.tags()) {
            em.createNativeQuery("insert into article_tag (article_id, tag) values (?1, ?2)")
                    .setParameter(1, article.id().toString()).setParameter(2, tag).executeUpdate();
        }
    }

    private static String promotedBody(PromotionSource source) {
        var incident = source.incident().incident();
        StringBuilder md = new StringBuilder();
        md.append("## Incident\n\n")
                .append("- **Incident:** ").append(escapeInline(incident.title())).append('\n')
                .append("- **Severity:** ").append(incident.severity()).append('\n')
                .append("- **Status when promoted:** ").append(incident.status()).append('\n')
                .append("- **Opened:** ").append(DateTimeFormatter.ISO_INSTANT.format(incident.createdAt())).append("\n\n");
        if (!incident.summary().isBlank()) {
            md.append("## Summary\n\n").append(incident.summary().strip()).append("\n\n");
        }
        List<TimelineEntry> events = source.events().stream()
                .filter(e -> e.kind() == TimelineKind.STATUS || e.kind() == TimelineKind.MEMBER
                        || e.kind() == TimelineKind.CREATED)
                .toList();
        if (!events.isEmpty()) {
            md.append("## Timeline\n\n");
            for (TimelineEntry e : events) {
                md.append("- ").append(DateTimeFormatter.ISO_INSTANT.format(e.createdAt())).append(" — ")
                        .append(escapeInline(e.author().displayName())).append(": ").append(escapeInline(e.body()))
                        .append('\n');
            }
            md.append('\n');
        }
        if (!source.quoted().isEmpty()) {
            md.append("## Selected messages\n\n");
            for (TimelineEntry m : source.quoted()) {
                md.append("**").append(escapeInline(m.author().displayName())).append("**, ")
                        .append(DateTimeFormatter.ISO_INSTANT.format(m.createdAt())).append(" (")
                        .append(m.label().marking()).append("):\n\n");
                for (String line : m.body().split("\n", -1)) {
                    md.append("> ").append(line).append('\n');
                }
                md.append('\n');
            }
        }
        md.append("## Lessons learned\n\n_What worked, what did not, and what to do next time._\n");
        return md.toString();
    }

    private static String escapeInline(String text) {
        return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
                .replace("[", "\\[").replace("<", "&lt;").replace("\n", " ");
    }

    private static String abbreviate(String text, int max) {
        String t = text.strip();
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }

    private ArticleRevision revisionOf(UUID id, int number) {
        ArticleRevision revision = em.find(ArticleRevision.class, new ArticleRevision.Key(id, number));
        if (revision == null) {
            throw new ItemNotFoundException();
        }
        return revision;
    }

    private boolean mayRead(UserAccount caller, Article article) {
        return AccessRules.mayReadArticle(caller.reader(), article.label(), article.status().isPublic(),
                article.authorId().equals(caller.id()) || caller.roles().contains(Role.MODERATOR));
    }

    private Article readable(UserAccount caller, UUID id) {
        Article article = id == null ? null : em.find(Article.class, id);
        if (article == null || !mayRead(caller, article)) {
            throw new ItemNotFoundException();
        }
        return article;
    }

    private void require(UserAccount caller, Article article, ArticleAction action) {
        try {
            ArticleWorkflow.require(state(article), new ArticleWorkflow.Actor(caller.id(), caller.roles()), action);
        } catch (NotPermittedException | ConflictException refused) {
            audit.recordDenial(AuditEvent.denied(actor(caller), "article." + action.apiName(), "article",
                    article.id().toString(), Map.of("status", article.status().name())));
            throw refused;
        }
    }

    private static ArticleWorkflow.State state(Article article) {
        return new ArticleWorkflow.State(article.status(), article.authorId(), article.revisedBy());
    }

    private List<ArticleListing> listings(UserAccount caller, List<Article> articles, boolean withBody) {
        Set<UUID> ids = new HashSet<>();
        for (Article a : articles) {
            ids.add(a.authorId());
            a.publishedBy().ifPresent(ids::add);
            a.reviewBy().ifPresent(ids::add);
        }
        Map<UUID, Person> people = users.people(ids);
        ArticleWorkflow.Actor actor = new ArticleWorkflow.Actor(caller.id(), caller.roles());
        return articles.stream().map(a -> new ArticleListing(a,
                people.getOrDefault(a.authorId(), Person.unknown(a.authorId())),
                a.publishedBy().map(p -> people.getOrDefault(p, Person.unknown(p))).orElse(null),
                a.reviewBy().map(p -> people.getOrDefault(p, Person.unknown(p))).orElse(null),
                ArticleWorkflow.actions(state(a), actor), withBody)).toList();
    }

    private static ArticleStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ArticleStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TextInput.invalid("status", "must be one of DRAFT, IN_REVIEW, PUBLISHED, RETIRED");
        }
    }

    /**
     * The query form of {@link AccessRules#mayReadArticle} for the caller: R1 on the label
     * ({@link LabelPredicate}) and, unless the caller is a moderator, a public status or authorship.
     */
    private static final class Visible {
        final UserAccount caller;
        final LabelPredicate.Jpql r1;
        final boolean moderator;

        Visible(UserAccount caller) {
            this.caller = caller;
            this.moderator = caller.roles().contains(Role.MODERATOR);
            this.r1 = LabelPredicate.jpql(caller.reader(), "r1", "a.label");
        }

        String condition(String alias) {
            return r1.text() + ArticleAccessQuery.jpql(alias, "me", caller.roles());
        }

        void bind(TypedQuery<?> query) {
            r1.parameters().forEach(query::setParameter);
            if (!moderator) {
                query.setParameter("me", caller.id());
                ArticleAccessQuery.bind(query, caller.roles());
            }
        }
    }

    // ------------------------------------------------------------------ refusals and audit

    private void enforce(UserAccount caller, org.escape.access.LabelDecision decision, String action, UUID objectId,
                         Label proposed, Label floor) {
        accountability.enforce(actor(caller), caller.reader(), decision, action, "article",
                objectId == null ? null : objectId.toString(), proposed, floor);
    }

    private void throttle(UserAccount caller) {
        accountability.throttle(rateLimiter, actor(caller), caller.id(), "article.write.rate-limited");
    }

    private void auditRead(UserAccount caller, String action, UUID objectId, Stream<Label> labels) {
        accountability.recordRead(actor(caller), action, "article", objectId == null ? null : objectId.toString(),
                labels.toList());
    }

    private static AuditActor actor(UserAccount caller) {
        return AuditActor.user(caller.id(), caller.username());
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
