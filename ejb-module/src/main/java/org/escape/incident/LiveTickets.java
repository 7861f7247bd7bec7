package org.escape.incident;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use, short-lived tickets that open a socket: browsers cannot put a bearer token on a
 * WebSocket handshake, and a token in a URL would end up in logs for its whole lifetime. A ticket
 * is 256 random bits, valid {@value #VALID_SECONDS} s, bound to one user, and gone once redeemed.
 *
 * <p>In memory: a restart invalidates outstanding tickets, which costs a client one more request.
 * Thread-safe: redemption is an atomic remove.
 */
@ApplicationScoped
public class LiveTickets {

    static final long VALID_SECONDS = 30;
    private static final int MAX_OUTSTANDING = 100_000;

    /** A ticket handed to a client. */
    public record Ticket(String value, Instant expiresAt) {
    }

    private record Issued(UUID userId, Instant expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public Ticket issue(UUID userId) {
        Instant now = clock.instant();
        if (issued.size() > MAX_OUTSTANDING / 2) {
            issued.values().removeIf(t -> t.expiresAt().isBefore(now));
        }
        if (issued.size() >= MAX_OUTSTANDING) {
            throw new org.escape.platform.UnavailableException("Too many socket tickets outstanding; try again shortly.", null);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(Duration.ofSeconds(VALID_SECONDS));
        issued.put(value, new Issued(userId, expiresAt));
        return new Ticket(value, expiresAt);
    }

    /** The user of a valid ticket, which is used up; empty for a missing, used or expired one. */
    public Optional<UUID> redeem(String value) {
        if (value == null || value.isEmpty() || value.length() > 100) {
            return Optional.empty();
        }
        Issued ticket = issued.remove(value);
        if (ticket == null || ticket.expiresAt().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(ticket.userId());
    }
}
