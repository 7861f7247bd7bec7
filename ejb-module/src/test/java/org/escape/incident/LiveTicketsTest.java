package org.escape.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Socket tickets: single use, bound to their user, unguessable, garbage refused. */
class LiveTicketsTest {

    private final LiveTickets tickets = new LiveTickets();

    @Test
    void aTicketOpensOnceForItsUser() {
        UUID user = UUID.randomUUID();
        LiveTickets.Ticket ticket = tickets.issue(user);
        assertEquals(Optional.of(user), tickets.redeem(ticket.value()));
        assertTrue(tickets.redeem(ticket.value()).isEmpty(), "a ticket was accepted twice");
    }

    @Test
    void ticketsAreDistinctAndLongEnough() {
        UUID user = UUID.randomUUID();
        String first = tickets.issue(user).value();
        String second = tickets.issue(user).value();
        assertNotEquals(first, second);
        assertTrue(first.length() >= 43, "256 bits in base64url");
    }

    @Test
    void missingOrForgedTicketsAreRefused() {
        assertTrue(tickets.redeem(null).isEmpty());
        assertTrue(tickets.redeem("").isEmpty());
        assertTrue(tickets.redeem("x".repeat(43)).isEmpty());
        assertTrue(tickets.redeem("x".repeat(10_000)).isEmpty());
    }
}
