package org.escape.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A live-socket client on {@link java.net.http.WebSocket} for the integration tests: it keeps every
 * frame the server sends (with the time it arrived), can send any text, and reports how the
 * connection ended (the close code, 1006 for an abnormal end without a close frame). Thread-safe.
 */
final class LiveSocket implements AutoCloseable {

    /** The close code reported when the connection ended without a close frame. */
    static final int ABNORMAL = 1006;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One frame the server sent: its text, its JSON (null when it was not a JSON object), when it arrived. */
    record Frame(String text, JsonObject json, long nanos, Instant at) {
        String type() {
            return json == null ? null : json.getString("type", null);
        }

        boolean is(String type) {
            return type.equals(type());
        }

        boolean is(String type, String incident) {
            return is(type) && incident.equals(json.getString("incident", null));
        }
    }

    /** The outcome of a handshake: a socket, or the HTTP status the server refused it with. */
    record Handshake(LiveSocket socket, int refusedStatus, Throwable failure) {
        boolean opened() {
            return socket != null;
        }
    }

    final String user;
    final String label;
    private final List<Frame> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket webSocket;
    private volatile Integer closeCode;
    private volatile String closeReason;
    private volatile Throwable error;
    private volatile long closedNanos;

    private LiveSocket(String user, String label) {
        this.user = user;
        this.label = label;
    }

    // ---------------------------------------------------------------------------------------------
    // Opening
    // ---------------------------------------------------------------------------------------------

    /** A socket for {@code user} with a fresh ticket and no Origin header; fails the test if the handshake fails. */
    static LiveSocket open(String user) {
        return open(user, user);
    }

    static LiveSocket open(String user, String label) {
        Handshake handshake = connect(user, label, IncidentApi.ticket(user), null);
        if (!handshake.opened() && handshake.refusedStatus() == 301) {
            // Seen once in CI (2026-12-02, SocketSecurityIT): a handshake with a valid ticket answered 301 by the server's
            // HTTP layer (ESCAPE has no redirect anywhere) while every other handshake of the run opened. A 301
            // grants nothing; the security tests use connect() and see every answer. Retried once, said loudly,
            // until the cause is found.
            System.out.println("[live-socket] handshake for " + user + " answered 301; retrying once with a new ticket");
            handshake = connect(user, label, IncidentApi.ticket(user), null);
        }
        if (!handshake.opened()) {
            throw new AssertionError("socket for " + user + " refused: " + handshake.refusedStatus() + " "
                    + handshake.failure());
        }
        return handshake.socket();
    }

    /** A handshake with the given ticket (null: no ticket parameter) and Origin (null: none). */
    static Handshake connect(String user, String label, String ticket, String origin) {
        String url = IncidentApi.WS_URL + (ticket == null ? "" : "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
        return connect(user, label, URI.create(url), origin == null ? Map.of() : Map.of("Origin", origin));
    }

    static Handshake connect(String user, String label, URI uri, Map<String, String> headers) {
        LiveSocket socket = new LiveSocket(user, label);
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            socket.webSocket = builder.buildAsync(uri, socket.new Listener()).get(20, TimeUnit.SECONDS);
            return new Handshake(socket, 0, null);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException refused) {
                return new Handshake(null, refused.getResponse().statusCode(), refused);
            }
            return new Handshake(null, -1, cause);
        } catch (TimeoutException e) {
            return new Handshake(null, -1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Sending
    // ---------------------------------------------------------------------------------------------

    /** Sends one text frame; answers false when the socket could not send it (closed, broken). */
    boolean sendText(String text) {
        try {
            webSocket.sendText(text, true).get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | IllegalStateException | CompletionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean sendBinary(byte[] bytes) {
        try {
            webSocket.sendBinary(ByteBuffer.wrap(bytes), true).get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | IllegalStateException | CompletionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean send(JsonObject frame) {
        return sendText(frame.toString());
    }

    boolean subscribe(String incident) {
        return send(Json.createObjectBuilder().add("type", "subscribe").add("incident", incident).build());
    }

    boolean subscribe(String incident, long after) {
        return send(Json.createObjectBuilder().add("type", "subscribe").add("incident", incident).add("after", after).build());
    }

    /** Subscribes and waits for {@code subscribed} or an {@code error} about the incident. */
    Frame subscribeAndWait(String incident) {
        int from = size();
        subscribe(incident);
        return awaitFrom(from, f -> (f.is("subscribed", incident) || f.is("error", incident)
                || (f.is("error") && f.json().isNull("incident"))), Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError(label + ": no answer to subscribe " + incident + "; frames "
                        + texts()));
    }

    boolean unsubscribe(String incident) {
        return send(Json.createObjectBuilder().add("type", "unsubscribe").add("incident", incident).build());
    }

    boolean sendMessage(String incident, String clientId, String body, OracleLabel label) {
        JsonObjectBuilder frame = Json.createObjectBuilder().add("type", "send").add("incident", incident)
                .add("clientId", clientId).add("body", body);
        if (label != null) {
            frame.add("label", label.json());
        }
        return send(frame.build());
    }

    boolean typing(String incident) {
        return send(Json.createObjectBuilder().add("type", "typing").add("incident", incident).build());
    }

    boolean ping() {
        return sendText("{\"type\":\"ping\"}");
    }

    // ---------------------------------------------------------------------------------------------
    // What came back
    // ---------------------------------------------------------------------------------------------

    int size() {
        synchronized (frames) {
            return frames.size();
        }
    }

    List<Frame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    List<Frame> frames(String type) {
        return frames().stream().filter(f -> f.is(type)).toList();
    }

    List<String> texts() {
        return frames().stream().map(f -> ForumApi.abbreviate(f.text())).toList();
    }

    /** The first frame at index ≥ {@code from} that matches, waiting up to {@code bound}. */
    Optional<Frame> awaitFrom(int from, Predicate<Frame> match, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (frames) {
            while (true) {
                for (int i = from; i < frames.size(); i++) {
                    if (match.test(frames.get(i))) {
                        return Optional.of(frames.get(i));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closeCode != null) {
                    return Optional.empty(); // a closed socket gets nothing more
                }
                try {
                    frames.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    Optional<Frame> await(Predicate<Frame> match, Duration bound) {
        return awaitFrom(0, match, bound);
    }

    /** Waits until at least {@code count} frames match; answers how many did. */
    long awaitCount(Predicate<Frame> match, long count, Duration bound) {
        return awaitCountFrom(0, match, count, bound);
    }

    /** Waits until at least {@code count} frames at index ≥ {@code from} match; answers how many did. */
    long awaitCountFrom(int from, Predicate<Frame> match, long count, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            List<Frame> all = frames();
            long n = all.subList(Math.min(from, all.size()), all.size()).stream().filter(match).count();
            if (n >= count || System.nanoTime() > deadline || closed()) {
                return n;
            }
            ForumApi.sleep(20);
        }
    }

    /** The close code once the connection has ended (waiting up to {@code bound}); empty while it is open. */
    Optional<Integer> awaitClose(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (closeCode == null && System.nanoTime() < deadline) {
            ForumApi.sleep(20);
        }
        return Optional.ofNullable(closeCode);
    }

    boolean closed() {
        return closeCode != null;
    }

    Integer closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    long closedNanos() {
        return closedNanos;
    }

    Throwable error() {
        return error;
    }

    /** Pings and waits for the pong: the socket is open and the server answers it. */
    boolean answersPing(Duration bound) {
        int from = size();
        if (!ping()) {
            return false;
        }
        return awaitFrom(from, f -> f.is("pong"), bound).isPresent();
    }

    @Override
    public void close() {
        WebSocket ws = webSocket;
        if (ws == null || closeCode != null) {
            return;
        }
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | IllegalStateException | CompletionException e) {
            // already closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitClose(Duration.ofSeconds(3));
        if (closeCode == null) {
            ws.abort();
        }
    }

    /** Ends the connection abruptly (no close frame), as a laptop going to sleep would. */
    void abort() {
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public String toString() {
        return label;
    }

    private void received(String text) {
        JsonObject json = null;
        try (var reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        } catch (RuntimeException e) {
            // kept as text: a frame that is not a JSON object is itself a finding
        }
        synchronized (frames) {
            frames.add(new Frame(text, json, System.nanoTime(), Instant.now()));
            frames.notifyAll();
        }
    }

    private void ended(int code, String reason, Throwable failure) {
        if (closeCode == null) {
            closedNanos = System.nanoTime();
            closeReason = reason;
            error = failure;
            closeCode = code;
        }
        synchronized (frames) {
            frames.notifyAll();
        }
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            received("<binary " + data.remaining() + " bytes>");
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended(statusCode, reason, null);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended(ABNORMAL, String.valueOf(error), error);
        }
    }
}
