package org.escape.incident;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.escape.access.Reader;
import org.escape.identity.Person;
import org.escape.identity.UserAccessChanged;
import org.escape.identity.UserAccount;
import org.escape.identity.UserDirectory;
import org.escape.notification.NotificationCreated;
import org.escape.notification.Notifications;

/**
 * The one registry of live sockets: who is connected, which rooms they follow, and the delivery of
 * each room's timeline to them — every readable entry exactly once, in seq order.
 *
 * <p><b>Ordering.</b> Each room is a small actor: operations (a committed entry, a subscribe, an
 * unsubscribe, a re-check) queue up and one task at a time drains them on the managed executor,
 * so a room's state and watermark are touched by one thread at a time without locks. Committed
 * entries may arrive out of order (their after-commit observers race); the room delivers only the
 * next seq after its watermark and fills a hole from the database — a committed seq implies all
 * lower seqs are committed (see {@link IncidentService}), so the hole is there to read.
 *
 * <p><b>Filtering.</b> Every frame that carries content is decided per subscriber by
 * {@link RoomState#mayRead} with the subscriber's <em>current</em> reader, which is replaced the
 * moment identity sync commits an access change, before the user's subscriptions are re-checked.
 *
 * <p><b>Sockets.</b> Sends are queued by the {@link LiveConnection} and never block this code; no
 * lock is held across I/O. Thread-safe.
 */
@ApplicationScoped
public class RoomRegistry {

    private static final Logger LOG = Logger.getLogger(RoomRegistry.class.getName());

    /** Config key: how many sockets one user may hold open at once. */
    public static final String MAX_SESSIONS_KEY = "escape.ws.max-sessions-per-user";
    static final int DEFAULT_MAX_SESSIONS = 8;
    /** How many missed entries a subscribe replays; more → {@code more: true} and the client pages over REST. */
    static final int MAX_REPLAY = 1000;
    /** How often rooms check the database for entries whose commit event never arrived, and idle sockets are closed. */
    static final long SWEEP_SECONDS = 5;
    /**
     * Sockets silent this long are closed (clients ping every 30 s). Kept here rather than as the
     * container's idle timeout, which re-arms a timer on every frame sent or received (measured at
     * ~18 % of the server's CPU under chat load).
     */
    static final long IDLE_SECONDS = 120;

    @Inject
    private IncidentService incidentService;

    @Inject
    private UserDirectory users;

    @Inject
    private Notifications notifications;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sweeping;

    /** Four threads of its own (dev/payara/domain.asadmin): the default executor runs one task at a time. */
    @Resource(lookup = "concurrent/escapeLive")
    private ManagedExecutorService managedExecutor;

    private RoomSource incidents;
    private Executor executor;

    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();
    private final Map<UUID, Member> members = new ConcurrentHashMap<>();
    private volatile int maxSessionsPerUser = -1;

    /** For CDI. */
    public RoomRegistry() {
    }

    /** For tests: an in-memory source, an executor, a session cap. */
    RoomRegistry(RoomSource source, Executor executor, int maxSessionsPerUser) {
        this.incidents = source;
        this.executor = executor;
        this.maxSessionsPerUser = maxSessionsPerUser;
    }

    @PostConstruct
    void useTheDatabase() {
        executor = managedExecutor;
        sweeping = scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        incidents = new RoomSource() {
            @Override
            public Optional<Admission> admit(UUID userId) {
                return users.findById(userId).filter(UserAccount::enabled)
                        .map(account -> new Admission(account.person(), account.reader()));
            }

            @Override
            public Optional<RoomState> roomState(UUID incidentId) {
                return incidentService.roomState(incidentId);
            }

            @Override
            public List<TimelineEntry> entriesBetween(UUID incidentId, long after, long below) {
                return incidentService.entriesBetween(incidentId, after, below);
            }

            @Override
            public TimelinePage missedEntries(Reader reader, UUID incidentId, long after, long upTo, int limit) {
                return incidentService.missedEntries(reader, incidentId, after, upTo, limit);
            }

            @Override
            public void recordSubscription(UUID userId, String username, UUID incidentId, org.escape.access.Label label) {
                incidentService.recordSubscription(userId, username, incidentId, label);
            }

            @Override
            public Optional<String> notificationFrame(UUID recipientId, String kind) {
                return users.findById(recipientId)
                        .map(account -> LiveFrames.notification(kind, notifications.unreadCount(account)));
            }
        };
    }

    /** A connected user: their current reader and open sockets. */
    private static final class Member {
        final Person person;
        volatile Reader reader;
        final Map<String, LiveConnection> connections = new ConcurrentHashMap<>();
        final Set<UUID> rooms = ConcurrentHashMap.newKeySet();

        Member(Person person, Reader reader) {
            this.person = person;
            this.reader = reader;
        }
    }

    // ------------------------------------------------------------------ connections

    /**
     * Admits a socket of an enabled user within the per-user cap; otherwise closes it (1008 for a
     * disabled or unknown user, 1013 over the cap) and answers false.
     */
    public boolean connect(LiveConnection connection) {
        Optional<RoomSource.Admission> admission = incidents.admit(connection.userId());
        if (admission.isEmpty()) {
            connection.close(LiveConnection.POLICY_VIOLATION, "not allowed");
            return false;
        }
        Member member = members.compute(connection.userId(), (id, existing) -> {
            Member m = existing == null ? new Member(admission.get().person(), admission.get().reader()) : existing;
            m.reader = admission.get().reader();
            return m;
        });
        synchronized (member) {
            if (member.connections.size() >= maxSessions()) {
                LOG.info(() -> "[live] " + member.person.username() + " has " + member.connections.size()
                        + " sockets open: refusing another");
                connection.close(LiveConnection.TRY_AGAIN_LATER, "too many sockets for this user");
                return false;
            }
            member.connections.put(connection.id(), connection);
        }
        return true;
    }

    /** Forgets a closed socket and leaves its rooms. */
    public void disconnect(LiveConnection connection) {
        Member member = members.get(connection.userId());
        if (member == null || member.connections.remove(connection.id()) == null) {
            return;
        }
        for (UUID roomId : member.rooms) {
            Room room = rooms.get(roomId);
            if (room != null) {
                room.submit(new Leave(connection, false));
            }
        }
    }

    /** Subscribes a socket to a room, replaying what it missed after {@code after} (null = nothing). */
    public void subscribe(LiveConnection connection, UUID incidentId, Long after) {
        room(incidentId).submit(new Join(connection, after));
    }

    public void unsubscribe(LiveConnection connection, UUID incidentId) {
        Room room = rooms.get(incidentId);
        if (room == null) {
            connection.send(LiveFrames.unsubscribed(incidentId));
            return;
        }
        room.submit(new Leave(connection, true));
    }

    /** Tells the others in a room that this user is typing (only if the socket follows the room). */
    public void typing(LiveConnection connection, UUID incidentId) {
        Room room = rooms.get(incidentId);
        if (room != null) {
            room.submit(new Typing(connection));
        }
    }

    /** The users with a socket following this room now (for member lists; callers show only readable rooms). */
    public Set<UUID> online(UUID incidentId) {
        Set<UUID> online = new java.util.HashSet<>();
        members.forEach((userId, member) -> {
            if (member.rooms.contains(incidentId) && !member.connections.isEmpty()) {
                online.add(userId);
            }
        });
        return online;
    }

    /** The number of open sockets, for health and benchmarks. */
    public int connectionCount() {
        return members.values().stream().mapToInt(m -> m.connections.size()).sum();
    }

    // ------------------------------------------------------------------ events

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TimelineCommitted committed) {
        Room room = rooms.get(committed.entry().incidentId());
        if (room != null) {
            room.submit(new Committed(committed));
        }
    }

    /**
     * An access change: the user's reader is replaced first — from then on every delivery decision
     * uses it — then each followed room re-checks the user's subscriptions; a disabled account's
     * sockets are closed.
     */
    void onAccessChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserAccessChanged change) {
        Member member = members.get(change.userId());
        if (member == null) {
            return;
        }
        if (!change.after().enabled()) {
            member.reader = new Reader(change.userId(), null, org.escape.access.Level.UNCLASSIFIED, Set.of());
            LOG.info(() -> "[live] " + change.username() + " was disabled: closing " + member.connections.size() + " socket(s)");
            List.copyOf(member.connections.values())
                    .forEach(c -> c.close(LiveConnection.POLICY_VIOLATION, "access revoked"));
            return;
        }
        member.reader = new Reader(change.userId(), change.after().country(), change.after().clearance(),
                change.after().roles());
        LOG.info(() -> "[live] access of " + change.username() + " changed: re-checking " + member.rooms.size() + " room(s)");
        for (UUID roomId : member.rooms) {
            Room room = rooms.get(roomId);
            if (room != null) {
                room.submit(new Recheck(change.userId()));
            }
        }
    }

    void onNotification(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationCreated created) {
        Member member = members.get(created.recipientId());
        if (member == null || member.connections.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            try {
                incidents.notificationFrame(created.recipientId(), created.kind())
                        .ifPresent(frame -> member.connections.values().forEach(c -> c.send(frame)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "[live] could not push a notification", e);
            }
        });
    }

    /**
     * Insurance against a lost after-commit event: every room with subscribers compares its
     * watermark with the database and delivers anything committed but not yet pushed.
     */
    void sweep() {
        try {
            rooms.values().forEach(room -> room.submit(new Sweep()));
            closeIdle(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[live] sweep failed", e);
        }
    }

    /** Closes the sockets not heard from for {@value #IDLE_SECONDS} s. */
    void closeIdle(long now) {
        long limit = TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
        for (Member member : members.values()) {
            for (LiveConnection connection : member.connections.values()) {
                long heard = connection.lastHeardNanos();
                if (heard != Long.MAX_VALUE && now - heard > limit) {
                    LOG.fine(() -> "[live] closing socket " + connection.id() + ": silent for over " + IDLE_SECONDS + " s");
                    connection.close(LiveConnection.NORMAL_CLOSURE, "idle timeout");
                }
            }
        }
    }

    @PreDestroy
    void shutdown() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        members.values().forEach(m -> List.copyOf(m.connections.values())
                .forEach(c -> c.close(LiveConnection.GOING_AWAY, "server shutting down")));
    }

    private Room room(UUID incidentId) {
        return rooms.computeIfAbsent(incidentId, Room::new);
    }

    private int maxSessions() {
        if (maxSessionsPerUser < 0) {
            maxSessionsPerUser = Math.max(1, ConfigProvider.getConfig()
                    .getOptionalValue(MAX_SESSIONS_KEY, Integer.class).orElse(DEFAULT_MAX_SESSIONS));
        }
        return maxSessionsPerUser;
    }

    private Reader readerOf(UUID userId) {
        Member member = members.get(userId);
        return member == null ? null : member.reader;
    }

    // ------------------------------------------------------------------ rooms

    private sealed interface Operation permits Committed, Join, Leave, Recheck, Typing, Sweep {
    }

    private record Sweep() implements Operation {
    }

    private record Committed(TimelineCommitted event) implements Operation {
    }

    private record Join(LiveConnection connection, Long after) implements Operation {
    }

    private record Leave(LiveConnection connection, boolean answer) implements Operation {
    }

    private record Recheck(UUID userId) implements Operation {
    }

    private record Typing(LiveConnection connection) implements Operation {
    }

    /** A socket following a room, and the highest seq it holds (delivered, replayed or claimed with {@code after}). */
    private static final class Subscriber {
        final LiveConnection connection;
        long seen;

        Subscriber(LiveConnection connection, long seen) {
            this.connection = connection;
            this.seen = seen;
        }
    }

    /** One room's delivery state; all fields but the queue are touched only by the draining task. */
    private final class Room {
        private final UUID id;
        private final Queue<Operation> operations = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final Map<String, Subscriber> subscribers = new LinkedHashMap<>();
        private final TreeMap<Long, TimelineCommitted> pending = new TreeMap<>();
        private RoomState state;
        private long delivered = -1;

        Room(UUID id) {
            this.id = id;
        }

        void submit(Operation operation) {
            operations.add(operation);
            schedule();
        }

        private void schedule() {
            if (draining.compareAndSet(false, true)) {
                try {
                    executor.execute(this::drain);
                } catch (RuntimeException e) {
                    draining.set(false);
                    LOG.log(Level.SEVERE, "[live] could not schedule delivery for incident " + id, e);
                }
            }
        }

        private void drain() {
            try {
                Operation operation;
                while ((operation = operations.poll()) != null) {
                    try {
                        apply(operation);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "[live] incident " + id + ": " + operation.getClass().getSimpleName()
                                + " failed", e);
                    }
                }
            } finally {
                draining.set(false);
            }
            if (!operations.isEmpty()) {
                schedule();
            }
        }

        private void apply(Operation operation) {
            if (state == null && !load()) {
                if (operation instanceof Join join) {
                    join.connection().send(LiveFrames.error("not_found", "No such incident.", null, id));
                }
                return;
            }
            switch (operation) {
                case Committed c -> committed(c.event());
                case Join j -> join(j.connection(), j.after());
                case Leave l -> leave(l.connection(), l.answer());
                case Recheck r -> recheck(r.userId());
                case Typing t -> typing(t.connection());
                case Sweep s -> sweepRoom();
            }
        }

        private boolean load() {
            Optional<RoomState> loaded = incidents.roomState(id);
            if (loaded.isEmpty()) {
                return false;
            }
            state = loaded.get();
            if (delivered < 0) {
                delivered = state.lastSeq();
            }
            return true;
        }

        private void committed(TimelineCommitted event) {
            long seq = event.entry().seq();
            if (seq <= delivered) {
                return;
            }
            pending.put(seq, event);
            while (!pending.isEmpty()) {
                long next = pending.firstKey();
                if (next == delivered + 1) {
                    deliver(pending.pollFirstEntry().getValue());
                } else {
                    List<TimelineEntry> hole = incidents.entriesBetween(id, delivered, next);
                    LOG.fine(() -> "[live] incident " + id + ": filled seq " + (delivered + 1) + "–" + (next - 1)
                            + " from the database (" + hole.size() + " entries)");
                    for (TimelineEntry entry : hole) {
                        deliver(new TimelineCommitted(entry, entry.kind() != TimelineKind.MESSAGE));
                    }
                    delivered = Math.max(delivered, next - 1);
                }
            }
        }

        private void sweepRoom() {
            if (subscribers.isEmpty()) {
                return;
            }
            long latest = incidents.roomState(id).map(RoomState::lastSeq).orElse(delivered);
            if (latest > delivered) {
                LOG.info(() -> "[live] incident " + id + ": seq " + (delivered + 1) + "–" + latest
                        + " committed without an event; delivering from the database");
                for (TimelineEntry entry : incidents.entriesBetween(id, delivered, latest + 1)) {
                    if (entry.seq() > delivered) {
                        deliver(new TimelineCommitted(entry, entry.kind() != TimelineKind.MESSAGE));
                    }
                }
                pending.headMap(delivered, true).clear();
            }
        }

        private void deliver(TimelineCommitted event) {
            TimelineEntry entry = event.entry();
            if (event.roomChanged()) {
                load();
            }
            delivered = entry.seq();
            if (entry.kind() == TimelineKind.STATUS) {
                broadcast(LiveFrames.status(id, state.status()));
            }
            String frame = null;
            for (Subscriber subscriber : subscribers.values()) {
                if (entry.seq() <= subscriber.seen) {
                    continue; // the client said it already holds this entry
                }
                subscriber.seen = entry.seq();
                Reader reader = readerOf(subscriber.connection.userId());
                if (reader != null && state.mayRead(subscriber.connection.userId(), reader, entry)) {
                    if (frame == null) {
                        frame = LiveFrames.message(entry);
                    }
                    subscriber.connection.send(frame);
                }
            }
            if (event.roomChanged()) {
                recheck(null);
            }
        }

        private void join(LiveConnection connection, Long after) {
            Member member = members.get(connection.userId());
            if (member == null || !member.connections.containsKey(connection.id())) {
                return; // closed meanwhile
            }
            Reader reader = member.reader;
            if (!state.mayRead(connection.userId(), reader)) {
                subscribers.remove(connection.id());
                connection.send(LiveFrames.error("not_found", "No such incident.", null, id));
                return;
            }
            long from = after == null ? delivered : after;
            TimelinePage missed = from >= delivered
                    ? new TimelinePage(List.of(), delivered, false)
                    : incidents.missedEntries(reader, id, from, delivered, MAX_REPLAY);
            connection.send(LiveFrames.subscribed(id, delivered, missed.hasMore()));
            for (TimelineEntry entry : missed.items()) {
                if (state.mayRead(connection.userId(), reader, entry)) {
                    connection.send(LiveFrames.message(entry));
                }
            }
            if (missed.hasMore()) {
                subscribers.remove(connection.id());
                return;
            }
            boolean added = subscribers.put(connection.id(), new Subscriber(connection, Math.max(from, delivered))) == null;
            member.rooms.add(id);
            if (added) {
                incidents.recordSubscription(connection.userId(), member.person.username(), id, state.label());
            }
            presence();
        }

        private void leave(LiveConnection connection, boolean answer) {
            boolean removed = subscribers.remove(connection.id()) != null;
            forgetRoomIfLast(connection.userId());
            if (answer) {
                connection.send(LiveFrames.unsubscribed(id));
            }
            if (removed) {
                presence();
            }
        }

        /** Drops the subscriptions (of one user, or of everyone when null) that may no longer read the room. */
        private void recheck(UUID userId) {
            boolean changed = false;
            for (Subscriber entry : List.copyOf(subscribers.values())) {
                LiveConnection subscriber = entry.connection;
                if (userId != null && !userId.equals(subscriber.userId())) {
                    continue;
                }
                Reader reader = readerOf(subscriber.userId());
                if (reader == null || !state.mayRead(subscriber.userId(), reader)) {
                    subscribers.remove(subscriber.id());
                    forgetRoomIfLast(subscriber.userId());
                    subscriber.send(LiveFrames.error("not_found", "No such incident.", null, id));
                    LOG.info(() -> "[live] dropped a subscription of user " + subscriber.userId() + " to incident " + id
                            + ": no longer readable");
                    changed = true;
                }
            }
            if (changed) {
                presence();
            }
        }

        private void typing(LiveConnection connection) {
            Member member = members.get(connection.userId());
            if (member == null || !subscribers.containsKey(connection.id())) {
                return;
            }
            if (!mayFollow(connection)) {
                return;
            }
            String frame = LiveFrames.typing(id, member.person);
            for (Subscriber subscriber : subscribers.values()) {
                if (!subscriber.connection.userId().equals(connection.userId()) && mayFollow(subscriber.connection)) {
                    subscriber.connection.send(frame);
                }
            }
        }

        private void presence() {
            Map<UUID, Person> online = new LinkedHashMap<>();
            for (Subscriber subscriber : subscribers.values()) {
                Member member = members.get(subscriber.connection.userId());
                if (member != null && mayFollow(subscriber.connection)) {
                    online.putIfAbsent(subscriber.connection.userId(), member.person);
                }
            }
            broadcast(LiveFrames.presence(id, new ArrayList<>(online.values())));
        }

        /**
         * Sends a room-level frame (status, presence) to the subscribers who may read the room now: a
         * re-check queued after an access change may not have run yet, the reader check has.
         */
        private void broadcast(String frame) {
            for (Subscriber subscriber : subscribers.values()) {
                if (mayFollow(subscriber.connection)) {
                    subscriber.connection.send(frame);
                }
            }
        }

        private boolean mayFollow(LiveConnection connection) {
            Reader reader = readerOf(connection.userId());
            return reader != null && state.mayRead(connection.userId(), reader);
        }

        private void forgetRoomIfLast(UUID userId) {
            if (subscribers.values().stream().noneMatch(s -> s.connection.userId().equals(userId))) {
                Member member = members.get(userId);
                if (member != null) {
                    member.rooms.remove(id);
                }
            }
        }
    }
}
