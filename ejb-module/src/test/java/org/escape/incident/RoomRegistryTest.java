package org.escape.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.escape.access.AccessRules;
import org.escape.access.IncidentAccess;
import org.escape.access.Label;
import org.escape.access.Level;
import org.escape.access.Reader;
import org.escape.identity.AccessState;
import org.escape.identity.Person;
import org.escape.identity.UserAccessChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The live registry's promises, driven with an in-memory store and a thread pool: every readable
 * entry reaches each subscriber exactly once and in seq order — whatever order the commits are
 * observed in, with lost commit events, and with subscribers that join late with {@code after} —
 * and nothing a subscriber may not read, before or after an access change. Randomized; the seed is
 * printed and {@code -Dtests.seed} replays it.
 */
class RoomRegistryTest {

    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final List<String> COUNTRIES = List.of("GBR", "KEN", "MYS", "IND");

    private final Store store = new Store();
    private ExecutorService pool;
    private Tracked executor;
    private RoomRegistry registry;

    @BeforeEach
    void start() {
        pool = Executors.newFixedThreadPool(4);
        executor = new Tracked(pool);
        registry = new RoomRegistry(store, executor, 8);
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    @RepeatedTest(20)
    void everyReadableEntryArrivesOnceInOrderWhateverTheCommitOrder(RepetitionInfo repetition) throws Exception {
        long seed = SEED + repetition.getCurrentRepetition();
        Random random = new Random(seed);
        String replay = "repetition " + repetition.getCurrentRepetition() + " (replay with -Dtests.seed=" + SEED + ")";
        List<UUID> rooms = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Label label = randomLabel(random, Level.RESTRICTED);
            UUID room = store.room(label, random.nextBoolean() ? IncidentAccess.MEMBERS : IncidentAccess.CLEARED);
            rooms.add(room);
            for (int e = 0; e < random.nextInt(5); e++) {
                store.append(room, dominating(random, label)); // history before anyone connects
            }
        }
        List<Client> clients = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            UUID user = store.user(COUNTRIES.get(random.nextInt(COUNTRIES.size())), Level.values()[random.nextInt(5)]);
            for (UUID room : rooms) {
                if (random.nextInt(3) > 0) {
                    store.addMember(room, user);
                }
            }
            Client client = new Client(user);
            assertTrue(registry.connect(client), replay);
            clients.add(client);
        }
        Map<Client, Map<UUID, Long>> subscribedAfter = new HashMap<>();
        List<TimelineCommitted> events = new ArrayList<>();
        for (int step = 0; step < 120; step++) {
            UUID room = rooms.get(random.nextInt(rooms.size()));
            if (random.nextInt(10) == 0) {
                Client client = clients.get(random.nextInt(clients.size()));
                long after = random.nextInt((int) store.lastSeq(room) + 1);
                if (subscribedAfter.computeIfAbsent(client, k -> new HashMap<>()).putIfAbsent(room, after) == null) {
                    registry.subscribe(client, room, after);
                }
                continue;
            }
            TimelineEntry entry = store.append(room, dominating(random, store.state(room).label()));
            if (random.nextInt(8) != 0) { // one commit event in eight is lost: the next one fills the hole
                events.add(new TimelineCommitted(entry, false));
            }
            if (random.nextInt(4) == 0) { // observers race: deliver a shuffled batch from several threads
                Collections.shuffle(events, random);
                events.forEach(e -> pool.execute(() -> registry.onCommitted(e)));
                events.clear();
            }
        }
        events.forEach(registry::onCommitted);
        // a final event per room so that no trailing hole stays unfilled
        for (UUID room : rooms) {
            registry.onCommitted(new TimelineCommitted(store.append(room, store.state(room).label()), false));
        }
        executor.awaitQuiet();

        int checked = 0;
        for (Client client : clients) {
            for (Map.Entry<UUID, Long> subscription : subscribedAfter.getOrDefault(client, Map.of()).entrySet()) {
                UUID room = subscription.getKey();
                RoomState state = store.state(room);
                Reader reader = store.reader(client.userId());
                if (!state.mayRead(client.userId(), reader)) {
                    assertTrue(client.seqs(room).isEmpty(), "an unreadable room delivered to " + reader + ": " + replay);
                    continue;
                }
                List<Long> expected = store.entries(room).stream()
                        .filter(e -> e.seq() > subscription.getValue())
                        .filter(e -> AccessRules.mayReadIncidentMessage(reader, state.label(), state.access(),
                                state.members().contains(client.userId()), e.label()))
                        .map(TimelineEntry::seq).toList();
                assertEquals(expected, client.seqs(room), "deliveries to " + reader + " in room " + room + ": " + replay);
                checked += expected.size();
            }
        }
        System.out.println("[RoomRegistryTest] " + replay + ": " + checked + " deliveries checked");
    }

    @Test
    void aDowngradeStopsDeliveriesAtOnceAndDropsTheRoom() throws Exception {
        Label secret = Label.releasableToAll(Level.SECRET);
        UUID room = store.room(secret, IncidentAccess.MEMBERS);
        UUID alice = store.user("GBR", Level.SECRET);
        UUID bob = store.user("GBR", Level.SECRET);
        store.addMember(room, alice);
        store.addMember(room, bob);
        Client aliceSocket = new Client(alice);
        Client bobSocket = new Client(bob);
        registry.connect(aliceSocket);
        registry.connect(bobSocket);
        registry.subscribe(aliceSocket, room, null);
        registry.subscribe(bobSocket, room, null);
        executor.awaitQuiet();
        registry.onCommitted(new TimelineCommitted(store.append(room, secret), false));
        executor.awaitQuiet();
        assertEquals(1, bobSocket.seqs(room).size());

        AccessState before = new AccessState("GBR", Level.SECRET, Set.of(), true);
        AccessState after = new AccessState("GBR", Level.CONFIDENTIAL, Set.of(), true);
        store.readers.put(bob, new Reader(bob, "GBR", Level.CONFIDENTIAL, Set.of()));
        registry.onAccessChanged(new UserAccessChanged(bob, "kc-bob", "bob", before, after, Instant.now()));
        for (int i = 0; i < 5; i++) {
            registry.onCommitted(new TimelineCommitted(store.append(room, secret), false));
        }
        executor.awaitQuiet();

        assertEquals(1, bobSocket.seqs(room).size(), "bob got SECRET entries after his downgrade");
        long afterChange = bobSocket.frames.stream().dropWhile(f -> !f.getString("type").equals("error")).count();
        assertEquals(1, afterChange, "bob got frames of the room after losing it: " + bobSocket.frames);
        assertTrue(bobSocket.frames.stream().anyMatch(f -> f.getString("type").equals("error")
                && f.getString("code").equals("not_found")), "bob was not told the room is gone");
        assertEquals(6, aliceSocket.seqs(room).size(), "alice kept receiving");
    }

    @Test
    void theSweepDeliversEntriesWhoseCommitEventWasLost() throws Exception {
        Label restricted = Label.releasableToAll(Level.RESTRICTED);
        UUID room = store.room(restricted, IncidentAccess.CLEARED);
        UUID reader = store.user("MYS", Level.RESTRICTED);
        Client socket = new Client(reader);
        registry.connect(socket);
        registry.subscribe(socket, room, null);
        executor.awaitQuiet();
        store.append(room, restricted); // committed, but its event never arrives
        store.append(room, restricted);
        executor.awaitQuiet();
        assertTrue(socket.seqs(room).isEmpty());
        registry.sweep();
        executor.awaitQuiet();
        assertEquals(List.of(1L, 2L), socket.seqs(room));
        registry.onCommitted(new TimelineCommitted(store.entries(room).get(1), false)); // a late event: ignored
        registry.sweep();
        executor.awaitQuiet();
        assertEquals(List.of(1L, 2L), socket.seqs(room));
    }

    @Test
    void roomFramesQueuedBeforeTheRecheckAreFilteredByTheNewReader() {
        java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
        RoomRegistry manual = new RoomRegistry(store, tasks::add, 8);
        Label secret = Label.releasableToAll(Level.SECRET);
        UUID room = store.room(secret, IncidentAccess.CLEARED);
        UUID bob = store.user("GBR", Level.SECRET);
        Client socket = new Client(bob);
        manual.connect(socket);
        manual.subscribe(socket, room, null);
        runAll(tasks);
        socket.frames.clear();
        // a status change is queued, then bob is downgraded before the room drains
        TimelineEntry status = store.append(room, secret);
        TimelineEntry statusEvent = new TimelineEntry(status.id(), room, status.seq(), TimelineKind.STATUS, null,
                status.author(), "OPEN → CONTAINED", "<p>OPEN → CONTAINED</p>", secret, status.createdAt());
        manual.onCommitted(new TimelineCommitted(statusEvent, true));
        manual.typing(new Client(UUID.randomUUID()), room);
        AccessState before = new AccessState("GBR", Level.SECRET, Set.of(), true);
        AccessState after = new AccessState("GBR", Level.CONFIDENTIAL, Set.of(), true);
        manual.onAccessChanged(new UserAccessChanged(bob, "kc-bob", "bob", before, after, Instant.now()));
        runAll(tasks);
        assertEquals(List.of("error"), socket.frames.stream().map(f -> f.getString("type")).toList(),
                "bob, already downgraded, got room frames: " + socket.frames);
    }

    private static void runAll(java.util.ArrayDeque<Runnable> tasks) {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }

    @Test
    void silentSocketsAreClosedAfterTheIdleTimeout() {
        UUID user = store.user("GBR", Level.RESTRICTED);
        Client silent = new Client(user);
        Client chatty = new Client(user);
        registry.connect(silent);
        registry.connect(chatty);
        long now = System.nanoTime();
        silent.lastHeard = now - TimeUnit.SECONDS.toNanos(RoomRegistry.IDLE_SECONDS + 1);
        chatty.lastHeard = now - TimeUnit.SECONDS.toNanos(RoomRegistry.IDLE_SECONDS - 30);
        registry.closeIdle(now);
        assertEquals(LiveConnection.NORMAL_CLOSURE, silent.closedWith.get());
        assertEquals(null, chatty.closedWith.get());
    }

    @Test
    void aDisabledAccountsSocketsAreClosedWithPolicyViolation() {
        UUID eve = store.user("KEN", Level.RESTRICTED);
        Client first = new Client(eve);
        Client second = new Client(eve);
        registry.connect(first);
        registry.connect(second);
        AccessState before = new AccessState("KEN", Level.RESTRICTED, Set.of(), true);
        AccessState after = new AccessState("KEN", Level.RESTRICTED, Set.of(), false);
        registry.onAccessChanged(new UserAccessChanged(eve, "kc-eve", "eve", before, after, Instant.now()));
        assertEquals(LiveConnection.POLICY_VIOLATION, first.closedWith.get());
        assertEquals(LiveConnection.POLICY_VIOLATION, second.closedWith.get());
    }

    @Test
    void theSessionCapRefusesTheNextSocketWithTryAgainLater() {
        UUID user = store.user("IND", Level.SECRET);
        for (int i = 0; i < 8; i++) {
            assertTrue(registry.connect(new Client(user)));
        }
        Client ninth = new Client(user);
        assertFalse(registry.connect(ninth));
        assertEquals(LiveConnection.TRY_AGAIN_LATER, ninth.closedWith.get());
    }

    @Test
    void subscribingToAMissingOrUnreadableRoomAnswersTheSameNotFound() throws Exception {
        UUID secretRoom = store.room(Label.releasableToAll(Level.SECRET), IncidentAccess.CLEARED);
        UUID low = store.user("KEN", Level.CONFIDENTIAL);
        Client socket = new Client(low);
        registry.connect(socket);
        registry.subscribe(socket, secretRoom, 0L);
        registry.subscribe(socket, UUID.randomUUID(), 0L);
        executor.awaitQuiet();
        assertEquals(2, socket.frames.size());
        JsonObject unreadable = socket.frames.get(0);
        JsonObject missing = socket.frames.get(1);
        assertEquals(unreadable.getString("code"), missing.getString("code"));
        assertEquals(unreadable.getString("message"), missing.getString("message"));
    }

    private static Label randomLabel(Random random, Level max) {
        Level level = Level.values()[random.nextInt(max.ordinal() + 1)];
        if (random.nextInt(3) > 0) {
            return Label.releasableToAll(level);
        }
        Set<String> countries = new HashSet<>();
        countries.add(COUNTRIES.get(random.nextInt(COUNTRIES.size())));
        countries.add(COUNTRIES.get(random.nextInt(COUNTRIES.size())));
        return Label.of(level, countries);
    }

    /** A label that dominates {@code floor} (W1): the same, or higher, or narrower. */
    private static Label dominating(Random random, Label floor) {
        Label candidate = randomLabel(random, Level.TOP_SECRET);
        return candidate.dominates(floor) ? candidate : floor;
    }

    // ------------------------------------------------------------------ test doubles

    /** A socket that records its frames. */
    private static final class Client implements LiveConnection {
        private static final AtomicInteger IDS = new AtomicInteger();
        final String id = "c" + IDS.incrementAndGet();
        final UUID userId;
        final List<JsonObject> frames = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicReference<Integer> closedWith = new java.util.concurrent.atomic.AtomicReference<>();
        volatile long lastHeard = Long.MAX_VALUE;

        @Override
        public long lastHeardNanos() {
            return lastHeard;
        }

        Client(UUID userId) {
            this.userId = userId;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public UUID userId() {
            return userId;
        }

        @Override
        public void send(String frame) {
            frames.add(Json.createReader(new StringReader(frame)).readObject());
        }

        @Override
        public void close(int code, String reason) {
            closedWith.compareAndSet(null, code);
        }

        List<Long> seqs(UUID room) {
            List<Long> seqs = new ArrayList<>();
            for (JsonObject frame : frames) {
                if (frame.getString("type").equals("message") && frame.getString("incident").equals(room.toString())) {
                    seqs.add(frame.getJsonObject("message").getJsonNumber("seq").longValue());
                }
            }
            return seqs;
        }
    }

    /** Counts tasks in flight so a test can wait until the registry is quiet. */
    private static final class Tracked implements java.util.concurrent.Executor {
        private final ExecutorService pool;
        private final AtomicInteger inFlight = new AtomicInteger();

        Tracked(ExecutorService pool) {
            this.pool = pool;
        }

        @Override
        public void execute(Runnable task) {
            inFlight.incrementAndGet();
            pool.execute(() -> {
                try {
                    task.run();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }

        void awaitQuiet() throws InterruptedException {
            int quietRounds = 0;
            while (quietRounds < 5) {
                Thread.sleep(20);
                quietRounds = inFlight.get() == 0 ? quietRounds + 1 : 0;
            }
        }
    }

    /** The store: rooms, gap-free timelines, members, readers. Thread-safe enough for the test. */
    private static final class Store implements RoomSource {
        final Map<UUID, RoomState> rooms = new ConcurrentHashMap<>();
        final Map<UUID, List<TimelineEntry>> timelines = new ConcurrentHashMap<>();
        final Map<UUID, Reader> readers = new ConcurrentHashMap<>();

        UUID room(Label label, IncidentAccess access) {
            UUID id = UUID.randomUUID();
            rooms.put(id, new RoomState(id, label, access, IncidentStatus.OPEN, 0, Set.of()));
            timelines.put(id, new CopyOnWriteArrayList<>());
            return id;
        }

        UUID user(String country, Level clearance) {
            UUID id = UUID.randomUUID();
            readers.put(id, new Reader(id, country, clearance, Set.of()));
            return id;
        }

        synchronized void addMember(UUID room, UUID user) {
            RoomState s = rooms.get(room);
            Set<UUID> members = new HashSet<>(s.members());
            members.add(user);
            rooms.put(room, new RoomState(room, s.label(), s.access(), s.status(), s.lastSeq(), Set.copyOf(members)));
        }

        synchronized TimelineEntry append(UUID room, Label label) {
            RoomState s = rooms.get(room);
            long seq = s.lastSeq() + 1;
            TimelineEntry entry = new TimelineEntry(UUID.randomUUID(), room, seq, TimelineKind.MESSAGE, "c" + seq,
                    new Person(UUID.randomUUID(), "author", "Author", "GBR"), "body", "<p>body</p>", label, Instant.now());
            timelines.get(room).add(entry);
            rooms.put(room, new RoomState(room, s.label(), s.access(), s.status(), seq, s.members()));
            return entry;
        }

        RoomState state(UUID room) {
            return rooms.get(room);
        }

        long lastSeq(UUID room) {
            return rooms.get(room).lastSeq();
        }

        List<TimelineEntry> entries(UUID room) {
            return timelines.get(room);
        }

        Reader reader(UUID user) {
            return readers.get(user);
        }

        @Override
        public Optional<Admission> admit(UUID userId) {
            return Optional.ofNullable(readers.get(userId))
                    .map(r -> new Admission(new Person(userId, "u-" + userId, "User", r.country()), r));
        }

        @Override
        public Optional<RoomState> roomState(UUID incidentId) {
            return Optional.ofNullable(rooms.get(incidentId));
        }

        @Override
        public List<TimelineEntry> entriesBetween(UUID incidentId, long after, long below) {
            return timelines.get(incidentId).stream().filter(e -> e.seq() > after && e.seq() < below).toList();
        }

        @Override
        public TimelinePage missedEntries(Reader reader, UUID incidentId, long after, long upTo, int limit) {
            List<TimelineEntry> readable = timelines.get(incidentId).stream()
                    .filter(e -> e.seq() > after && e.seq() <= upTo && AccessRules.mayRead(reader, e.label())).toList();
            return new TimelinePage(readable.stream().limit(limit).toList(), rooms.get(incidentId).lastSeq(),
                    readable.size() > limit);
        }

        @Override
        public void recordSubscription(UUID userId, String username, UUID incidentId, Label label) {
        }

        @Override
        public Optional<String> notificationFrame(UUID recipientId, String kind) {
            return Optional.of(LiveFrames.notification(kind, 1));
        }
    }
}
