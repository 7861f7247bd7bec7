package org.escape.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * KILL-9 (../shared/docs/SECURITY.md): {@code kill -9} of the Payara JVM while 20 socket clients chat
 * in an incident room; {@code ./escape start} again; the clients reconnect with backoff, resubscribe
 * with {@code after=<last seq>} and re-send what was not acknowledged with the same {@code clientId}.
 * Then, for every reader: every acknowledged message it may read was delivered exactly once, in seq
 * order, nothing above it was delivered, and every persisted entry it may read reached it; every
 * clientId is persisted once.
 *
 * <p>Drives the servers as a user would, through {@code ./escape start} and {@code ./escape stop}, on
 * servers of its own (ESCAPE_HOME {@code target/it-runtime-kill-nine}, HTTP 38080, Keycloak 38180) so
 * the integration tiers' servers are untouched; stops them afterwards whatever happens (also from a
 * shutdown hook, and {@code ./escape test} stops every {@code target/it-runtime*} home at the end).
 * Runs in the Maven profile {@code kill-nine}, which {@code ./escape test} turns on (its own failsafe
 * execution sets {@code escape.killNine=true}; elsewhere this class is skipped).
 *
 * <p>The clients are the demo users (five countries, UNCLASSIFIED to TOP SECRET), 2–3 sockets each,
 * sending over the socket at the default rate limits, with labels from UNCLASSIFIED to TOP SECRET and
 * releasable to GBR (and KEN) only, so that many messages are above some readers.
 */
@EnabledIfSystemProperty(named = "escape.killNine", matches = "true")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class KillNineIT {

    private static final Path HOME = Path.of(System.getProperty("escape.killNine.home", "target/it-runtime-kill-nine")).toAbsolutePath();
    private static final int HTTP_PORT = Integer.getInteger("escape.killNine.httpPort", 38080);
    private static final int KEYCLOAK_PORT = Integer.getInteger("escape.killNine.keycloakPort", 38180);
    private static final Path SCRIPT = Path.of(System.getProperty("escape.script", "../escape")).toAbsolutePath();
    private static final Path EAR = Path.of(System.getProperty("escape.ear", "target/escape.ear")).toAbsolutePath();
    private static final String BASE = "http://localhost:" + HTTP_PORT;
    private static final String WS = "ws://localhost:" + HTTP_PORT + "/ws?ticket=";
    private static final String KEYCLOAK = "http://localhost:" + KEYCLOAK_PORT;
    private static final int CHAT_SECONDS = Integer.getInteger("escape.killNine.chatSeconds", 10);
    private static final long SEND_PERIOD_MS = Long.getLong("escape.killNine.sendPeriodMs", 2000);
    private static final String RUN = Long.toString(System.currentTimeMillis() / 1000, 36);

    private static final List<String> LEVELS = List.of("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP_SECRET");

    private record User(String name, String country, int clearance) {
        boolean reads(Label label) {
            return clearance >= label.rank && (label.countries.isEmpty() || label.countries.contains(country));
        }
    }

    private record Label(int rank, Set<String> countries) {
        static Label of(int rank, String... countries) {
            return new Label(rank, new TreeSet<>(Arrays.asList(countries)));
        }

        static Label of(JsonObject json) {
            Set<String> countries = new TreeSet<>();
            for (JsonValue v : json.getJsonArray("releasableTo")) {
                String c = ((JsonString) v).getString();
                if (!c.equals("ALL")) {
                    countries.add(c);
                }
            }
            return new Label(LEVELS.indexOf(json.getString("classification")), countries);
        }

        String json() {
            String rel = countries.isEmpty() ? "\"ALL\"" : countries.stream().map(c -> '"' + c + '"').collect(Collectors.joining(","));
            return "{\"classification\":\"" + LEVELS.get(rank) + "\",\"releasableTo\":[" + rel + "]}";
        }

        @Override
        public String toString() {
            return LEVELS.get(rank) + (countries.isEmpty() ? "" : "//REL " + String.join(",", countries));
        }
    }

    /** The demo realm's users (dev/keycloak/escape-realm.json; password = username). */
    private static final List<User> USERS = List.of(new User("alice", "GBR", 3), new User("bashir", "KEN", 2),
            new User("chen", "MYS", 1), new User("deepa", "IND", 4), new User("eve", "CAN", 0), new User("audrey", "CHE", 3),
            new User("ops", "GBR", 2));
    private static final List<Label> LABELS = List.of(Label.of(0), Label.of(1), Label.of(2), Label.of(2, "GBR", "KEN"),
            Label.of(3), Label.of(3, "GBR"), Label.of(4));

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static Thread shutdownHook;
    private static int starts;

    // -----------------------------------------------------------------------------------------
    // Servers: ./escape start / stop on a home and ports of this test's own
    // -----------------------------------------------------------------------------------------

    @BeforeAll
    static void startServers() throws Exception {
        Files.createDirectories(HOME);
        deleteTree(HOME.resolve("db")); // fresh data every run; the domain and Keycloak's data are kept
        // The EAR under test, copied: ./escape would rebuild its default EAR path if a source looked newer.
        Files.copy(EAR, HOME.resolve("escape.ear"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        shutdownHook = new Thread(() -> escape("stop", 120));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        long t0 = System.nanoTime();
        escape("start", 600);
        log("servers up in %.0f s (%s, HTTP %d, Keycloak %d)", (System.nanoTime() - t0) / 1e9, HOME, HTTP_PORT, KEYCLOAK_PORT);
    }

    @AfterAll
    static void stopServers() {
        escape("stop", 180);
        long pid = payaraPid();
        if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            log("Payara pid %d still alive after ./escape stop: killing it", pid);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    /** Runs ./escape COMMAND with this test's settings; its output goes to a log file, shown on failure. */
    private static boolean escape(String command, int timeoutSeconds) {
        Path log = HOME.resolve("escape-" + command + "-" + (++starts) + ".log");
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("ESCAPE_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("ESCAPE_HOME", HOME.toString());
        env.put("ESCAPE_HTTP_PORT", Integer.toString(HTTP_PORT));
        env.put("ESCAPE_KEYCLOAK_PORT", Integer.toString(KEYCLOAK_PORT));
        env.put("ESCAPE_EAR", HOME.resolve("escape.ear").toString());
        env.put("ESCAPE_DEMO", "0");
        try {
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("./escape " + command + " took over " + timeoutSeconds + " s; see " + log + "\n" + tail(log));
            }
            if (p.exitValue() != 0) {
                if (command.equals("stop")) {
                    log("./escape stop exited %d; see %s", p.exitValue(), log);
                    return false;
                }
                throw new IllegalStateException("./escape " + command + " failed (" + p.exitValue() + "); see " + log + "\n" + tail(log));
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The Payara JVM of this test's domain: its pid file, checked against the process's command line. */
    private static long payaraPid() {
        try {
            long pid = Long.parseLong(Files.readString(HOME.resolve("payara/escape/config/pid")).trim());
            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            return cmdline.contains(HOME.resolve("payara").toString()) ? pid : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // -----------------------------------------------------------------------------------------
    // The test
    // -----------------------------------------------------------------------------------------

    @Test
    void everyAcknowledgedMessageReachesEveryReaderExactlyOnceAcrossAKill9() throws Exception {
        long testStart = System.nanoTime();
        String incident = createRoom();
        List<Client> clients = new ArrayList<>();
        int[] perUser = {3, 3, 3, 3, 3, 3, 2}; // 20 sockets
        for (int u = 0; u < USERS.size(); u++) {
            for (int k = 0; k < perUser[u]; k++) {
                clients.add(new Client(clients.size(), USERS.get(u), incident));
            }
        }
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(4);
        try {
            clients.forEach(c -> c.connect(timers));
            await("all 20 clients subscribed", 60, () -> clients.stream().allMatch(Client::live));
            log("20 sockets subscribed to incident %s; chatting for %d s", incident, CHAT_SECONDS);

            // Phase 1: chat, then kill -9 mid-stream.
            Generator generator = new Generator(clients, timers);
            generator.start();
            sleep(CHAT_SECONDS * 1000L);
            await("some messages acknowledged before the kill", 30, () -> acked(clients) >= 20);
            long pid = payaraPid();
            assertTrue(pid > 0, "no Payara pid for " + HOME);
            int ackedBefore = acked(clients);
            int pendingBefore = clients.stream().mapToInt(Client::pendingCount).sum();
            long killedAt = System.nanoTime();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            await("Payara pid " + pid + " gone", 30, () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            log("kill -9 %d: %d messages acknowledged, %d sent but unacknowledged", pid, ackedBefore, pendingBefore);

            // Restart as a user would; the clients keep retrying with backoff meanwhile.
            escape("start", 600);
            double restartSeconds = (System.nanoTime() - killedAt) / 1e9;
            log("./escape start: ready %.1f s after the kill", restartSeconds);
            await("all 20 clients resubscribed", 120, () -> clients.stream().allMatch(c -> c.live() && c.reconnects.get() > 0));
            log("all 20 resubscribed %.1f s after the kill (acked so far %d); chatting for %d s", (System.nanoTime() - killedAt) / 1e9,
                    acked(clients), CHAT_SECONDS);

            // Phase 2: chat again, then let everything pending be acknowledged.
            sleep(CHAT_SECONDS * 1000L);
            generator.stop();
            log("chat stopped: %d acked, %d pending", acked(clients), clients.stream().mapToInt(Client::pendingCount).sum());
            boolean allAcked = awaitSoftly(90, () -> clients.stream().allMatch(c -> c.pendingCount() == 0));
            log("acknowledged: %s (%d acked, %d pending)", allAcked, acked(clients), clients.stream().mapToInt(Client::pendingCount).sum());

            // What each user may read, as the server has it now; wait until every socket has it all.
            Map<String, List<JsonObject>> rest = new HashMap<>();
            for (User u : USERS) {
                rest.put(u.name, timeline(incident, u));
            }
            boolean caughtUp = awaitSoftly(60, () -> clients.stream().allMatch(c -> c.hasAll(rest.get(c.user.name))));
            log("readers caught up: %s", caughtUp);
            for (Client c : clients) {
                if (c.closes.size() > 1 || !c.hasAll(rest.get(c.user.name))) {
                    log("  socket %d (%s): closes %s, frames %s, live %s", c.index, c.user.name, c.closes, c.frameCounts, c.live());
                }
            }
            sleep(1000); // anything late would be a duplicate

            Verdict v = verdict(clients, rest);
            double runSeconds = (System.nanoTime() - testStart) / 1e9;
            String line = String.format(Locale.ROOT,
                    "KILL-9: acked=%d, delivered=%d, lost=%d, duplicated=%d, reordered=%d, leaked=%d, restart_s=%.1f",
                    v.acked, v.delivered, v.lost, v.duplicated, v.reordered, v.leaked, restartSeconds);
            System.out.println(line);
            System.out.printf(Locale.ROOT, "KILL-9 details: readers=%d, acked_before_kill=%d, unacked_at_kill=%d, resent=%d,"
                            + " persisted=%d, persisted_duplicates=%d, ack_conflicts=%d, phantom=%d, persisted_not_delivered=%d,"
                            + " reconnects=%d, test_s=%.0f%n",
                    clients.size(), ackedBefore, pendingBefore, clients.stream().mapToInt(c -> c.resent.get()).sum(), v.persisted,
                    v.persistedDuplicates, v.ackConflicts, v.phantom, v.persistedNotDelivered,
                    clients.stream().mapToInt(c -> c.reconnects.get()).sum(), runSeconds);
            v.samples.stream().limit(20).forEach(s -> System.out.println("  " + s));

            assertTrue(allAcked, "messages still unacknowledged 90 s after the chat stopped: "
                    + clients.stream().mapToInt(Client::pendingCount).sum());
            assertTrue(caughtUp, "readers still missing timeline entries 60 s after the last acknowledgement");
            assertTrue(v.acked > ackedBefore, "messages were acknowledged after the restart");
            assertEquals(0, v.lost, "acknowledged messages lost: " + v.samples);
            assertEquals(0, v.duplicated, "messages delivered twice: " + v.samples);
            assertEquals(0, v.reordered, "messages delivered out of seq order: " + v.samples);
            assertEquals(0, v.leaked, "messages delivered above a reader: " + v.samples);
            assertEquals(0, v.persistedDuplicates, "clientIds persisted more than once: " + v.samples);
            assertEquals(0, v.ackConflicts, "a clientId acknowledged with two different ids: " + v.samples);
            assertEquals(0, v.phantom, "deliveries of entries the server does not have (or not for that reader): " + v.samples);
            assertEquals(0, v.persistedNotDelivered, "persisted readable entries never delivered: " + v.samples);
            assertEquals(0, clients.stream().mapToInt(c -> c.protocolErrors.size()).sum(),
                    "error frames: " + clients.stream().flatMap(c -> c.protocolErrors.stream()).limit(10).toList());
        } finally {
            clients.forEach(Client::close);
            timers.shutdownNow();
        }
    }

    // -----------------------------------------------------------------------------------------
    // Set-up and REST
    // -----------------------------------------------------------------------------------------

    private String createRoom() {
        HttpResponse<String> r = api("POST", "/api/v1/incidents", USERS.get(0), "{\"title\":\"KILL-9 " + RUN
                + "\",\"summary\":\"kill -9 during a chat\",\"severity\":\"HIGH\",\"label\":" + Label.of(0).json()
                + ",\"access\":\"CLEARED\"}");
        assertEquals(201, r.statusCode(), "create the incident: " + r.body());
        String id = json(r.body()).getString("id");
        for (User u : USERS.subList(1, USERS.size())) {
            HttpResponse<String> join = api("POST", "/api/v1/incidents/" + id + "/join", u, null);
            assertTrue(join.statusCode() == 201 || join.statusCode() == 200, "join as " + u.name + ": " + join.statusCode() + " " + join.body());
        }
        return id;
    }

    /** Everything the user may read in the incident, over REST, ascending (after=, pages of 500). */
    private List<JsonObject> timeline(String incident, User user) {
        List<JsonObject> all = new ArrayList<>();
        long after = 0;
        while (true) {
            HttpResponse<String> r = api("GET", "/api/v1/incidents/" + incident + "/messages?after=" + after + "&limit=500", user, null);
            assertEquals(200, r.statusCode(), "timeline as " + user.name + ": " + r.body());
            JsonObject page = json(r.body());
            JsonArray items = page.getJsonArray("items");
            for (JsonValue v : items) {
                all.add(v.asJsonObject());
                after = Math.max(after, v.asJsonObject().getJsonNumber("seq").longValue());
            }
            if (items.isEmpty() || !page.getBoolean("hasMore", false)) {
                return all;
            }
        }
    }

    private static HttpResponse<String> api(String method, String path, User user, String body) {
        HttpResponse<String> r = send(method, path, token(user, false), body);
        if (r.statusCode() == 401) {
            r = send(method, path, token(user, true), body);
        }
        return r;
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String token(User user, boolean fresh) {
        if (!fresh && TOKENS.containsKey(user.name)) {
            return TOKENS.get(user.name);
        }
        String form = "grant_type=password&client_id=escape-cli&username=" + user.name + "&password=" + user.name;
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/escape/protocol/openid-connect/token"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("no token for " + user.name + ": " + r.statusCode() + " " + r.body());
            }
            String token = json(r.body()).getString("access_token");
            TOKENS.put(user.name, token);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // -----------------------------------------------------------------------------------------
    // A socket client: reconnects with backoff, resubscribes after its last seq, re-sends unacked
    // -----------------------------------------------------------------------------------------

    private record Delivery(String id, long seq, String clientId, Label label, String kind) {
    }

    private record Sent(String clientId, Label label, String frame) {
    }

    private record Ack(String id, long seq) {
    }

    private final class Client implements WebSocket.Listener {
        final int index;
        final User user;
        final String incident;
        final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Sent> pending = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<String, Long> lastSentAt = new ConcurrentHashMap<>();
        final Map<String, Ack> acks = new ConcurrentHashMap<>();
        final Map<String, Label> sentLabels = new ConcurrentHashMap<>();
        final List<String> protocolErrors = Collections.synchronizedList(new ArrayList<>());
        final List<String> ackConflicts = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger reconnects = new AtomicInteger(-1);
        final java.util.concurrent.atomic.AtomicBoolean downHandled = new java.util.concurrent.atomic.AtomicBoolean();
        final AtomicInteger resent = new AtomicInteger();
        final AtomicInteger counter = new AtomicInteger();
        final Map<String, Integer> frameCounts = new ConcurrentHashMap<>();
        final List<String> closes = Collections.synchronizedList(new ArrayList<>());
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket ws;
        volatile boolean subscribed;
        volatile boolean closing;
        volatile long lastSeq;
        volatile boolean offlineMessageQueued;
        ScheduledExecutorService timers;
        int failures;

        Client(int index, User user, String incident) {
            this.index = index;
            this.user = user;
            this.incident = incident;
        }

        boolean live() {
            return subscribed && ws != null && !ws.isOutputClosed();
        }

        int pendingCount() {
            return pending.size();
        }

        void connect(ScheduledExecutorService timers) {
            this.timers = timers;
            attempt();
        }

        private void attempt() {
            if (closing) {
                return;
            }
            try {
                HttpResponse<String> r = api("POST", "/api/v1/ws-tickets", user, null);
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("ticket: " + r.statusCode());
                }
                String ticket = json(r.body()).getString("ticket");
                HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(URI.create(WS + URLEncoder.encode(ticket, StandardCharsets.UTF_8)), this)
                        .whenComplete((socket, failure) -> {
                            if (failure != null) {
                                retry();
                            }
                        });
            } catch (RuntimeException e) {
                retry();
            }
        }

        /** Exponential backoff with jitter: 250 ms doubling to 2 s. */
        private void retry() {
            if (closing) {
                return;
            }
            long delay = Math.min(2000, 250L << Math.min(3, failures++));
            timers.schedule(this::attempt, delay + ThreadLocalRandom.current().nextLong(200), TimeUnit.MILLISECONDS);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            failures = 0;
            downHandled.set(false);
            reconnects.incrementAndGet();
            long after = lastSeq;
            webSocket.sendText("{\"type\":\"subscribe\",\"incident\":\"" + incident + "\",\"after\":" + after + "}", true);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onFrame(json(text));
                } catch (RuntimeException e) {
                    protocolErrors.add("client " + index + ": " + e + " on " + text);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void onFrame(JsonObject frame) {
            frameCounts.merge(frame.getString("type", "?"), 1, Integer::sum);
            switch (frame.getString("type", "")) {
                case "subscribed" -> {
                    subscribed = true;
                    timers.execute(this::resendPending); // not on the socket's own callback thread
                }
                case "message" -> {
                    JsonObject m = frame.getJsonObject("message");
                    JsonValue cid = m.get("clientId");
                    Delivery d = new Delivery(m.getString("id"), m.getJsonNumber("seq").longValue(),
                            cid instanceof JsonString s ? s.getString() : null, Label.of(m.getJsonObject("label")), m.getString("kind", "?"));
                    deliveries.add(d);
                    lastSeq = Math.max(lastSeq, d.seq);
                }
                case "ack" -> {
                    String clientId = frame.getString("clientId");
                    Ack ack = new Ack(frame.getString("id"), frame.getJsonNumber("seq").longValue());
                    Ack before = acks.putIfAbsent(clientId, ack);
                    if (before != null && !before.equals(ack)) {
                        ackConflicts.add(clientId + ": " + before + " then " + ack);
                    }
                    pending.remove(clientId);
                }
                case "error" -> {
                    String code = frame.getString("code", "?");
                    if (!code.equals("rate_limited") && !code.equals("unavailable")) {
                        protocolErrors.add("client " + index + " (" + user.name + "): " + frame);
                    }
                    // rate_limited / unavailable: the message stays pending and is sent again later
                }
                default -> {
                    // pong, presence, typing, status, notification
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!closing) {
                closes.add(java.time.LocalTime.now().withNano(0) + " " + statusCode + " " + reason);
                if (statusCode != 1006) {
                    log("socket %d (%s) closed by the server: %d %s (frames so far %s)", index, user.name, statusCode, reason, frameCounts);
                }
            }
            down();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!closing) {
                closes.add(java.time.LocalTime.now().withNano(0) + " error " + error);
            }
            down();
        }

        /** Once per socket (onClose and onError may both come): offline, then reconnect with backoff. */
        private void down() {
            if (!downHandled.compareAndSet(false, true)) {
                return;
            }
            subscribed = false;
            ws = null;
            partial.setLength(0);
            if (!closing) {
                if (!offlineMessageQueued) {
                    offlineMessageQueued = true;
                    newMessage(); // written while offline: sent after the reconnect
                }
                retry();
            }
        }

        /** A new chat message: pending until acknowledged; sent now when the socket is live. */
        void newMessage() {
            List<Label> mine = LABELS.stream().filter(user::reads).toList();
            int n = counter.getAndIncrement();
            Label label = mine.get((n + index) % mine.size());
            String clientId = "k9-" + RUN + "-" + index + "-" + n;
            String frame = "{\"type\":\"send\",\"incident\":\"" + incident + "\",\"clientId\":\"" + clientId + "\",\"body\":\"message " + n
                    + " from socket " + index + " (" + user.name + ") at " + label + "\",\"label\":" + label.json() + "}";
            Sent sent = new Sent(clientId, label, frame);
            sentLabels.put(clientId, label);
            pending.put(clientId, sent);
            if (live()) {
                transmit(sent);
            }
        }

        void resendPending() {
            List<Sent> again;
            synchronized (pending) {
                again = new ArrayList<>(pending.values());
            }
            for (Sent s : again) {
                if (lastSentAt.containsKey(s.clientId)) {
                    resent.incrementAndGet();
                }
                transmit(s);
            }
        }

        /** Re-sends what stayed unacknowledged for 5 s on a live socket (a frame lost with a dying server). */
        void resendStale() {
            long now = System.nanoTime();
            List<Sent> again;
            synchronized (pending) {
                again = new ArrayList<>(pending.values());
            }
            for (Sent s : again) {
                Long at = lastSentAt.get(s.clientId);
                if (live() && (at == null || now - at > TimeUnit.SECONDS.toNanos(5))) {
                    if (at != null) {
                        resent.incrementAndGet();
                    }
                    transmit(s);
                }
            }
        }

        private synchronized void transmit(Sent s) {
            WebSocket socket = ws;
            if (socket == null) {
                return;
            }
            lastSentAt.put(s.clientId, System.nanoTime());
            try {
                socket.sendText(s.frame, true).get(5, TimeUnit.SECONDS); // one outstanding send per socket
            } catch (Exception e) {
                // the socket died: the message stays pending, the reconnect re-sends it
            }
        }

        /** Whether every entry of the reader's REST timeline has reached this socket. */
        boolean hasAll(List<JsonObject> timeline) {
            Set<String> have;
            synchronized (deliveries) {
                have = deliveries.stream().map(Delivery::id).collect(Collectors.toSet());
            }
            return timeline.stream().allMatch(m -> have.contains(m.getString("id")));
        }

        void close() {
            closing = true;
            WebSocket socket = ws;
            if (socket != null) {
                socket.abort();
            }
        }
    }

    /** Every client writes a message every SEND_PERIOD_MS (staggered) while its socket is live. */
    private static final class Generator {
        private final List<Client> clients;
        private final ScheduledExecutorService timers;
        private final List<java.util.concurrent.ScheduledFuture<?>> tasks = new ArrayList<>();

        Generator(List<Client> clients, ScheduledExecutorService timers) {
            this.clients = clients;
            this.timers = timers;
        }

        void start() {
            for (Client c : clients) {
                long offset = SEND_PERIOD_MS * c.index / clients.size();
                tasks.add(timers.scheduleAtFixedRate(() -> {
                    if (c.live()) {
                        c.newMessage();
                    }
                }, offset, SEND_PERIOD_MS, TimeUnit.MILLISECONDS));
            }
            tasks.add(timers.scheduleAtFixedRate(() -> clients.forEach(Client::resendStale), 1, 1, TimeUnit.SECONDS));
        }

        void stop() {
            // keeps the stale re-sender (the last task) running until every message is acknowledged
            tasks.subList(0, tasks.size() - 1).forEach(t -> t.cancel(false));
        }
    }

    // -----------------------------------------------------------------------------------------
    // The verdict
    // -----------------------------------------------------------------------------------------

    private record Verdict(int acked, int delivered, int lost, int duplicated, int reordered, int leaked, int persisted,
                           int persistedDuplicates, int ackConflicts, int phantom, int persistedNotDelivered, List<String> samples) {
    }

    private static int acked(List<Client> clients) {
        return clients.stream().mapToInt(c -> c.acks.size()).sum();
    }

    private Verdict verdict(List<Client> clients, Map<String, List<JsonObject>> rest) {
        List<String> samples = new ArrayList<>();
        // Every acknowledged message: id, seq and label (the label as sent).
        Map<String, Ack> acked = new HashMap<>();
        Map<String, Label> labelOf = new HashMap<>();
        int ackConflicts = 0;
        for (Client c : clients) {
            acked.putAll(c.acks);
            labelOf.putAll(c.sentLabels);
            ackConflicts += c.ackConflicts.size();
            samples.addAll(c.ackConflicts);
        }
        // clientId -> distinct persisted ids, over every reader's view (each author reads its own messages).
        Map<String, Set<String>> persistedIds = new HashMap<>();
        Set<String> persisted = new HashSet<>();
        for (List<JsonObject> view : rest.values()) {
            for (JsonObject m : view) {
                persisted.add(m.getString("id"));
                JsonValue cid = m.get("clientId");
                if (cid instanceof JsonString s && s.getString().startsWith("k9-" + RUN + "-")) {
                    persistedIds.computeIfAbsent(s.getString(), k -> new TreeSet<>()).add(m.getString("id"));
                }
            }
        }
        int persistedDuplicates = 0;
        for (var e : persistedIds.entrySet()) {
            if (e.getValue().size() > 1) {
                persistedDuplicates += e.getValue().size() - 1;
                samples.add("clientId " + e.getKey() + " persisted as " + e.getValue());
            }
        }
        for (var e : acked.entrySet()) {
            Set<String> ids = persistedIds.get(e.getKey());
            if (ids != null && !ids.contains(e.getValue().id())) {
                ackConflicts++;
                samples.add("clientId " + e.getKey() + " acknowledged as " + e.getValue() + " but persisted as " + ids);
            }
        }

        int delivered = 0;
        int lost = 0;
        int duplicated = 0;
        int reordered = 0;
        int leaked = 0;
        int phantom = 0;
        int persistedNotDelivered = 0;
        for (Client c : clients) {
            List<Delivery> ds;
            synchronized (c.deliveries) {
                ds = new ArrayList<>(c.deliveries);
            }
            Set<String> readable = rest.get(c.user.name).stream().map(m -> m.getString("id")).collect(Collectors.toSet());
            Set<String> seen = new HashSet<>();
            long maxSeq = -1;
            for (Delivery d : ds) {
                delivered++;
                if (!seen.add(d.id)) {
                    duplicated++;
                    samples.add("socket " + c.index + " (" + c.user.name + ") got " + d.id + " (seq " + d.seq + ") again");
                    continue;
                }
                if (d.seq <= maxSeq) {
                    reordered++;
                    samples.add("socket " + c.index + " (" + c.user.name + ") got seq " + d.seq + " after " + maxSeq);
                }
                maxSeq = Math.max(maxSeq, d.seq);
                Label sentAs = d.clientId == null ? null : labelOf.get(d.clientId);
                if (!c.user.reads(d.label) || (sentAs != null && !c.user.reads(sentAs))) {
                    leaked++;
                    samples.add("LEAK: socket " + c.index + " (" + c.user + ") got " + d.label + " " + d.id);
                }
                if (!readable.contains(d.id)) {
                    phantom++;
                    samples.add("socket " + c.index + " (" + c.user.name + ") got " + d.id + " (seq " + d.seq + ", " + d.clientId
                            + ") which its REST timeline does not have");
                }
            }
            for (var e : acked.entrySet()) {
                Label label = labelOf.get(e.getKey());
                if (label != null && c.user.reads(label) && !seen.contains(e.getValue().id())) {
                    lost++;
                    samples.add("socket " + c.index + " (" + c.user.name + ") never got acknowledged " + e.getKey() + " " + e.getValue());
                }
            }
            for (String id : readable) {
                if (!seen.contains(id)) {
                    persistedNotDelivered++;
                }
            }
        }
        return new Verdict(acked.size(), delivered, lost, duplicated, reordered, leaked, persisted.size(), persistedDuplicates,
                ackConflicts, phantom, persistedNotDelivered, samples);
    }

    // -----------------------------------------------------------------------------------------
    // Helpers
    // -----------------------------------------------------------------------------------------

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static void await(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + seconds + " s waiting for: " + what);
            }
            sleep(100);
        }
    }

    private static boolean awaitSoftly(int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(100);
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[kill-9] %s " + format + "%n",
                java.util.stream.Stream.concat(java.util.stream.Stream.of(java.time.LocalTime.now().withNano(0)), Arrays.stream(args)).toArray());
    }
}
