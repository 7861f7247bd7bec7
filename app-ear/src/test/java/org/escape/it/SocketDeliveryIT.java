package org.escape.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live delivery matrix: 12 reader profiles (countries × clearances, one without a country)
 * with two sockets each, subscribed to four incident rooms (MEMBERS and CLEARED, labels from
 * UNCLASSIFIED to CONFIDENTIAL//REL TO GBR, KEN), and messages at every label that dominates each
 * room's, sent alternately over REST and over the socket. The expected recipients of every message
 * come from {@link OracleLabel} (R1 on the room and the message, plus membership for MEMBERS rooms),
 * never from production code; every socket must receive each readable message exactly once, in
 * seq order, and nothing else. Then: resync after a gap ({@code after=N}) and the idempotent
 * client id over the socket.
 *
 * <p>Prints {@code DELIVERY MATRIX: sockets=…, messages=…, cells=…, mismatches=…, leaks=…}; a leak is
 * a message (or any room event) delivered to a socket the oracle says may not see it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SocketDeliveryIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final long SEED = Long.getLong("escape.seed", System.nanoTime());
    private static final RealmUsers REALM = new RealmUsers();
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private static final Map<String, Profile> PROFILES = new LinkedHashMap<>();
    private static final Map<String, Room> ROOMS = new LinkedHashMap<>();
    private static final List<SocketUnderTest> SOCKETS = new ArrayList<>();
    private static final List<String> MISMATCHES = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> LEAKS = Collections.synchronizedList(new ArrayList<>());
    private static int cells;

    record Profile(String key, String username, String country, String clearance) {
        boolean reads(OracleLabel label) {
            return label.readableBy(country, clearance);
        }

        @Override
        public String toString() {
            return key;
        }
    }

    static final class Room {
        final String key;
        final OracleLabel label;
        final String access;
        final Profile commander;
        final Map<Profile, String> members = new LinkedHashMap<>();
        final List<Sent> messages = new ArrayList<>();
        String id;

        Room(String key, OracleLabel label, String access, Profile commander) {
            this.key = key;
            this.label = label;
            this.access = access;
            this.commander = commander;
        }

        boolean readableBy(Profile p) {
            return p.reads(label) && ("CLEARED".equals(access) || members.containsKey(p));
        }

        boolean mayPost(Profile p) {
            String role = members.get(p);
            return role != null && !"OBSERVER".equals(role);
        }
    }

    /** A message as the model knows it. */
    record Sent(Room room, String id, long seq, OracleLabel label, Profile author, String via) {
    }

    static final class SocketUnderTest {
        final Profile profile;
        final LiveSocket socket;
        final Set<Room> subscribed = new LinkedHashSet<>();
        final Set<Room> refused = new LinkedHashSet<>();

        SocketUnderTest(Profile profile, LiveSocket socket) {
            this.profile = profile;
            this.socket = socket;
        }

        @Override
        public String toString() {
            return socket.label;
        }
    }

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestServers.ear();
    }

    @BeforeAll
    static void world() {
        long started = System.nanoTime();
        profile("gbrTS", "GBR", "TOP_SECRET");
        profile("gbrS", "GBR", "SECRET");
        profile("gbrC", "GBR", "CONFIDENTIAL");
        profile("kenS", "KEN", "SECRET");
        profile("kenC", "KEN", "CONFIDENTIAL");
        profile("mysC", "MYS", "CONFIDENTIAL");
        profile("mysR", "MYS", "RESTRICTED");
        profile("indTS", "IND", "TOP_SECRET");
        profile("indR", "IND", "RESTRICTED");
        profile("canU", "CAN", "UNCLASSIFIED");
        profile("fraS", "FRA", "SECRET");
        profile("noneS", null, "SECRET");

        room("A", OracleLabel.of("UNCLASSIFIED"), "MEMBERS", "gbrTS",
                Map.of("gbrS", "RESPONDER", "kenC", "RESPONDER", "mysR", "RESPONDER", "indTS", "RESPONDER",
                        "canU", "OBSERVER", "noneS", "RESPONDER"));
        room("B", OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), "MEMBERS", "gbrS",
                Map.of("gbrTS", "RESPONDER", "gbrC", "RESPONDER", "kenS", "RESPONDER", "kenC", "OBSERVER"));
        room("C", OracleLabel.of("RESTRICTED"), "CLEARED", "indTS", Map.of("mysR", "RESPONDER", "indR", "RESPONDER"));
        room("D", OracleLabel.of("UNCLASSIFIED", "CAN", "GBR", "IND", "KEN", "MYS"), "CLEARED", "kenS",
                Map.of("canU", "RESPONDER", "mysC", "RESPONDER"));
        System.out.printf("[delivery] run %s seed %d: %d profiles, %d rooms, set up in %d ms%n", RUN, SEED,
                PROFILES.size(), ROOMS.size(), (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        SOCKETS.forEach(s -> s.socket.close());
        String summary = String.format("DELIVERY MATRIX: sockets=%d, messages=%d, cells=%d, mismatches=%d, leaks=%d",
                SOCKETS.size(), ROOMS.values().stream().mapToInt(r -> r.messages.size()).sum(), cells, MISMATCHES.size(),
                LEAKS.size());
        System.out.println(summary);
        Path file = Path.of("target", "delivery-matrix.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary + "\n" + String.join("\n", MISMATCHES) + "\n");
        REALM.deleteAll();
    }

    private static void profile(String key, String country, String clearance) {
        String username = ("sd-" + key + "-" + RUN).toLowerCase(java.util.Locale.ROOT);
        REALM.create(username, "Delivery", key, country, clearance, List.of("member"));
        IncidentApi.expect(200, ForumApi.get(username, "/me"), "provisioning " + username);
        PROFILES.put(key, new Profile(key, username, country, clearance));
    }

    private static void room(String key, OracleLabel label, String access, String commander, Map<String, String> members) {
        Room room = new Room(key, label, access, PROFILES.get(commander));
        room.id = IncidentApi.create(room.commander.username(), "Delivery " + RUN + " " + key, "MEDIUM", label, access)
                .getString("id");
        room.members.put(room.commander, "COMMANDER");
        for (Map.Entry<String, String> m : new java.util.TreeMap<>(members).entrySet()) {
            Profile p = PROFILES.get(m.getKey());
            IncidentApi.member(room.commander.username(), room.id, p.username(), m.getValue());
            room.members.put(p, m.getValue());
        }
        ROOMS.put(key, room);
    }

    // ---------------------------------------------------------------------------------------------
    // The matrix
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void everySocketGetsEachReadableMessageOnceInSeqOrderAndNothingElse() {
        Random random = new Random(SEED);
        List<Room> rooms = List.copyOf(ROOMS.values());
        // Two sockets per profile: the first subscribes to every room, the second to two of them.
        for (Profile p : PROFILES.values()) {
            for (int n = 1; n <= 2; n++) {
                SocketUnderTest s = new SocketUnderTest(p, LiveSocket.open(p.username(), p.key() + "#" + n));
                SOCKETS.add(s);
                List<Room> mine = new ArrayList<>(rooms);
                if (n == 2) {
                    Collections.shuffle(mine, random);
                    mine = mine.subList(0, 2);
                }
                for (Room room : mine) {
                    LiveSocket.Frame answer = s.socket.subscribeAndWait(room.id);
                    boolean readable = room.readableBy(p);
                    cells++;
                    if (answer.is("subscribed")) {
                        s.subscribed.add(room);
                        if (!readable) {
                            leak(s + " subscribed to room " + room.key + " (" + room.label + ", " + room.access + ")");
                        }
                    } else {
                        s.refused.add(room);
                        boolean notFound = answer.is("error") && "not_found".equals(answer.json().getString("code", ""));
                        check(!readable && notFound, false, s + " subscribe to " + room.key + ": " + answer.text());
                    }
                }
            }
        }
        ForumApi.sleep(500);
        Map<SocketUnderTest, Integer> marks = new LinkedHashMap<>();
        SOCKETS.forEach(s -> marks.put(s, s.socket.size()));

        // Messages at every label above each room's, alternately over REST and over a socket of the author.
        Map<String, List<OracleLabel>> labels = new LinkedHashMap<>();
        labels.put("A", List.of(OracleLabel.of("UNCLASSIFIED"), OracleLabel.of("RESTRICTED"), OracleLabel.of("CONFIDENTIAL"),
                OracleLabel.of("SECRET"), OracleLabel.of("TOP_SECRET"), OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"),
                OracleLabel.of("SECRET", "GBR"), OracleLabel.of("RESTRICTED", "IND", "MYS"), OracleLabel.of("TOP_SECRET", "IND"),
                OracleLabel.of("UNCLASSIFIED", "KEN")));
        labels.put("B", List.of(OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), OracleLabel.of("SECRET", "GBR", "KEN"),
                OracleLabel.of("TOP_SECRET", "GBR", "KEN"), OracleLabel.of("CONFIDENTIAL", "GBR"),
                OracleLabel.of("CONFIDENTIAL", "KEN"), OracleLabel.of("SECRET", "KEN"), OracleLabel.of("TOP_SECRET", "GBR")));
        labels.put("C", List.of(OracleLabel.of("RESTRICTED"), OracleLabel.of("CONFIDENTIAL"), OracleLabel.of("SECRET"),
                OracleLabel.of("TOP_SECRET"), OracleLabel.of("RESTRICTED", "IND", "MYS"), OracleLabel.of("RESTRICTED", "IND"),
                OracleLabel.of("CONFIDENTIAL", "IND")));
        labels.put("D", List.of(OracleLabel.of("UNCLASSIFIED", "CAN", "GBR", "IND", "KEN", "MYS"),
                OracleLabel.of("RESTRICTED", "CAN", "GBR", "IND", "KEN", "MYS"), OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"),
                OracleLabel.of("SECRET", "KEN"), OracleLabel.of("UNCLASSIFIED", "CAN"), OracleLabel.of("CONFIDENTIAL", "MYS"),
                OracleLabel.of("RESTRICTED", "KEN", "MYS")));
        int sent = 0;
        for (int round = 0; round < 2; round++) {
            for (Map.Entry<String, List<OracleLabel>> e : labels.entrySet()) {
                Room room = ROOMS.get(e.getKey());
                for (OracleLabel label : e.getValue()) {
                    assertTrue(label.dominates(room.label), label + " dominates room " + room.key);
                    List<Profile> authors = room.members.keySet().stream().filter(p -> room.mayPost(p) && p.reads(label))
                            .toList();
                    assertTrue(!authors.isEmpty(), "an author for " + label + " in " + room.key);
                    Profile author = authors.get(random.nextInt(authors.size()));
                    boolean overSocket = (sent++ % 2 == 0) == (round == 0);
                    room.messages.add(overSocket ? sendOverSocket(room, author, label) : sendOverRest(room, author, label));
                }
            }
        }
        verifyDelivery("matrix", marks);
    }

    private static Sent sendOverRest(Room room, Profile author, OracleLabel label) {
        JsonObject m = IncidentApi.sendOk(author.username(), room.id, "REST " + label + " by " + author + " in " + room.key,
                label);
        return new Sent(room, m.getString("id"), m.getJsonNumber("seq").longValue(), label, author, "REST");
    }

    private static Sent sendOverSocket(Room room, Profile author, OracleLabel label) {
        SocketUnderTest socket = SOCKETS.stream().filter(s -> s.profile.equals(author)).findFirst().orElseThrow();
        String clientId = "sd-" + UUID.randomUUID();
        int from = socket.socket.size();
        // PARAM-OVERRIDE over the socket: author, seq and createdAt in the frame are ignored.
        JsonObject frame = Json.createObjectBuilder().add("type", "send").add("incident", room.id).add("clientId", clientId)
                .add("body", "socket " + label + " by " + author + " in " + room.key).add("label", label.json())
                .add("author", Json.createObjectBuilder().add("username", "sd-gbrTS-" + RUN)).add("seq", 1)
                .add("createdAt", "2001-01-01T00:00:00Z").build();
        for (int attempt = 0; attempt < 30; attempt++) {
            socket.socket.send(frame);
            Optional<LiveSocket.Frame> answer = socket.socket.awaitFrom(from, f -> clientId.equals(f.json() == null ? null
                    : f.json().getString("clientId", f.json().getString("ref", null))), ANSWER);
            if (answer.isPresent() && answer.get().is("ack")) {
                JsonObject ack = answer.get().json();
                return new Sent(room, ack.getString("id"), ack.getJsonNumber("seq").longValue(), label, author, "socket");
            }
            if (answer.isPresent() && answer.get().is("error")
                    && "rate_limited".equals(answer.get().json().getString("code", ""))) {
                from = socket.socket.size();
                ForumApi.sleep(1_000);
                continue;
            }
            throw new AssertionError(socket + " send " + label + " to " + room.key + ": " + answer.map(LiveSocket.Frame::text)
                    .orElse("no answer"));
        }
        throw new AssertionError(socket + " stayed rate limited");
    }

    /** Waits for the expected deliveries (≤ 10 s, then 1 s for strays) and compares every socket with the oracle. */
    private static void verifyDelivery(String phase, Map<SocketUnderTest, Integer> marks) {
        Map<SocketUnderTest, List<Sent>> expected = new LinkedHashMap<>();
        for (SocketUnderTest s : SOCKETS) {
            List<Sent> mine = new ArrayList<>();
            for (Room room : s.subscribed) {
                room.messages.stream().filter(m -> s.profile.reads(m.label()) && s.profile.reads(room.label))
                        .forEach(mine::add);
            }
            expected.put(s, mine);
        }
        long deadline = System.nanoTime() + ANSWER.toNanos();
        for (SocketUnderTest s : SOCKETS) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            s.socket.awaitCountFrom(marks.get(s), f -> f.is("message"), expected.get(s).size(), Duration.ofMillis(left));
        }
        ForumApi.sleep(1_000);
        Map<String, Sent> byId = new LinkedHashMap<>();
        ROOMS.values().forEach(r -> r.messages.forEach(m -> byId.put(m.id(), m)));
        int messages = byId.size();
        for (SocketUnderTest s : SOCKETS) {
            List<LiveSocket.Frame> frames = s.socket.frames();
            List<LiveSocket.Frame> since = frames.subList(Math.min(marks.get(s), frames.size()), frames.size());
            Set<String> expectedIds = expected.get(s).stream().map(Sent::id).collect(Collectors.toSet());
            Map<String, Integer> received = new LinkedHashMap<>();
            Map<String, List<Long>> seqsPerRoom = new LinkedHashMap<>();
            for (LiveSocket.Frame f : since) {
                String incident = f.json() == null ? null : f.json().getString("incident", null);
                Room room = ROOMS.values().stream().filter(r -> r.id.equals(incident)).findFirst().orElse(null);
                if (incident != null && !f.is("error") && (room == null || !s.subscribed.contains(room))) {
                    leak(phase + ": " + s + " got a " + f.type() + " frame of a room it is not subscribed to: "
                            + ForumApi.abbreviate(f.text()));
                }
                for (String violation : SocketSecurityIT.payloadViolations(f)) {
                    leak(phase + ": " + s + " frame " + violation + ": " + ForumApi.abbreviate(f.text()));
                }
                if (f.is("presence") && room != null) {
                    for (JsonObject person : f.json().getJsonArray("online").getValuesAs(JsonObject.class)) {
                        Profile online = PROFILES.values().stream()
                                .filter(p -> p.username().equals(person.getString("username", ""))).findFirst().orElse(null);
                        if (online != null && !room.readableBy(online)) {
                            leak(phase + ": " + s + " sees " + online + " online in room " + room.key + ", which they may not read");
                        }
                    }
                }
                if (!f.is("message")) {
                    continue;
                }
                JsonObject message = f.json().getJsonObject("message");
                String id = message.getString("id", "?");
                received.merge(id, 1, Integer::sum);
                seqsPerRoom.computeIfAbsent(incident, k -> new ArrayList<>()).add(message.getJsonNumber("seq").longValue());
                Sent known = byId.get(id);
                if (known != null) {
                    if (!known.author().username().equals(message.getJsonObject("author").getString("username", ""))
                            || known.seq() != message.getJsonNumber("seq").longValue()
                            || !known.label().marking().equals(message.getString("marking", ""))) {
                        mismatch(phase + ": " + s + " message " + id + " differs from what was sent: " + message);
                    }
                } else if (!s.profile.reads(OracleLabel.parse(message.getJsonObject("label")))) {
                    leak(phase + ": " + s + " got an unknown entry above it: " + message);
                }
            }
            for (Sent m : byId.values()) {
                cells++;
                int count = received.getOrDefault(m.id(), 0);
                boolean shouldGet = expectedIds.contains(m.id());
                if (!shouldGet && count > 0) {
                    leak(phase + ": " + s + " (" + s.profile.country() + " " + s.profile.clearance() + ") got " + m.label()
                            + " message of room " + m.room().key + " by " + m.author() + " via " + m.via());
                } else if (shouldGet && count != 1) {
                    mismatch(phase + ": " + s + " got " + m.label() + " message " + m.seq() + " of room " + m.room().key
                            + " via " + m.via() + " " + count + " times, expected once");
                }
            }
            seqsPerRoom.forEach((room, seqs) -> {
                for (int i = 1; i < seqs.size(); i++) {
                    if (seqs.get(i) <= seqs.get(i - 1)) {
                        mismatch(phase + ": " + s + " got room " + room + " out of seq order: " + seqs);
                        break;
                    }
                }
            });
        }
        System.out.printf("[delivery] %s: %d sockets x %d messages compared%n", phase, SOCKETS.size(), messages);
        assertClean(phase);
    }

    // ---------------------------------------------------------------------------------------------
    // Resync and idempotency over the socket
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void aReconnectingClientGetsExactlyTheReadableEntriesItMissedInOrderOnce() {
        Room a = ROOMS.get("A");
        Profile reader = PROFILES.get("kenC");
        Profile author = PROFILES.get("gbrTS");
        LiveSocket first = LiveSocket.open(reader.username(), "resync before");
        LiveSocket.Frame subscribed = first.subscribeAndWait(a.id);
        check(subscribed.is("subscribed"), false, "kenC subscribes to A: " + subscribed.text());
        Sent before = sendOverRest(a, author, OracleLabel.of("UNCLASSIFIED"));
        a.messages.add(before);
        first.await(f -> f.is("message", a.id) && before.id().equals(f.json().getJsonObject("message").getString("id")), ANSWER);
        long seen = first.frames("message").stream().mapToLong(f -> f.json().getJsonObject("message").getJsonNumber("seq")
                .longValue()).max().orElse(0);
        check(seen == before.seq(), false, "the last seq the client saw is the last message: " + seen + " vs " + before.seq());
        first.abort(); // the laptop goes to sleep

        List<OracleLabel> missed = List.of(OracleLabel.of("UNCLASSIFIED"), OracleLabel.of("SECRET"),
                OracleLabel.of("CONFIDENTIAL"), OracleLabel.of("RESTRICTED", "IND", "MYS"),
                OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), OracleLabel.of("TOP_SECRET"), OracleLabel.of("RESTRICTED"));
        List<Sent> gap = new ArrayList<>();
        for (OracleLabel label : missed) {
            Profile writer = a.members.keySet().stream().filter(p -> a.mayPost(p) && p.reads(label)).findFirst().orElseThrow();
            Sent m = sendOverRest(a, writer, label);
            a.messages.add(m);
            gap.add(m);
        }
        IncidentApi.expect(200, IncidentApi.status(author.username(), a.id, "CONTAINED"), "a status change in the gap");
        List<String> expected = new ArrayList<>(gap.stream().filter(m -> reader.reads(m.label())).map(Sent::id).toList());
        List<JsonObject> rest = IncidentApi.items(IncidentApi.messages(reader.username(), a.id, "after=" + seen + "&limit=500"));
        List<String> restIds = IncidentApi.ids(rest);
        // The STATUS entry (at the room's label) is readable too: REST and socket must agree on it.
        check(restIds.containsAll(expected) && restIds.size() == expected.size() + 1, false,
                "REST after=" + seen + " for kenC: " + IncidentApi.seqs(rest) + " (expected the " + expected.size()
                        + " readable messages and the STATUS entry)");

        LiveSocket second = LiveSocket.open(reader.username(), "resync after");
        int from = second.size();
        second.subscribe(a.id, seen);
        Optional<LiveSocket.Frame> again = second.awaitFrom(from, f -> f.is("subscribed", a.id) || f.is("error"), ANSWER);
        cells++;
        check(again.isPresent() && again.get().is("subscribed"), false, "resubscribe with after: " + again);
        second.awaitCount(f -> f.is("message", a.id), restIds.size(), ANSWER);
        ForumApi.sleep(1_000);
        List<JsonObject> replayed = second.frames("message").stream().map(f -> f.json().getJsonObject("message")).toList();
        List<String> replayedIds = IncidentApi.ids(replayed);
        for (Sent m : gap) {
            cells++;
            long count = replayedIds.stream().filter(m.id()::equals).count();
            if (!reader.reads(m.label()) && count > 0) {
                leak("resync: kenC got the missed " + m.label() + " message " + m.seq());
            } else if (reader.reads(m.label()) && count != 1) {
                mismatch("resync: kenC got the missed " + m.label() + " message " + m.seq() + " " + count + " times");
            }
        }
        check(replayedIds.equals(restIds), replayedIds.stream().anyMatch(id -> !restIds.contains(id)),
                "resync replays exactly what REST lists after " + seen + ", in order: socket " + IncidentApi.seqs(replayed)
                        + " REST " + IncidentApi.seqs(rest));
        if (again.isPresent() && again.get().is("subscribed")) {
            long latest = again.get().json().getJsonNumber("latestSeq").longValue();
            check(latest >= gap.get(gap.size() - 1).seq() && !again.get().json().getBoolean("more", true), false,
                    "subscribed says latestSeq " + latest + ", more false: " + again.get().text());
        }
        Sent live = sendOverRest(a, author, OracleLabel.of("UNCLASSIFIED"));
        a.messages.add(live);
        cells++;
        check(second.awaitCount(f -> f.is("message", a.id) && live.id().equals(f.json().getJsonObject("message").getString("id")),
                1, ANSWER) == 1, false, "the next live message arrives once after the replay");
        ForumApi.sleep(500);
        check(second.frames("message").stream().filter(f -> live.id().equals(f.json().getJsonObject("message").getString("id")))
                .count() == 1, false, "and only once");
        second.close();
        assertClean("resync");
    }

    @Test
    @Order(3)
    void aDuplicateClientIdOverTheSocketIsAckedWithTheSameSeqAndDeliveredOnce() {
        Room b = ROOMS.get("B");
        Profile author = PROFILES.get("gbrS");
        Profile other = PROFILES.get("kenS");
        LiveSocket sender = LiveSocket.open(author.username(), "dup sender");
        LiveSocket watcher = LiveSocket.open(other.username(), "dup watcher");
        check(sender.subscribeAndWait(b.id).is("subscribed") && watcher.subscribeAndWait(b.id).is("subscribed"), false,
                "both subscribe to B");
        String clientId = "dup-" + RUN;
        sender.sendMessage(b.id, clientId, "the first text", null);
        Optional<LiveSocket.Frame> first = sender.await(f -> f.is("ack") && clientId.equals(f.json().getString("clientId", "")),
                ANSWER);
        int from = sender.size();
        sender.sendMessage(b.id, clientId, "the second text", null);
        Optional<LiveSocket.Frame> second = sender.awaitFrom(from, f -> f.is("ack")
                && clientId.equals(f.json().getString("clientId", "")), ANSWER);
        HttpResponse<String> overRest = IncidentApi.send(author.username(), b.id, "a third text", clientId, null);
        ForumApi.sleep(1_500);
        cells += 4;
        check(first.isPresent() && second.isPresent(), false, "two acks: " + sender.texts());
        if (first.isPresent() && second.isPresent()) {
            JsonObject a1 = first.get().json();
            JsonObject a2 = second.get().json();
            check(a1.getString("id").equals(a2.getString("id", "")) && a1.getJsonNumber("seq").equals(a2.getJsonNumber("seq")),
                    false, "the second ack carries the same id and seq: " + a1 + " / " + a2);
            check(overRest.statusCode() == 200 && a1.getString("id").equals(ForumApi.json(overRest).getString("id", "")),
                    false, "REST with the same clientId answers 200 with the original: " + ForumApi.describe(overRest));
            b.messages.add(new Sent(b, a1.getString("id"), a1.getJsonNumber("seq").longValue(),
                    OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), author, "socket"));
        }
        for (LiveSocket s : List.of(sender, watcher)) {
            List<LiveSocket.Frame> copies = s.frames("message").stream()
                    .filter(f -> clientId.equals(f.json().getJsonObject("message").getString("clientId", ""))).toList();
            check(copies.size() == 1, false, s + " got the message " + copies.size() + " times");
            check(copies.isEmpty() || "the first text".equals(copies.get(0).json().getJsonObject("message").getString("body", "")),
                    false, s + " got the first text");
        }
        sender.close();
        watcher.close();
        assertClean("duplicate clientId");
    }

    /**
     * Memberships must not outlive a revocation on open sockets: a member removed by the commander
     * (MEMBERS room), readers left below a raised label (MEMBERS and CLEARED rooms) lose their
     * subscription at once (not_found) and get nothing written afterwards — not a message, not
     * typing, not presence — and what they send or type no longer reaches the room.
     */
    @Test
    @Order(4)
    void aRemovedMemberAndReadersBelowARaisedLabelLoseTheRoomOnTheirOpenSockets() {
        Profile cmd = PROFILES.get("gbrS");
        Profile removed = PROFILES.get("kenC");
        Profile lowered = PROFILES.get("gbrC");
        Profile stays = PROFILES.get("gbrTS");
        Profile clearedReader = PROFILES.get("kenS");
        OracleLabel c = OracleLabel.of("CONFIDENTIAL");
        String members = IncidentApi.create(cmd.username(), "Delivery " + RUN + " E", "HIGH", c, "MEMBERS").getString("id");
        String cleared = IncidentApi.create(cmd.username(), "Delivery " + RUN + " F", "HIGH", c, "CLEARED").getString("id");
        IncidentApi.member(cmd.username(), members, removed.username(), "RESPONDER");
        IncidentApi.member(cmd.username(), members, lowered.username(), "OBSERVER");
        IncidentApi.member(cmd.username(), members, stays.username(), "RESPONDER");
        Map<Profile, LiveSocket> sockets = new LinkedHashMap<>();
        for (Profile p : List.of(cmd, removed, lowered, stays, clearedReader)) {
            LiveSocket s = LiveSocket.open(p.username(), "revocation " + p.key());
            sockets.put(p, s);
            String room = p.equals(clearedReader) ? cleared : members;
            cells++;
            check(s.subscribeAndWait(room).is("subscribed"), false, p + " subscribes");
        }
        sockets.get(cmd).subscribeAndWait(cleared);
        ForumApi.sleep(300);

        IncidentApi.expect(204, IncidentApi.removeMember(cmd.username(), members, IncidentApi.userId(removed.username())),
                "remove kenC");
        expectDropped(sockets.get(removed), members, "kenC, removed from the MEMBERS room");
        OracleLabel raised = OracleLabel.of("SECRET", "GBR");
        IncidentApi.expect(200, IncidentApi.patch(cmd.username(), members, Json.createObjectBuilder()
                .add("label", raised.json()).build()), "raise E");
        IncidentApi.expect(200, IncidentApi.patch(cmd.username(), cleared, Json.createObjectBuilder()
                .add("label", raised.json()).build()), "raise F");
        expectDropped(sockets.get(lowered), members, "gbrC (CONFIDENTIAL) after E was raised to " + raised);
        expectDropped(sockets.get(clearedReader), cleared, "kenS (KEN) after the CLEARED room F was raised to " + raised);
        ForumApi.sleep(300);
        Map<Profile, Integer> marks = new LinkedHashMap<>();
        sockets.forEach((p, s) -> marks.put(p, s.size()));

        sockets.get(removed).typing(members);
        sockets.get(lowered).typing(members);
        sockets.get(removed).sendMessage(members, "rv-" + RUN, "from outside", null);
        String m1 = IncidentApi.sendOk(cmd.username(), members, "E after the revocations", null).getString("id");
        String m2 = IncidentApi.sendOk(cmd.username(), cleared, "F after the raise", null).getString("id");
        sockets.get(stays).typing(members);
        ForumApi.sleep(1_000);
        for (Profile p : List.of(removed, lowered, clearedReader)) {
            List<LiveSocket.Frame> since = sockets.get(p).frames().subList(marks.get(p), sockets.get(p).size());
            List<String> roomFrames = since.stream().filter(f -> f.json() != null && !f.is("error")
                    && (members.equals(f.json().getString("incident", null)) || cleared.equals(f.json().getString("incident", null))))
                    .map(LiveSocket.Frame::text).toList();
            cells++;
            check(roomFrames.isEmpty(), true, p + " got frames of a room it lost: " + roomFrames);
        }
        List<String> got = sockets.get(stays).frames("message").stream()
                .map(f -> f.json().getJsonObject("message").getString("id")).toList();
        cells++;
        check(got.contains(m1), false, "gbrTS (still a member, TOP_SECRET) gets E's message");
        List<String> cmdGot = sockets.get(cmd).frames("message").stream()
                .map(f -> f.json().getJsonObject("message").getString("id")).toList();
        cells++;
        check(cmdGot.contains(m1) && cmdGot.contains(m2), false, "the commander gets both rooms' messages");
        cells++;
        check(sockets.get(cmd).frames().subList(marks.get(cmd), sockets.get(cmd).size()).stream()
                        .noneMatch(f -> f.is("typing") && (f.text().contains(removed.username())
                                || f.text().contains(lowered.username()))),
                true, "typing of users who lost the room reached the commander");
        cells++;
        check(IncidentApi.timeline(cmd.username(), members).stream()
                .noneMatch(m -> ("rv-" + RUN).equals(m.getString("clientId", null))), true,
                "the removed member's socket send was written");
        for (String room : List.of(members, cleared)) {
            List<LiveSocket.Frame> presence = sockets.get(cmd).frames().stream().filter(f -> f.is("presence", room)).toList();
            cells++;
            check(!presence.isEmpty(), false, "the commander got presence frames for " + room);
            if (!presence.isEmpty()) {
                String last = presence.get(presence.size() - 1).text();
                check(!last.contains(removed.username()) && !last.contains(lowered.username())
                        && !last.contains(clearedReader.username()), true, "the last presence still lists a revoked user: " + last);
            }
        }
        sockets.values().forEach(LiveSocket::close);
        assertClean("revocations on open sockets");
    }

    private static void expectDropped(LiveSocket socket, String room, String who) {
        cells++;
        check(socket.await(f -> f.is("error", room) && "not_found".equals(f.json().getString("code", "")), ANSWER).isPresent(),
                false, who + " gets a not_found error frame for the room: " + socket.texts());
    }

    // ---------------------------------------------------------------------------------------------

    private static void check(boolean ok, boolean leakIfNot, String what) {
        if (!ok) {
            if (leakIfNot) {
                leak(what);
            } else {
                mismatch(what);
            }
        }
    }

    private static void mismatch(String what) {
        MISMATCHES.add(what);
        System.out.println("[delivery] MISMATCH " + what);
    }

    private static void leak(String what) {
        MISMATCHES.add("LEAK " + what);
        LEAKS.add(what);
        System.out.println("[delivery] LEAK " + what);
    }

    private static int reported;

    private static void assertClean(String phase) {
        List<String> found = List.copyOf(MISMATCHES.subList(reported, MISMATCHES.size()));
        reported = MISMATCHES.size();
        assertTrue(found.isEmpty(), phase + ": " + found.size() + " mismatches, first ones:\n"
                + found.stream().limit(40).collect(Collectors.joining("\n")));
    }
}
