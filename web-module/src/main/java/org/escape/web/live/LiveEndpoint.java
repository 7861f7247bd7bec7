package org.escape.web.live;

import jakarta.ejb.EJBException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.escape.access.InvalidLabelException;
import org.escape.access.Label;
import org.escape.identity.UserAccount;
import org.escape.identity.UserDirectory;
import org.escape.incident.IncidentService;
import org.escape.incident.LiveConnection;
import org.escape.incident.LiveFrames;
import org.escape.incident.LiveTickets;
import org.escape.incident.MessageDraft;
import org.escape.incident.PostedMessage;
import org.escape.incident.RoomRegistry;
import org.escape.platform.ConflictException;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.ItemNotFoundException;
import org.escape.platform.NotPermittedException;
import org.escape.platform.PayloadTooLargeException;
import org.escape.platform.RateLimitedException;

/**
 * {@code /ws}: the live channel. Opens only with a valid ticket (else 1008), then turns each JSON
 * text frame into one call — subscribe, unsubscribe, send, typing, ping — and answers errors with
 * {@code error} frames, never with a stack trace. Frames over 64 KiB close the socket with 1009
 * (the container enforces {@code maxMessageSize}).
 *
 * <p>One instance per socket; the container calls it one frame at a time.
 */
@ServerEndpoint(value = "/ws", configurator = OriginCheck.class)
public class LiveEndpoint {

    private static final Logger LOG = Logger.getLogger(LiveEndpoint.class.getName());
    static final int MAX_FRAME = 65536;

    private SocketConnection connection;
    private FrameRate rate;
    // looked up once per socket, not per frame (a CDI lookup per frame was ~5 % of a chat send)
    private RoomRegistry registry;
    private IncidentService incidents;
    private UserDirectory users;

    @OnOpen
    public void open(Session session) {
        // No container idle timeout: it re-arms a timer on every frame; RoomRegistry closes silent sockets.
        session.setMaxIdleTimeout(0);
        List<String> tickets = session.getRequestParameterMap().get("ticket");
        Optional<UUID> user = bean(LiveTickets.class).redeem(tickets == null || tickets.size() != 1 ? null : tickets.get(0));
        if (user.isEmpty()) {
            LOG.fine(() -> "[live] socket " + session.getId() + ": missing, used or expired ticket");
            closeNow(session, LiveConnection.POLICY_VIOLATION, "invalid ticket");
            return;
        }
        var config = ConfigProvider.getConfig();
        int buffer = config.getOptionalValue("escape.ws.outbound-buffer", Integer.class).orElse(512);
        int perSecond = config.getOptionalValue("escape.ws.frames-per-second", Integer.class).orElse(20);
        rate = new FrameRate(perSecond, perSecond * 3, 200);
        registry = bean(RoomRegistry.class);
        incidents = bean(IncidentService.class);
        users = bean(UserDirectory.class);
        SocketConnection opened = new SocketConnection(session, user.get(), buffer);
        if (registry.connect(opened)) {
            connection = opened;
        }
    }

    @OnMessage(maxMessageSize = MAX_FRAME)
    public void frame(String text) {
        SocketConnection socket = connection;
        if (socket == null || socket.isClosed()) {
            return;
        }
        socket.heard();
        if (!rate.take()) {
            if (rate.exhausted()) {
                socket.close(LiveConnection.TRY_AGAIN_LATER, "too many frames");
            } else if (rate.shouldTell()) {
                socket.send(LiveFrames.error("rate_limited", "Too many frames: slow down.", null, null));
            }
            return;
        }
        JsonObject frame;
        try {
            frame = parse(text);
        } catch (RuntimeException e) {
            // JsonException for bad JSON; Parsson reports nesting deeper than its limit (1,000) with a plain
            // RuntimeException, which must not escape unanswered either.
            socket.send(LiveFrames.error("bad_request", "A frame must be one JSON object; see docs/api-incidents.md.",
                    null, null));
            return;
        }
        try {
            dispatch(socket, frame);
        } catch (BadFrame bad) {
            socket.send(LiveFrames.error("bad_request", bad.getMessage(), bad.ref, null));
        }
    }

    /**
     * Exactly one JSON object and nothing after it: a reader stops after the first value, so
     * {@code {"type":"ping"}}} or two objects in one frame would otherwise pass as the first one.
     */
    private static JsonObject parse(String text) {
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonException("not an object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new JsonException("content after the object");
            }
            return object;
        }
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        SocketConnection socket = connection;
        if (socket != null) {
            socket.closedByPeer();
            registry.disconnect(socket);
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "[live] socket " + session.getId() + " failed", error);
    }

    private void dispatch(SocketConnection socket, JsonObject frame) {
        String type = text(frame, "type", null);
        if (type == null) {
            throw new BadFrame("A frame needs a \"type\".", null);
        }
        switch (type) {
            case "ping" -> socket.send(LiveFrames.pong());
            case "subscribe" -> {
                Long after = frame.containsKey("after") && !frame.isNull("after") ? number(frame, "after") : null;
                Optional<UUID> incident = incident(frame);
                if (incident.isEmpty()) {
                    socket.send(LiveFrames.error("not_found", "No such incident.", null, null));
                    return;
                }
                registry.subscribe(socket, incident.get(), after);
            }
            case "unsubscribe" -> incident(frame).ifPresentOrElse(id -> registry.unsubscribe(socket, id),
                    () -> socket.send(LiveFrames.error("not_found", "No such incident.", null, null)));
            case "typing" -> incident(frame).ifPresent(id -> registry.typing(socket, id));
            case "send" -> send(socket, frame);
            default -> throw new BadFrame("Unknown frame type; expected subscribe, unsubscribe, send, typing or ping.", null);
        }
    }

    private void send(SocketConnection socket, JsonObject frame) {
        String clientId = text(frame, "clientId", null);
        Optional<UUID> incident = incident(frame);
        if (incident.isEmpty()) {
            socket.send(LiveFrames.error("not_found", "No such incident.", clientId, null));
            return;
        }
        try {
            Label label = null;
            if (frame.containsKey("label") && !frame.isNull("label")) {
                if (frame.get("label").getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new BadFrame("\"label\" must be an object {classification, releasableTo}.", clientId);
                }
                label = label(frame.getJsonObject("label"), clientId);
            }
            UserAccount account = users.findById(socket.userId()).filter(UserAccount::enabled)
                    .orElseThrow(() -> new NotPermittedException("Your account is disabled."));
            PostedMessage posted = incidents.post(account, incident.get(),
                    new MessageDraft(text(frame, "body", clientId), clientId, label));
            socket.send(LiveFrames.ack(posted.message()));
        } catch (BadFrame bad) {
            throw bad;
        } catch (RuntimeException failure) {
            socket.send(errorFrame(unwrap(failure), clientId, incident.get()));
        }
    }

    private static String errorFrame(Throwable failure, String ref, UUID incident) {
        return switch (failure) {
            case ItemNotFoundException e -> LiveFrames.error("not_found", "No such incident.", ref, incident);
            case PayloadTooLargeException e -> LiveFrames.error("invalid", e.getMessage(), ref, incident);
            case InvalidRequestException e -> LiveFrames.error("invalid", e.getMessage(), ref, incident);
            case InvalidLabelException e -> LiveFrames.error("invalid", e.getMessage(), ref, incident);
            case NotPermittedException e -> LiveFrames.error("forbidden", e.getMessage(), ref, incident);
            case ConflictException e -> LiveFrames.error("conflict", e.getMessage(), ref, incident);
            case RateLimitedException e -> LiveFrames.error("rate_limited", e.getMessage(), ref, incident);
            default -> {
                LOG.log(Level.WARNING, "[live] a send failed", failure);
                yield LiveFrames.error("unavailable", "The message could not be stored; retry with the same clientId.",
                        ref, incident);
            }
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof EJBException || current.getClass().getName().startsWith("jakarta.ejb"))
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static Label label(JsonObject json, String ref) {
        JsonValue classification = json.get("classification");
        JsonValue releasable = json.get("releasableTo");
        if (!(classification instanceof JsonString c) || releasable == null
                || releasable.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new BadFrame("\"label\" needs \"classification\" (a string) and \"releasableTo\" (a list).", ref);
        }
        List<String> countries = releasable.asJsonArray().stream()
                .map(v -> v instanceof JsonString s ? s.getString() : "")
                .toList();
        return Label.parse(c.getString(), countries);
    }

    private static Optional<UUID> incident(JsonObject frame) {
        String id = text(frame, "incident", null);
        if (id == null) {
            throw new BadFrame("The frame needs \"incident\".", text(frame, "clientId", null));
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonObject frame, String field, String ref) {
        JsonValue value = frame.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new BadFrame("\"" + field + "\" must be a string.", ref);
        }
        return string.getString();
    }

    private static long number(JsonObject frame, String field) {
        JsonValue value = frame.get(field);
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 0) {
            throw new BadFrame("\"" + field + "\" must be a whole number ≥ 0.", null);
        }
        return number.longValue();
    }

    private static <T> T bean(Class<T> type) {
        return CDI.current().select(type).get();
    }

    private static void closeNow(Session session, int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (java.io.IOException e) {
            LOG.log(Level.FINE, "[live] closing socket " + session.getId(), e);
        }
    }

    /** A frame that does not follow the protocol; answered with {@code bad_request}. */
    private static final class BadFrame extends RuntimeException {
        private final String ref;

        BadFrame(String message, String ref) {
            super(message, null, false, false);
            this.ref = ref;
        }
    }
}
