package org.escape.bench;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lower-bound arm of benchmark B1 (bench/ChatFanout.java): an unauthenticated, unfiltered,
 * non-persisting broadcast. Every text frame a client sends to {@code /bench-broadcast/ws/ROOM} is
 * sent as it is, asynchronously, to every open session of the same room, the sender included.
 *
 * <p>It is <b>never part of ESCAPE</b>: {@code ./escape bench chat-fanout} compiles it against the
 * jakarta.websocket-api jar, wraps it in its own WAR, deploys it to the bench's own Payara domain only
 * (under bench/target), and undeploys it when the run ends. Nothing in the EAR or in a normal
 * {@code ./escape run} knows it.
 */
@ServerEndpoint("/ws/{room}")
public class Broadcast {

    private static final Map<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        session.setMaxIdleTimeout(0);
        session.setMaxTextMessageBufferSize(64 * 1024);
        ROOMS.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
    }

    @OnMessage
    public void message(String text, @PathParam("room") String room) {
        Set<Session> sessions = ROOMS.get(room);
        if (sessions == null) {
            return;
        }
        for (Session s : sessions) {
            if (s.isOpen()) {
                s.getAsyncRemote().sendText(text);
            }
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason, @PathParam("room") String room) {
        leave(session, room);
    }

    @OnError
    public void error(Session session, Throwable failure, @PathParam("room") String room) {
        leave(session, room);
    }

    private static void leave(Session session, String room) {
        Set<Session> sessions = ROOMS.get(room);
        if (sessions != null) {
            sessions.remove(session);
        }
    }
}
