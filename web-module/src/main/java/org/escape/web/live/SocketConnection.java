package org.escape.web.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.escape.incident.LiveConnection;

/**
 * A WebSocket session as the registry sees it. Frames go into a bounded queue that one virtual
 * thread writes to the socket, so no caller ever blocks on a slow network; when the queue is full
 * the reader is too slow and the socket is closed with 1013 (the client reconnects and resumes with
 * {@code after}), so one slow consumer never slows the others.
 *
 * <p>Thread-safe.
 */
final class SocketConnection implements LiveConnection {

    private static final Logger LOG = Logger.getLogger(SocketConnection.class.getName());
    private static final String STOP = new String("stop");

    private final Session session;
    private final UUID userId;
    private final BlockingQueue<String> outbound;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastHeard = System.nanoTime();

    SocketConnection(Session session, UUID userId, int capacity) {
        this.session = session;
        this.userId = userId;
        this.outbound = new LinkedBlockingQueue<>(capacity);
        Thread.ofVirtual().name("ws-out-" + session.getId()).start(this::write);
    }

    @Override
    public String id() {
        return session.getId();
    }

    @Override
    public UUID userId() {
        return userId;
    }

    @Override
    public long lastHeardNanos() {
        return lastHeard;
    }

    /** The client sent a frame. */
    void heard() {
        lastHeard = System.nanoTime();
    }

    @Override
    public void send(String frame) {
        if (closed.get()) {
            return;
        }
        if (!outbound.offer(frame)) {
            LOG.info(() -> "[live] socket " + id() + " of user " + userId + " reads too slowly: closing it (1013)");
            close(TRY_AGAIN_LATER, "too slow: reconnect and resume");
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        outbound.clear();
        outbound.offer(STOP);
        Thread.ofVirtual().name("ws-close-" + session.getId()).start(() -> {
            try {
                if (session.isOpen()) {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "[live] closing socket " + id(), e);
            }
        });
    }

    /** Marks the socket closed from the client's side (no close frame to send). */
    void closedByPeer() {
        if (closed.compareAndSet(false, true)) {
            outbound.clear();
            outbound.offer(STOP);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    private void write() {
        try {
            while (true) {
                String frame = outbound.take();
                if (frame == STOP || closed.get()) {
                    return;
                }
                session.getBasicRemote().sendText(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "[live] writing to socket " + id() + " failed; closing it", e);
            closedByPeer();
        }
    }
}
