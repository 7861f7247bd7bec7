package org.escape.web.forum;

import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.escape.access.Role;
import org.escape.forum.ForumService;
import org.escape.forum.PostDraft;
import org.escape.forum.ThreadModeration;
import org.escape.platform.PageRequest;
import org.escape.web.api.Ids;
import org.escape.web.api.LabelView;
import org.escape.web.api.PageView;
import org.escape.web.api.RequestBodies;
import org.escape.web.identity.Caller;

/** {@code /api/v1/threads}: a thread, its posts, replies, read markers and moderation. */
@Path("threads")
@Tag(name = "Forums")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ThreadResource {

    @Inject
    private Caller caller;

    @Inject
    private ForumService forums;

    @GET
    @Path("{id}")
    @Operation(summary = "One thread; counts cover only readable posts")
    public ThreadView get(@PathParam("id") String id) {
        return ThreadView.of(forums.thread(caller.account(), Ids.path(id)));
    }

    @GET
    @Path("{id}/posts")
    @Operation(summary = "Posts of a thread in posting order; posts above the caller are absent")
    public PageView<PostView> posts(@PathParam("id") String id, @QueryParam("page") String page,
                                    @QueryParam("size") String size) {
        return PageView.of(forums.posts(caller.account(), Ids.path(id), PageRequest.parse(page, size)), PostView::of);
    }

    @POST
    @Path("{id}/posts")
    @Operation(summary = "Reply; the label defaults to the thread's")
    public Response reply(@PathParam("id") String id, ForumRequests.NewPost request) {
        RequestBodies.require(request);
        PostView created = PostView.of(forums.createPost(caller.account(), Ids.path(id),
                new PostDraft(request.body(), LabelView.toLabel(request.label()), Ids.body("replyTo", request.replyTo()))));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("{id}/read-marker")
    @Operation(summary = "Mark everything readable in the thread, up to now, as read")
    public Response markRead(@PathParam("id") String id) {
        forums.markRead(caller.account(), Ids.path(id));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/moderation")
    @Operation(summary = "Pin, lock or hide a thread, or undo it (moderators; reason required, audited)")
    public ThreadView moderate(@PathParam("id") String id, ForumRequests.Moderation request) {
        RequestBodies.require(request);
        var moderator = caller.requireRole(Role.MODERATOR, "forum.thread.moderated");
        ThreadModeration action = RequestBodies.choice("action", request.action(), ThreadModeration.class);
        return ThreadView.of(forums.moderateThread(moderator, Ids.path(id), action, request.reason()));
    }
}
