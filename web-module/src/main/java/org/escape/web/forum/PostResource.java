package org.escape.web.forum;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.escape.access.Role;
import org.escape.forum.ForumService;
import org.escape.forum.PostChange;
import org.escape.forum.PostModeration;
import org.escape.web.api.Ids;
import org.escape.web.api.LabelView;
import org.escape.web.api.RequestBodies;
import org.escape.web.identity.Caller;

/** {@code /api/v1/posts}: one post, its edits, deletion, history and moderation. */
@Path("posts")
@Tag(name = "Forums")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PostResource {

    @Inject
    private Caller caller;

    @Inject
    private ForumService forums;

    @GET
    @Path("{id}")
    @Operation(summary = "One post")
    public PostView get(@PathParam("id") String id) {
        return PostView.of(forums.post(caller.account(), Ids.path(id)));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Edit the body (author) or raise the label (author or moderator); never lower it")
    public PostView change(@PathParam("id") String id, ForumRequests.PostPatch request) {
        RequestBodies.require(request);
        return PostView.of(forums.changePost(caller.account(), Ids.path(id),
                new PostChange(request.body(), LabelView.toLabel(request.label()))));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete (author or moderator): a tombstone stays, the content stays in the history")
    public Response delete(@PathParam("id") String id) {
        forums.deletePost(caller.account(), Ids.path(id));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/revisions")
    @Operation(summary = "Revisions, oldest first (author, moderators and auditors who may read the post)")
    public List<RevisionView> revisions(@PathParam("id") String id) {
        return forums.revisions(caller.account(), Ids.path(id)).stream().map(RevisionView::of).toList();
    }

    @POST
    @Path("{id}/moderation")
    @Operation(summary = "Hide or unhide a post (moderators; reason required, audited)")
    public PostView moderate(@PathParam("id") String id, ForumRequests.Moderation request) {
        RequestBodies.require(request);
        var moderator = caller.requireRole(Role.MODERATOR, "forum.post.moderated");
        PostModeration action = RequestBodies.choice("action", request.action(), PostModeration.class);
        return PostView.of(forums.moderatePost(moderator, Ids.path(id), action, request.reason()));
    }
}
