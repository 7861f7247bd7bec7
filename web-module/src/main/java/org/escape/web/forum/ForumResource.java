package org.escape.web.forum;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.escape.access.Role;
import org.escape.forum.ForumChange;
import org.escape.forum.ForumDraft;
import org.escape.forum.ForumService;
import org.escape.forum.ThreadDraft;
import org.escape.platform.PageRequest;
import org.escape.web.api.Ids;
import org.escape.web.api.LabelView;
import org.escape.web.api.PageView;
import org.escape.web.api.RequestBodies;
import org.escape.web.identity.Caller;

/** {@code /api/v1/forums}: forums and the threads in them. */
@Path("forums")
@Tag(name = "Forums")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ForumResource {

    @Inject
    private Caller caller;

    @Inject
    private ForumService forums;

    @GET
    @Operation(summary = "Forums the caller may read, by name; counts cover only readable threads and posts")
    public PageView<ForumView> list(@QueryParam("archived") Boolean archived, @QueryParam("page") String page,
                                    @QueryParam("size") String size) {
        return PageView.of(forums.forums(caller.account(), Boolean.TRUE.equals(archived), PageRequest.parse(page, size)),
                ForumView::of);
    }

    @POST
    @Operation(summary = "Create a forum (moderators)")
    public Response create(ForumRequests.NewForum request) {
        RequestBodies.require(request);
        var moderator = caller.requireRole(Role.MODERATOR, "forum.created");
        ForumView created = ForumView.of(forums.createForum(moderator,
                new ForumDraft(request.name(), request.description(), LabelView.toLabel(request.label()))));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One forum")
    public ForumView get(@PathParam("id") String id) {
        return ForumView.of(forums.forum(caller.account(), Ids.path(id)));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Rename, describe, archive or raise the label of a forum (moderators)")
    public ForumView change(@PathParam("id") String id, ForumRequests.ForumPatch request) {
        RequestBodies.require(request);
        var moderator = caller.requireRole(Role.MODERATOR, "forum.updated");
        return ForumView.of(forums.changeForum(moderator, Ids.path(id), new ForumChange(request.name(),
                request.description(), LabelView.toLabel(request.label()), request.archived())));
    }

    @GET
    @Path("{id}/threads")
    @Operation(summary = "Threads of a forum: pinned first, then by last readable activity")
    public PageView<ThreadView> threads(@PathParam("id") String id, @QueryParam("tag") String tag,
                                        @QueryParam("page") String page, @QueryParam("size") String size) {
        return PageView.of(forums.threads(caller.account(), Ids.path(id), tag, PageRequest.parse(page, size)),
                ThreadView::of);
    }

    @POST
    @Path("{id}/threads")
    @Operation(summary = "Start a thread with its first post; the label defaults to the forum's")
    public Response createThread(@PathParam("id") String id, ForumRequests.NewThread request) {
        RequestBodies.require(request);
        ThreadView created = ThreadView.of(forums.createThread(caller.account(), Ids.path(id),
                new ThreadDraft(request.title(), request.body(), LabelView.toLabel(request.label()), request.tags())));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }
}
