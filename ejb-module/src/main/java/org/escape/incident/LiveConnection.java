package org.escape.incident;

import java.util.UUID;

/**
 * One open socket as the registry sees it; the web module implements it on a WebSocket session.
 * Implementations must be thread-safe, must never block in {@link #send} (queue and send
 * asynchronously, bounded: a connection that cannot keep up closes itself with 1013), and must
 * tolerate calls after close.
 */
public interface LiveConnection {

    /** Close codes of the live channel (RFC 6455). */
    int NORMAL_CLOSURE = 1000;
    int GOING_AWAY = 1001;
    int POLICY_VIOLATION = 1008;
    int TOO_BIG = 1009;
    int TRY_AGAIN_LATER = 1013;

    /** A stable id, unique among open connections. */
    String id();

    /** The user the ticket named. */
    UUID userId();

    /** Queues a text frame for sending. */
    void send(String frame);

    /** Closes the socket with a code and a short reason. */
    void close(int code, String reason);

    /**
     * When the client was last heard from ({@link System#nanoTime()}): the registry closes sockets
     * silent for longer than the idle timeout. The default never goes idle.
     */
    default long lastHeardNanos() {
        return Long.MAX_VALUE;
    }
}
