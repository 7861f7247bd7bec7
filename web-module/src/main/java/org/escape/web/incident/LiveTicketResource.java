package org.escape.web.incident;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.escape.incident.LiveTickets;
import org.escape.web.identity.Caller;

/** {@code POST /api/v1/ws-tickets}: a single-use, 30-second ticket to open the live socket. */
@Path("ws-tickets")
@Tag(name = "Live")
@Produces(MediaType.APPLICATION_JSON)
public class LiveTicketResource {

    /** The answer: the ticket and when it expires. */
    public record TicketView(String ticket, Instant expiresAt) {
    }

    @Inject
    private Caller caller;

    @Inject
    private LiveTickets tickets;

    @POST
    @Operation(summary = "A ticket for ws://…/ws?ticket=…, single use, valid 30 s")
    public Response issue() {
        LiveTickets.Ticket ticket = tickets.issue(caller.account().id());
        return Response.status(Response.Status.CREATED).entity(new TicketView(ticket.value(), ticket.expiresAt()))
                .header("Cache-Control", "no-store").build();
    }
}
