package org.escape.web.notification;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.escape.notification.Notifications;
import org.escape.platform.PageRequest;
import org.escape.web.api.Ids;
import org.escape.web.identity.Caller;

/** {@code /api/v1/notifications}: the caller's mentions and replies, only about what they may read now. */
@Path("notifications")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    @Inject
    private Caller caller;

    @Inject
    private Notifications notifications;

    @GET
    @Operation(summary = "The caller's notifications, newest first, with the unread count")
    public NotificationPageView list(@QueryParam("unread") Boolean unread, @QueryParam("page") String page,
                                     @QueryParam("size") String size) {
        var account = caller.account();
        var result = notifications.list(account, Boolean.TRUE.equals(unread), PageRequest.parse(page, size));
        return new NotificationPageView(result.items().stream().map(NotificationView::of).toList(), result.total(),
                result.request().page(), result.request().size(), notifications.unreadCount(account));
    }

    @GET
    @Path("unread-count")
    @Operation(summary = "How many unread notifications the caller has")
    public UnreadCountView unreadCount() {
        return new UnreadCountView(notifications.unreadCount(caller.account()));
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Mark one notification read")
    public Response markRead(@PathParam("id") String id) {
        notifications.markRead(caller.account(), Ids.path(id));
        return Response.noContent().build();
    }

    @POST
    @Path("read-all")
    @Operation(summary = "Mark all notifications read")
    public Response markAllRead() {
        notifications.markAllRead(caller.account());
        return Response.noContent().build();
    }
}
