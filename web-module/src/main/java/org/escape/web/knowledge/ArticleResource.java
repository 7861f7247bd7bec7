package org.escape.web.knowledge;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.escape.access.Label;
import org.escape.knowledge.ArticleStatus;
import org.escape.knowledge.Imported;
import org.escape.knowledge.stix.ImportedArticle;
import org.escape.knowledge.stix.StixBundle;
import org.escape.knowledge.stix.StixBundleException;
import org.escape.knowledge.stix.StixMitigation;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.escape.content.Markdown;
import org.escape.knowledge.ArticleAction;
import org.escape.knowledge.ArticleDiff;
import org.escape.knowledge.ArticleDraft;
import org.escape.knowledge.ArticleService;
import org.escape.knowledge.RevisionListing;
import org.escape.knowledge.TagCount;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.PageRequest;
import org.escape.web.api.Ids;
import org.escape.web.api.LabelView;
import org.escape.web.api.PageView;
import org.escape.web.api.RequestBodies;
import org.escape.web.identity.Caller;

/** {@code /api/v1/articles}: the knowledge base (docs/api-articles.md). */
@Path("articles")
@Tag(name = "Knowledge base")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ArticleResource {

    @Inject
    private Caller caller;

    @Inject
    private ArticleService articles;

    @Context
    private HttpServletRequest request;

    @GET
    @Operation(summary = "Articles the caller may read: published by default, drafts and the review queue by status")
    public PageView<ArticleView> list(@QueryParam("status") String status, @QueryParam("tag") String tag,
                                      @QueryParam("mine") Boolean mine, @QueryParam("sort") String sort,
                                      @QueryParam("page") String page, @QueryParam("size") String size) {
        return PageView.of(articles.list(caller.account(), status, tag, Boolean.TRUE.equals(mine), sort,
                PageRequest.parse(page, size)), ArticleView::of);
    }

    @GET
    @Path("tags")
    @Operation(summary = "The most used tags of the published articles the caller may read (100; or those starting with prefix)")
    public Map<String, List<TagCount>> tags(@QueryParam("prefix") String prefix) {
        return Map.of("tags", articles.tags(caller.account(), prefix));
    }

    @POST
    @Operation(summary = "Write a draft")
    public Response create(ArticleRequests.ArticleBody request) {
        RequestBodies.require(request);
        ArticleView created = ArticleView.of(articles.create(caller.account(), draft(request)));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @POST
    @Path("import/stix")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Import MITRE ATT&CK mitigations from a STIX 2.x bundle (administrators); idempotent by STIX id")
    public ImportView importStix(@QueryParam("classification") String classification,
                                 @QueryParam("releasableTo") String releasableTo, @QueryParam("status") String status) {
        articles.requireImporter(caller.account(), null);
        Label label = new LabelView(classification == null || classification.isBlank() ? "UNCLASSIFIED" : classification,
                releasableTo == null || releasableTo.isBlank() ? List.of("ALL")
                        : Arrays.stream(releasableTo.split(",")).map(String::strip).toList()).toLabel();
        articles.requireImporter(caller.account(), label);
        ArticleStatus target = status == null || status.isBlank() ? ArticleStatus.PUBLISHED
                : RequestBodies.choice("status", status, ArticleStatus.class);
        byte[] bundle = StixUpload.read(request);
        List<StixMitigation> mitigations;
        try {
            mitigations = StixBundle.parse(new ByteArrayInputStream(bundle));
        } catch (StixBundleException e) {
            throw new InvalidRequestException(e.getMessage(), e.pointer().isEmpty() ? List.of()
                    : List.of(new InvalidRequestException.FieldError(e.pointer(), e.getMessage())));
        }
        List<Imported> items = mitigations.stream().map(m -> {
            ImportedArticle a = m.toArticle();
            return new Imported(a.stixId(), m.url(), a.title(), a.summary(), a.body(), a.tags(), a.references());
        }).toList();
        return ImportView.of(articles.importArticles(caller.account(), items, label, target));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One article")
    public ArticleView get(@PathParam("id") String id) {
        return ArticleView.of(articles.get(caller.account(), Ids.path(id)));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Save a new revision (409 when baseRevision is not the current revision)")
    public ArticleView update(@PathParam("id") String id, ArticleRequests.ArticleBody request) {
        RequestBodies.require(request);
        return ArticleView.of(articles.update(caller.account(), Ids.path(id), draft(request)));
    }

    @POST
    @Path("{id}/submit")
    @Operation(summary = "Submit a draft for review")
    public ArticleView submit(@PathParam("id") String id, String request) {
        return step(id, ArticleAction.SUBMIT, request);
    }

    @POST
    @Path("{id}/withdraw")
    @Operation(summary = "Withdraw an article from review (the author)")
    public ArticleView withdraw(@PathParam("id") String id, String request) {
        return step(id, ArticleAction.WITHDRAW, request);
    }

    @POST
    @Path("{id}/send-back")
    @Operation(summary = "Send an article in review back to its author with a comment (a moderator)")
    public ArticleView sendBack(@PathParam("id") String id, String request) {
        return step(id, ArticleAction.SEND_BACK, request);
    }

    @POST
    @Path("{id}/publish")
    @Operation(summary = "Publish an article in review (a moderator who is not its author)")
    public ArticleView publish(@PathParam("id") String id, String request) {
        return step(id, ArticleAction.PUBLISH, request);
    }

    @POST
    @Path("{id}/retire")
    @Operation(summary = "Retire a published article with a reason (a moderator)")
    public ArticleView retire(@PathParam("id") String id, String request) {
        return step(id, ArticleAction.RETIRE, request);
    }

    @GET
    @Path("{id}/revisions")
    @Operation(summary = "The revisions, newest first")
    public Map<String, List<RevisionView>> revisions(@PathParam("id") String id) {
        return Map.of("items", articles.revisions(caller.account(), Ids.path(id)).stream()
                .map(r -> RevisionView.of(r, false, null)).toList());
    }

    @GET
    @Path("{id}/revisions/{number}")
    @Operation(summary = "One revision with its content")
    public RevisionView revision(@PathParam("id") String id, @PathParam("number") String number) {
        RevisionListing revision = articles.revision(caller.account(), Ids.path(id), revisionNumber("number", number));
        return RevisionView.of(revision, true, Markdown.toSafeHtml(revision.revision().content().body()));
    }

    @GET
    @Path("{id}/diff")
    @Operation(summary = "The difference between two revisions: changed fields and side-by-side body lines")
    public ArticleDiff diff(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        return articles.diff(caller.account(), Ids.path(id), from == null ? null : revisionNumber("from", from),
                to == null ? null : revisionNumber("to", to));
    }

    @GET
    @Path("{id}/reviews")
    @Operation(summary = "The workflow history, oldest first")
    public Map<String, List<ReviewView>> reviews(@PathParam("id") String id) {
        return Map.of("items", articles.reviews(caller.account(), Ids.path(id)).stream().map(ReviewView::of).toList());
    }

    /** A workflow step; the body {@code {"comment": …}} is optional (an empty body is no comment). */
    private ArticleView step(String id, ArticleAction action, String body) {
        ArticleRequests.Step request = null;
        if (body != null && !body.isBlank()) {
            try (Jsonb jsonb = JsonbBuilder.create()) {
                request = jsonb.fromJson(body, ArticleRequests.Step.class);
            } catch (JsonbException e) {
                throw new InvalidRequestException("The body must be a JSON object such as {\"comment\": \"…\"}.");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return ArticleView.of(articles.transition(caller.account(), Ids.path(id), action,
                request == null ? null : request.comment()));
    }

    private static ArticleDraft draft(ArticleRequests.ArticleBody request) {
        return new ArticleDraft(request.title(), request.summary(), request.body(), request.tags(), request.references(),
                LabelView.toLabel(request.label()), request.baseRevision(), request.comment());
    }

    /** A revision number path or query value; anything else is 404 for a path and 400 for a query. */
    private static int revisionNumber(String field, String value) {
        if (value == null || !value.matches("\\d{1,9}")) {
            if ("number".equals(field)) {
                throw new org.escape.platform.ItemNotFoundException();
            }
            throw new InvalidRequestException(field + " must be a revision number.",
                    List.of(new InvalidRequestException.FieldError(field, "must be a revision number")));
        }
        return Integer.parseInt(value);
    }
}
