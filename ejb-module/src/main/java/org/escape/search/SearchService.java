package org.escape.search;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.escape.access.Label;
import org.escape.access.Level;
import org.escape.access.Role;
import org.escape.audit.Accountability;
import org.escape.audit.AuditActor;
import org.escape.audit.AuditEvent;
import org.escape.audit.AuditTrail;
import org.escape.identity.UserAccount;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.InvalidRequestException.FieldError;
import org.escape.platform.NotPermittedException;
import org.escape.platform.PageRequest;
import org.escape.searchindex.ItemType;
import org.escape.searchindex.ReaderProfile;
import org.escape.searchindex.SafeQueryParser;
import org.escape.searchindex.SearchRequest;
import org.escape.searchindex.SearchResult;
import org.escape.searchindex.Suggestion;

/**
 * Search and suggestions on behalf of a caller, and the administrator's reindex.
 *
 * <p>The caller's profile comes from their local record ({@link UserAccount#reader()}), so a
 * clearance lowered in Keycloak narrows search as soon as identity sync applied it. Searching is
 * not a read of a specific item and is not audited; slow searches are logged (length and filters,
 * never the text). Starting a reindex is audited.
 *
 * <p>Input: {@code q} longer than {@value SafeQueryParser#MAX_QUERY_LENGTH} characters is cut
 * (not refused); filters must name known values → otherwise 400 naming the parameter.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class.getName());

    /** Most suggestions returned. */
    public static final int SUGGESTIONS = 10;
    /** Most values per filter parameter. */
    public static final int MAX_FILTER_VALUES = 20;

    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final Pattern STATUS = Pattern.compile("[a-z][a-z_]{0,31}");

    @Inject
    private SearchIndexService index;

    @Inject
    private AuditTrail audit;

    @Inject
    private IncidentSource incidents;

    @Inject
    private SearchRateLimiter rateLimiter;

    @Inject
    private Accountability accountability;

    @Inject
    @ConfigProperty(name = "escape.search.slow-query", defaultValue = "PT0.5S")
    Duration slowQuery;

    /** One page of readable matches. */
    public SearchPage search(UserAccount caller, SearchCriteria criteria) {
        throttle(caller);
        PageRequest page = PageRequest.parse(criteria.page(), criteria.size());
        SearchRequest request = request(criteria, page);
        ReaderProfile profile = profileOf(caller);
        long started = System.nanoTime();
        SearchResult result = index.read(secure -> secure.search(request, profile));
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis >= slowQuery.toMillis()) {
            LOG.warning(() -> String.format("[search] slow query: %d ms, %d characters, types=%s tags=%d levels=%s page=%d",
                    millis, request.text().length(), request.types(), request.tags().size(), request.levels(), page.page()));
        }
        List<SearchPage.Found> items = new ArrayList<>();
        for (SearchResult.Hit hit : result.hits()) {
            Optional<Label> label = HitLabels.labelOf(hit.securityTokens());
            if (label.isEmpty()) {
                // Cannot happen: such tokens match no reader filter. Never show a hit without its marking.
                LOG.severe(() -> "[search] hit " + hit.id() + " without a readable label was filtered out");
                continue;
            }
            items.add(new SearchPage.Found(hit.type(), hit.id(), hit.title(), hit.snippet(), label.get(), hit.url(),
                    hit.score(), hit.updatedAt()));
        }
        return new SearchPage(result.total(), items, result.facets().type(), result.facets().tag(),
                result.facets().level(), result.facets().status(), result.facets().date(), page);
    }

    /** Titles and tags of readable items that complete what the caller typed. */
    public List<String> suggest(UserAccount caller, String prefix) {
        throttle(caller);
        ReaderProfile profile = profileOf(caller);
        String typed = prefix == null ? "" : prefix;
        List<Suggestion> found = index.read(secure -> secure.suggest(typed, profile, SUGGESTIONS));
        return found.stream().map(Suggestion::text).toList();
    }

    /** One search or suggestion from the caller's bucket: 429 beyond it. */
    private void throttle(UserAccount caller) {
        accountability.throttle(rateLimiter, AuditActor.user(caller.id(), caller.username()), caller.id(), "search.rate-limited");
    }

    /** The caller's filter: R1 for their country and clearance, and the incidents they are a member of. */
    private ReaderProfile profileOf(UserAccount caller) {
        Set<String> memberships = new LinkedHashSet<>();
        incidents.membershipsOf(caller.id()).forEach(id -> memberships.add(AccessTokens.incidentMembers(id)));
        return ReaderProfiles.of(caller.reader(), memberships);
    }

    /** Starts a full rebuild (administrators); audited. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ReindexStatus reindex(UserAccount admin) {
        requireAdmin(admin);
        ReindexStatus status = index.startReindex("Requested by " + admin.username() + ".");
        audit.record(AuditEvent.success(AuditActor.user(admin.id(), admin.username()), "search.reindex", "search-index",
                null, Map.of("state", status.state().name())));
        return status;
    }

    /** The latest rebuild's progress (administrators). */
    public ReindexStatus reindexStatus(UserAccount admin) {
        requireAdmin(admin);
        return index.reindexStatus();
    }

    private static void requireAdmin(UserAccount caller) {
        if (!caller.roles().contains(Role.ADMIN)) {
            throw new NotPermittedException("This function needs the " + Role.ADMIN.claimName() + " role.");
        }
    }

    /** The index request for validated criteria; 400 naming every bad parameter. */
    static SearchRequest request(SearchCriteria criteria, PageRequest page) {
        List<FieldError> errors = new ArrayList<>();
        String text = criteria.q() == null ? "" : criteria.q();
        if (text.length() > SafeQueryParser.MAX_QUERY_LENGTH) {
            text = text.substring(0, SafeQueryParser.MAX_QUERY_LENGTH);
        }
        Set<ItemType> types = EnumSet.noneOf(ItemType.class);
        for (String value : values(criteria.types(), "type", errors)) {
            ItemType.fromToken(value).ifPresentOrElse(types::add,
                    () -> errors.add(new FieldError("type", "unknown type; use forum_post, thread, incident, message or article")));
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : values(criteria.tags(), "tag", errors)) {
            String tag = value.toLowerCase(Locale.ROOT);
            if (TAG.matcher(tag).matches()) {
                tags.add(tag);
            } else {
                errors.add(new FieldError("tag", "not a tag: letters, digits, '.', '_' or '-', at most 32"));
            }
        }
        Set<String> levels = new LinkedHashSet<>();
        for (String value : values(criteria.classifications(), "classification", errors)) {
            Level.parse(value).ifPresentOrElse(level -> levels.add(level.name()),
                    () -> errors.add(new FieldError("classification", "unknown classification")));
        }
        Set<String> statuses = new LinkedHashSet<>();
        for (String value : values(criteria.statuses(), "status", errors)) {
            String status = value.toLowerCase(Locale.ROOT);
            if (STATUS.matcher(status).matches()) {
                statuses.add(status);
            } else {
                errors.add(new FieldError("status", "not a status"));
            }
        }
        Instant from = instant(criteria.from(), "from", false, errors);
        Instant to = instant(criteria.to(), "to", true, errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new FieldError("to", "before from"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Some search parameters are not valid.", errors);
        }
        return SearchRequest.of(text).withTypes(types).withTags(tags).withLevels(levels).withStatuses(statuses)
                .withUpdated(from, to).withPage(page.page(), page.size());
    }

    private static List<String> values(List<String> raw, String field, List<FieldError> errors) {
        List<String> values = new ArrayList<>();
        for (String entry : raw) {
            if (entry == null) {
                continue;
            }
            for (String part : entry.split(",", -1)) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        if (values.size() > MAX_FILTER_VALUES) {
            errors.add(new FieldError(field, "at most " + MAX_FILTER_VALUES + " values"));
            return List.of();
        }
        return values;
    }

    private static Instant instant(String value, String field, boolean endOfDay, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "not an ISO-8601 date (2026-01-31) or instant (2026-01-31T10:00:00Z)"));
            return null;
        }
    }
}
