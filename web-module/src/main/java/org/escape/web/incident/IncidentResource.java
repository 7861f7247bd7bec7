package org.escape.web.incident;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.escape.incident.IncidentChange;
import org.escape.incident.IncidentDraft;
import org.escape.incident.IncidentService;
import org.escape.incident.LiveFrames;
import org.escape.incident.MemberListing;
import org.escape.incident.MessageDraft;
import org.escape.incident.PostedMessage;
import org.escape.incident.RoomRegistry;
import org.escape.incident.TimelinePage;
import org.escape.knowledge.ArticleListing;
import org.escape.knowledge.ArticleService;
import org.escape.knowledge.PromotionRequest;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.PageRequest;
import org.escape.web.api.Ids;
import org.escape.web.api.LabelView;
import org.escape.web.api.PageView;
import org.escape.web.api.RequestBodies;
import org.escape.web.identity.Caller;
import org.escape.web.knowledge.ArticleView;

/** {@code /api/v1/incidents}: incidents, their members and their timeline. */
@Path("incidents")
@Tag(name = "Incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentResource {

    @Inject
    private Caller caller;

    @Inject
    private IncidentService incidents;

    @Inject
    private RoomRegistry live;

    @Inject
    private ArticleService articles;

    @GET
    @Operation(summary = "Incidents the caller may read, most recently active first")
    public PageView<IncidentView> list(@QueryParam("status") String status, @QueryParam("severity") String severity,
                                       @QueryParam("mine") Boolean mine, @QueryParam("page") String page,
                                       @QueryParam("size") String size) {
        return PageView.of(incidents.list(caller.account(), status, severity, Boolean.TRUE.equals(mine),
                PageRequest.parse(page, size)), IncidentView::of);
    }

    @POST
    @Operation(summary = "Open an incident; the caller becomes its commander")
    public Response create(IncidentRequests.NewIncident request) {
        RequestBodies.require(request);
        IncidentView created = IncidentView.of(incidents.create(caller.account(), new IncidentDraft(request.title(),
                request.summary(), request.severity(), LabelView.toLabel(request.label()), request.access())));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One incident")
    public IncidentView get(@PathParam("id") String id) {
        return IncidentView.of(incidents.get(caller.account(), Ids.path(id)));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change status (409 on an illegal move), title, summary, severity, or raise the label")
    public IncidentView change(@PathParam("id") String id, IncidentRequests.IncidentPatch request) {
        RequestBodies.require(request);
        return IncidentView.of(incidents.change(caller.account(), Ids.path(id), new IncidentChange(request.status(),
                request.title(), request.summary(), request.severity(), LabelView.toLabel(request.label()))));
    }

    @GET
    @Path("{id}/members")
    @Operation(summary = "Members the caller can see (suspended members are not listed)")
    public Map<String, Object> members(@PathParam("id") String id) {
        UUID incident = Ids.path(id);
        List<MemberListing> listed = incidents.members(caller.account(), incident);
        Set<UUID> online = live.online(incident);
        List<MemberView> members = listed.stream().map(m -> MemberView.of(m, online.contains(m.user().id()))).toList();
        return Map.of("items", members, "total", members.size());
    }

    @POST
    @Path("{id}/members")
    @Operation(summary = "Add a member, or change a member's role (commanders and moderators)")
    public Response addMember(@PathParam("id") String id, IncidentRequests.NewMember request) {
        RequestBodies.require(request);
        Map.Entry<MemberListing, Boolean> added = incidents.addMember(caller.account(), Ids.path(id), request.username(),
                request.role());
        return Response.status(added.getValue() ? Response.Status.CREATED : Response.Status.OK)
                .entity(MemberView.of(added.getKey(), live.online(Ids.path(id)).contains(added.getKey().user().id()))).build();
    }

    @DELETE
    @Path("{id}/members/{userId}")
    @Operation(summary = "Remove a member (commanders and moderators), or leave")
    public Response removeMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        incidents.removeMember(caller.account(), Ids.path(id), Ids.path(userId));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/join")
    @Operation(summary = "Join a CLEARED incident as a responder")
    public Response join(@PathParam("id") String id) {
        return Response.status(Response.Status.CREATED)
                .entity(MemberView.of(incidents.join(caller.account(), Ids.path(id)), false)).build();
    }

    @POST
    @Path("{id}/promote")
    @Operation(summary = "Promote a RESOLVED or CLOSED incident to a knowledge-base draft quoting selected messages")
    public Response promote(@PathParam("id") String id, IncidentRequests.Promotion request) {
        RequestBodies.require(request);
        ArticleListing draft = articles.promote(caller.account(), Ids.path(id), new PromotionRequest(request.title(),
                request.summary(), request.messages(), LabelView.toLabel(request.label())));
        return Response.status(Response.Status.CREATED).entity(ArticleView.of(draft)).build();
    }

    @GET
    @Path("{id}/messages")
    @Operation(summary = "Timeline entries the caller may read: after a seq, before a seq, or the newest")
    public Response messages(@PathParam("id") String id, @QueryParam("after") String after,
                             @QueryParam("before") String before, @QueryParam("limit") String limit) {
        TimelinePage page = incidents.timeline(caller.account(), Ids.path(id), number("after", after),
                number("before", before), limit == null ? null : Math.toIntExact(Math.min(Integer.MAX_VALUE,
                        number("limit", limit))));
        JsonArrayBuilder items = Json.createArrayBuilder();
        page.items().forEach(entry -> items.add(LiveFrames.entry(entry)));
        return json(Response.Status.OK, Json.createObjectBuilder().add("items", items)
                .add("latestSeq", page.latestSeq()).add("hasMore", page.hasMore()).build().toString());
    }

    @POST
    @Path("{id}/messages")
    @Operation(summary = "Post a chat message; the same clientId from the same author returns the original")
    public Response post(@PathParam("id") String id, IncidentRequests.NewMessage request) {
        RequestBodies.require(request);
        PostedMessage posted = incidents.post(caller.account(), Ids.path(id), new MessageDraft(request.body(),
                request.clientId(), LabelView.toLabel(request.label())));
        return json(posted.created() ? Response.Status.CREATED : Response.Status.OK,
                LiveFrames.entry(posted.message()).toString());
    }

    private static Response json(Response.Status status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(body).build();
    }

    private static Long number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field + " must be a whole number.",
                    List.of(new InvalidRequestException.FieldError(field, "must be a whole number")));
        }
    }
}
