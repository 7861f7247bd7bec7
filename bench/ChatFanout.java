import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Benchmark B1 (../shared/docs/BENCHMARKS.md): chat fan-out over the live socket {@code /ws}, with
 * its lower bound measured in the same run on the same server by the same client harness.
 *
 * <ul>
 *   <li><b>escape</b>: {@code bench.clients} (1,000) authenticated sockets — {@code bench.usersPerProfile}
 *       (10) Keycloak users for each of 20 (country, clearance) profiles, each user holding
 *       {@code clients / users} (5) sockets, within the default {@code escape.ws.max-sessions-per-user}
 *       of 8 — subscribed to {@code bench.rooms} (50) CLEARED incidents, 20 sockets of 20 different
 *       profiles per room. Labelled messages (UNCLASSIFIED to SECRET, some releasable to GBR and KEN,
 *       or GBR and IND, only) are sent over the socket ({@code send} frames) by members who may read
 *       them, at fixed aggregate rates stepped up until p99 exceeds {@code bench.p99LimitMs} (250 ms).
 *       Latency per delivery: from the message's scheduled send time to its {@code message} frame
 *       arriving at each reader (open loop: a send leaves at its scheduled time whatever the server
 *       does, so queueing is not hidden). Also send→ack (persisted).
 *   <li><b>lower bound</b>: an unauthenticated, unfiltered, non-persisting broadcast endpoint (a WAR of
 *       one {@code @ServerEndpoint}, bench/broadcast, deployed to the bench domain only) with the same
 *       1,000 sockets in the same rooms, frames of the same size, the same rates, the same parsing.
 * </ul>
 *
 * <p><b>Correctness gate</b>: every delivery's label is checked against its reader (clearance and
 * country): zero above a reader; every acknowledged message is persisted exactly once (checked over
 * REST with {@code after=} by a reader cleared for every label used); deliveries that never arrive
 * are counted.
 *
 * <p>Run by {@code ./escape bench chat-fanout}, which starts dedicated servers, pins Payara and this
 * JVM to different cores and passes the Payara pid (CPU-ms per delivery from /proc). Loopback only;
 * bounded in time ({@code bench.budgetSeconds}).
 */
public final class ChatFanout {

    // -----------------------------------------------------------------------------------------
    // Parameters (system properties set by ./escape)
    // -----------------------------------------------------------------------------------------

    static final String BASE = System.getProperty("escape.baseUrl", "http://127.0.0.1:29080");
    static final String WS_BASE = BASE.replaceFirst("^http", "ws");
    static final String KEYCLOAK = System.getProperty("escape.keycloakUrl", "http://localhost:29180");
    static final long SERVER_PID = Long.getLong("bench.serverPid", -1);
    static final int CLK_TCK = Integer.getInteger("bench.clkTck", 100);
    static final int CLIENTS = Integer.getInteger("bench.clients", 1000);
    static final int ROOMS = Integer.getInteger("bench.rooms", 50);
    static final int USERS_PER_PROFILE = Integer.getInteger("bench.usersPerProfile", 10);
    static final int[] RATES = ints(System.getProperty("bench.rates", "100,200,400,800,1600"));
    static final int[] LOWER_RATES = ints(System.getProperty("bench.lowerRates", "50,25"));
    static final int STEP_SECONDS = Integer.getInteger("bench.stepSeconds", 10);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 10);
    static final int DRAIN_SECONDS = Integer.getInteger("bench.drainSeconds", 10);
    static final double P99_LIMIT_MS = Double.parseDouble(System.getProperty("bench.p99LimitMs", "250"));
    static final boolean LOWER_BOUND = !"false".equals(System.getProperty("bench.lowerBound"));
    /** Only the lower-bound arm, no ESCAPE (no Keycloak users, rooms or tickets): checks the harness and the endpoint. */
    static final boolean LOWER_BOUND_ONLY = Boolean.getBoolean("bench.lowerBoundOnly");
    static final String LOWER_BOUND_URL = System.getProperty("bench.lowerBoundUrl", WS_BASE + "/bench-broadcast/ws/");
    static final int BODY_CHARS = Integer.getInteger("bench.bodyChars", 240);
    static final int BUDGET_SECONDS = Integer.getInteger("bench.budgetSeconds", 660);
    static final int SETTLE_SECONDS = Integer.getInteger("bench.settleSeconds", 20);
    static final int CONNECT_PARALLELISM = Integer.getInteger("bench.connectParallelism", 16);
    static final boolean CHEAP_PASSWORDS = !"false".equals(System.getProperty("bench.cheapPasswords"));
    static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);
    static final String STAMP = Long.toString(System.currentTimeMillis() / 1000, 36);

    // -----------------------------------------------------------------------------------------
    // Profiles, users, labels (the gate's ground truth)
    // -----------------------------------------------------------------------------------------

    static final List<String> LEVELS = List.of("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP_SECRET");
    static final List<String> COUNTRIES = List.of("GBR", "KEN", "MYS", "IND", "CAN");

    record BUser(String name, String country, int clearance) {
        boolean reads(Label label) {
            return clearance >= label.rank && (label.countries.isEmpty() || label.countries.contains(country));
        }
    }

    /** A label: rank and countries (empty = ALL). */
    record Label(int rank, Set<String> countries) {
        static Label of(int rank, String... countries) {
            return new Label(rank, new TreeSet<>(Arrays.asList(countries)));
        }

        String json() {
            String rel = countries.isEmpty() ? "\"ALL\"" : countries.stream().map(c -> '"' + c + '"').collect(Collectors.joining(","));
            return "{\"classification\":\"" + LEVELS.get(rank) + "\",\"releasableTo\":[" + rel + "]}";
        }

        String marking() {
            return LEVELS.get(rank).replace('_', ' ') + (countries.isEmpty() ? "" : "//REL TO " + String.join(", ", countries));
        }

        static Label parse(Object json) {
            Map<?, ?> map = (Map<?, ?>) json;
            int rank = LEVELS.indexOf((String) map.get("classification"));
            if (rank < 0) {
                throw new IllegalStateException("unknown classification in " + json);
            }
            Set<String> countries = new TreeSet<>();
            for (Object c : (List<?>) map.get("releasableTo")) {
                if (!"ALL".equals(c)) {
                    countries.add((String) c);
                }
            }
            return new Label(rank, countries);
        }
    }

    /** Message labels, weighted by repetition: 7 U, 4 R, 3 C, 3 C//REL GBR KEN, 2 S, 1 S//REL GBR IND (of 20). */
    static final List<Label> LABELS = List.of(Label.of(0), Label.of(1), Label.of(2), Label.of(2, "GBR", "KEN"),
            Label.of(3), Label.of(3, "GBR", "IND"));
    static final int[] LABEL_CYCLE = {0, 1, 0, 2, 0, 3, 1, 0, 4, 2, 0, 1, 3, 0, 5, 2, 1, 0, 3, 4};

    // -----------------------------------------------------------------------------------------
    // State
    // -----------------------------------------------------------------------------------------

    final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "ws-client");
        t.setDaemon(true);
        return t;
    });
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(executor).build();
    final List<BUser> users = new ArrayList<>();
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    BUser checker;
    final List<String> rooms = new ArrayList<>();
    final List<Conn> escapeConns = new ArrayList<>();
    final List<Conn> lowerConns = new ArrayList<>();
    /** conns per arm, room and label: who may send, who may read. */
    final Map<String, List<List<Conn>>> byRoom = new HashMap<>();
    final Map<Integer, StepRun> runs = new ConcurrentHashMap<>();
    final AtomicInteger stepCounter = new AtomicInteger();
    final LongAdder leaks = new LongAdder();
    final LongAdder framesReceived = new LongAdder();
    final LongAdder parseErrors = new LongAdder();
    final LongAdder foreignFrames = new LongAdder();
    final LongAdder seqRegressions = new LongAdder();
    final Map<String, LongAdder> unpromptedErrors = new ConcurrentHashMap<>();
    final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();
    final List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Double> idleCpu = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicLong escapeFrameChars = new AtomicLong();
    final AtomicLong escapeFrameCount = new AtomicLong();
    final long startedAt = System.nanoTime();

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/chat-fanout-" + java.time.LocalDate.now() + ".json");
        ChatFanout bench = new ChatFanout();
        int rc;
        try {
            rc = bench.run(out);
        } finally {
            bench.closeAll();
        }
        System.exit(rc);
    }

    // -----------------------------------------------------------------------------------------
    // The run
    // -----------------------------------------------------------------------------------------

    int run(Path out) throws Exception {
        int socketsPerUser = Math.max(1, CLIENTS / (20 * USERS_PER_PROFILE));
        log("B1 chat fan-out: %s (Payara pid %d), %d clients = %d users x %d sockets, %d rooms, rates %s/s, %d s steps, p99 limit %.0f ms",
                BASE, SERVER_PID, CLIENTS, 20 * USERS_PER_PROFILE, socketsPerUser, ROOMS, Arrays.toString(RATES), STEP_SECONDS, P99_LIMIT_MS);
        if (LOWER_BOUND_ONLY) {
            return lowerBoundOnly(socketsPerUser, out);
        }
        ensureUsers();
        refreshTokens(users);
        refreshTokens(List.of(checker));
        createRooms();
        joinRooms(socketsPerUser);
        connectEscape(socketsPerUser);
        if (LOWER_BOUND) {
            connectLowerBound();
        }
        Thread pinger = startPinger();
        settle();

        log("warm-up %d s (discarded)", WARMUP_SECONDS);
        StepRun warm = step("escape", 50, WARMUP_SECONDS, true);
        if (LOWER_BOUND) {
            step("lower-bound", 50, Math.max(2, WARMUP_SECONDS / 2), true);
        }
        log("  warm-up: %d deliveries, p99 %.1f ms, mean frame %d chars", warm.deliveries.sum(), warm.p(99), meanFrameChars());

        List<StepRun> escapeSteps = new ArrayList<>();
        List<StepRun> lowerSteps = new ArrayList<>();
        String stopReason = "all rates done";
        List<Integer> rates = new ArrayList<>();
        for (int r : RATES) {
            rates.add(r);
        }
        boolean lowering = false;
        for (int i = 0; i < rates.size(); i++) {
            int rate = rates.get(i);
            if (!withinBudget(2 * (STEP_SECONDS + DRAIN_SECONDS) + 20)) {
                stopReason = "time budget (" + BUDGET_SECONDS + " s) reached";
                break;
            }
            settle();
            StepRun lb = null;
            if (LOWER_BOUND) {
                lb = step("lower-bound", rate, STEP_SECONDS, false);
                lowerSteps.add(lb);
                settle();
            }
            StepRun es = step("escape", rate, STEP_SECONDS, false);
            es.lowerBound = lb;
            escapeSteps.add(es);
            report(es);
            if (!es.held()) {
                if (!lowering && escapeSteps.size() == 1 && LOWER_RATES.length > 0) {
                    lowering = true;
                    stopReason = "p99 over the limit at the first rate: stepping down";
                    rates = new ArrayList<>(rates.subList(0, i + 1));
                    for (int r : LOWER_RATES) {
                        rates.add(r);
                    }
                    continue;
                }
                if (!lowering) {
                    stopReason = String.format(Locale.ROOT, "p99 %.1f ms over %.0f ms%s at %d msg/s", es.p(99), P99_LIMIT_MS,
                            es.missing() > 0 ? " or deliveries missing (" + es.missing() + ")" : "", rate);
                    break;
                }
            } else if (lowering) {
                stopReason = "held at " + rate + " msg/s after stepping down";
                break;
            }
        }
        pinger.interrupt();

        log("persistence check over REST (after=) as %s", checker.name);
        refreshTokens(List.of(checker));
        Persistence persisted = checkPersisted();

        int openEscape = (int) escapeConns.stream().filter(c -> !c.closed).count();
        int openLower = (int) lowerConns.stream().filter(c -> !c.closed).count();
        long undelivered = escapeSteps.stream().mapToLong(StepRun::missing).sum();
        boolean gatePass = leaks.sum() == 0 && persisted.ackedNotPersisted == 0 && persisted.duplicates == 0 && seqRegressions.sum() == 0;
        StepRun reference = escapeSteps.stream().filter(s -> s.rate == 100).findFirst().orElse(escapeSteps.isEmpty() ? null : escapeSteps.get(0));
        StepRun sustained = escapeSteps.stream().filter(StepRun::held).max((a, b) -> Integer.compare(a.rate, b.rate)).orElse(null);
        StepRun lowerSustained = lowerSteps.stream().filter(StepRun::held).max((a, b) -> Integer.compare(a.rate, b.rate)).orElse(null);

        String summary = summary(reference, sustained, lowerSustained, gatePass, undelivered);
        String json = json(escapeSteps, lowerSteps, stopReason, persisted, reference, sustained, lowerSustained, gatePass,
                openEscape, openLower, summary);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        log("written %s", out);
        System.out.println(summary);
        return gatePass ? 0 : 1;
    }

    /** The lower-bound arm alone, same sockets, rooms and rates, frames padded to {@code bench.frameChars}. */
    int lowerBoundOnly(int socketsPerUser, Path out) throws Exception {
        profileUsers();
        for (int u = 0; u < users.size(); u++) {
            for (int k = 0; k < socketsPerUser && escapeConns.size() < CLIENTS; k++) {
                escapeConns.add(new Conn("escape", escapeConns.size(), users.get(u), roomOf(u, k, socketsPerUser)));
            }
        }
        escapeFrameChars.set(Long.getLong("bench.frameChars", 1100));
        escapeFrameCount.set(1);
        connectLowerBound();
        settle();
        step("lower-bound", 50, Math.max(2, WARMUP_SECONDS / 2), true);
        List<StepRun> lowerSteps = new ArrayList<>();
        for (int rate : RATES) {
            if (!withinBudget(STEP_SECONDS + DRAIN_SECONDS + 10)) {
                break;
            }
            settle();
            StepRun lb = step("lower-bound", rate, STEP_SECONDS, false);
            lowerSteps.add(lb);
            if (!lb.held()) {
                break;
            }
        }
        String json = "{\n  \"benchmark\": \"chat-fanout (lower bound only)\",\n  \"pinning\": " + Json.quote(System.getProperty("bench.pinning", "none"))
                + ",\n  \"frameChars\": " + meanFrameChars() + ",\n  \"steps\": [\n    "
                + lowerSteps.stream().map(StepRun::json).collect(Collectors.joining(",\n    ")) + "\n  ]\n}\n";
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        log("written %s", out);
        return 0;
    }

    // -----------------------------------------------------------------------------------------
    // Set-up: users (Keycloak admin API), rooms, memberships, sockets
    // -----------------------------------------------------------------------------------------

    void profileUsers() {
        for (int p = 0; p < 20; p++) {
            String country = COUNTRIES.get(p / 4);
            int clearance = p % 4;
            for (int k = 0; k < USERS_PER_PROFILE; k++) {
                users.add(new BUser(String.format(Locale.ROOT, "b1-%s-%d-%02d", country.toLowerCase(Locale.ROOT), clearance, k),
                        country, clearance));
            }
        }
    }

    void ensureUsers() throws Exception {
        profileUsers();
        checker = new BUser("b1-checker", "GBR", 3);
        String admin = adminToken();
        if (CHEAP_PASSWORDS) {
            // Bench users only: a cheap hash keeps hundreds of sign-ins from costing minutes of CPU.
            // Changes this bench Keycloak's realm (under bench/target), never the development one.
            HttpResponse<String> r = send("PUT", KEYCLOAK + "/admin/realms/escape", admin,
                    "{\"passwordPolicy\":\"hashAlgorithm(pbkdf2-sha256) and hashIterations(1)\"}");
            if (r.statusCode() != 204) {
                log("  could not set a cheap password policy (%d): sign-ins will be slower", r.statusCode());
            }
        }
        List<BUser> all = new ArrayList<>(users);
        all.add(checker);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger existing = new AtomicInteger();
        parallel(all, 4, u -> {
            String body = "{\"username\":\"" + u.name + "\",\"enabled\":true,\"emailVerified\":true,\"email\":\"" + u.name
                    + "@bench.invalid\",\"firstName\":\"Bench\",\"lastName\":\"User\",\"attributes\":{\"country\":[\"" + u.country
                    + "\"],\"clearance\":[\"" + LEVELS.get(u.clearance) + "\"]},\"credentials\":[{\"type\":\"password\",\"value\":\""
                    + u.name + "\",\"temporary\":false}]}";
            HttpResponse<String> r = send("POST", KEYCLOAK + "/admin/realms/escape/users", adminTokenCached(), body);
            if (r.statusCode() == 201) {
                created.incrementAndGet();
            } else if (r.statusCode() == 409) {
                existing.incrementAndGet();
            } else {
                throw new IllegalStateException("Keycloak refused user " + u.name + ": " + r.statusCode() + " " + r.body());
            }
        });
        log("users: %d created, %d already there (password = username; bench Keycloak only)", created.get(), existing.get());
    }

    void createRooms() throws Exception {
        for (int r = 0; r < ROOMS; r++) {
            String body = "{\"title\":\"B1 room " + r + " " + STAMP + "\",\"summary\":\"chat fan-out benchmark\",\"severity\":\"LOW\","
                    + "\"label\":" + Label.of(0).json() + ",\"access\":\"CLEARED\"}";
            HttpResponse<String> response = api("POST", "/api/v1/incidents", checker, body);
            expect(response, 201, "create room " + r);
            rooms.add((String) ((Map<?, ?>) Json.parse(response.body())).get("id"));
        }
        log("rooms: %d CLEARED incidents at UNCLASSIFIED created by %s", rooms.size(), checker.name);
    }

    /** Room of socket k of user u: each user's sockets in consecutive rooms, 20 profiles per room. */
    int roomOf(int u, int k, int socketsPerUser) {
        return (u * socketsPerUser + k) % ROOMS;
    }

    void joinRooms(int socketsPerUser) throws Exception {
        List<int[]> joins = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            Set<Integer> seen = new TreeSet<>();
            for (int k = 0; k < socketsPerUser; k++) {
                if (seen.add(roomOf(u, k, socketsPerUser))) {
                    joins.add(new int[] {u, roomOf(u, k, socketsPerUser)});
                }
            }
        }
        AtomicInteger done = new AtomicInteger();
        parallel(joins, 8, j -> {
            HttpResponse<String> r = api("POST", "/api/v1/incidents/" + rooms.get(j[1]) + "/join", users.get(j[0]), null);
            if (r.statusCode() != 201 && r.statusCode() != 200) {
                throw new IllegalStateException("join room " + j[1] + " as " + users.get(j[0]).name + ": " + r.statusCode() + " " + r.body());
            }
            done.incrementAndGet();
        });
        log("memberships: %d joins (RESPONDER)", done.get());
    }

    void connectEscape(int socketsPerUser) throws Exception {
        List<Conn> planned = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            for (int k = 0; k < socketsPerUser && planned.size() < CLIENTS; k++) {
                planned.add(new Conn("escape", planned.size(), users.get(u), roomOf(u, k, socketsPerUser)));
            }
        }
        long t0 = System.nanoTime();
        ConcurrentHistogram connectLatency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        AtomicInteger failures = new AtomicInteger();
        parallel(planned, CONNECT_PARALLELISM, c -> {
            long s = System.nanoTime();
            try {
                String ticket = ticket(c.user);
                c.open(URI.create(WS_BASE + "/ws?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8)));
                c.send("{\"type\":\"subscribe\",\"incident\":\"" + rooms.get(c.room) + "\"}");
                c.subscribed.get(30, TimeUnit.SECONDS);
                connectLatency.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - s) / 1000));
            } catch (Exception e) {
                failures.incrementAndGet();
                c.closed = true; // neither a reader nor a sender from now on
                if (c.ws != null) {
                    c.ws.abort();
                }
                sample("connect " + c.user.name + ": " + e);
            }
        });
        escapeConns.addAll(planned);
        connectFailures = failures.get();
        index("escape", escapeConns);
        log("escape sockets: %d open and subscribed, %d failed, in %.1f s (ticket+handshake+subscribed p50 %.1f p99 %.1f ms)",
                planned.size() - failures.get(), failures.get(), (System.nanoTime() - t0) / 1e9,
                connectLatency.getValueAtPercentile(50) / 1000.0, connectLatency.getValueAtPercentile(99) / 1000.0);
        if (failures.get() > CLIENTS / 100) {
            throw new IllegalStateException(failures.get() + " sockets did not open: " + samples);
        }
    }

    /** Escape sockets that did not open and subscribe (tolerated up to 1 %; their rooms have one reader fewer). */
    int connectFailures;

    void connectLowerBound() throws Exception {
        List<Conn> planned = new ArrayList<>();
        for (Conn c : escapeConns) {
            planned.add(new Conn("lower-bound", c.index, c.user, c.room));
        }
        AtomicInteger failures = new AtomicInteger();
        long t0 = System.nanoTime();
        parallel(planned, CONNECT_PARALLELISM, c -> {
            try {
                c.open(URI.create(LOWER_BOUND_URL + "room" + c.room));
            } catch (Exception e) {
                failures.incrementAndGet();
                sample("lower-bound connect: " + e);
            }
        });
        lowerConns.addAll(planned);
        index("lower-bound", lowerConns);
        log("lower-bound sockets: %d open, %d failed, in %.1f s (%s)", planned.size() - failures.get(), failures.get(),
                (System.nanoTime() - t0) / 1e9, LOWER_BOUND_URL);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " lower-bound sockets did not open: " + samples);
        }
    }

    void index(String arm, List<Conn> conns) {
        List<List<Conn>> perRoom = new ArrayList<>();
        for (int r = 0; r < ROOMS; r++) {
            perRoom.add(new ArrayList<>());
        }
        for (Conn c : conns) {
            perRoom.get(c.room).add(c);
        }
        byRoom.put(arm, perRoom);
        if (arm.equals("escape")) {
            for (int r = 0; r < ROOMS; r++) {
                Set<String> profiles = perRoom.get(r).stream().map(c -> c.user.country + c.user.clearance).collect(Collectors.toSet());
                if (r == 0) {
                    log("  room 0: %d sockets of %d profiles", perRoom.get(r).size(), profiles.size());
                }
            }
        }
    }

    /** Every escape socket pings every 30 s (the server closes a socket idle for 120 s), spread evenly. */
    Thread startPinger() {
        Thread t = new Thread(() -> {
            long period = TimeUnit.SECONDS.toNanos(30) / Math.max(1, escapeConns.size());
            int i = 0;
            while (!Thread.currentThread().isInterrupted()) {
                Conn c = escapeConns.get(i++ % escapeConns.size());
                if (!c.closed) {
                    c.send("{\"type\":\"ping\"}");
                }
                LockSupport.parkNanos(period);
            }
        }, "pinger");
        t.setDaemon(true);
        t.start();
        return t;
    }

    // -----------------------------------------------------------------------------------------
    // One step: open loop at a fixed rate, deliveries measured per reader
    // -----------------------------------------------------------------------------------------

    final class StepRun {
        final int no;
        final String arm;
        final int rate;
        final int seconds;
        final int n;
        final long[] scheduled;
        final int[] expected;
        final AtomicIntegerArray delivered;
        final AtomicLongArray ackedAt;
        final String[] ids;
        final long[] seqs;
        final int[] roomOf;
        final ConcurrentHistogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        final ConcurrentHistogram ackLatency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        final LongAdder deliveries = new LongAdder();
        final LongAdder acks = new LongAdder();
        final LongAdder sendFailures = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        long expectedTotal;
        double windowSeconds;
        double serverCpuMs;
        double clientCpuMs;
        double loadAverage = -1;
        StepRun lowerBound;

        StepRun(int no, String arm, int rate, int seconds) {
            this.no = no;
            this.arm = arm;
            this.rate = rate;
            this.seconds = seconds;
            this.n = rate * seconds;
            scheduled = new long[n];
            expected = new int[n];
            delivered = new AtomicIntegerArray(n);
            ackedAt = new AtomicLongArray(n);
            ids = new String[n];
            seqs = new long[n];
            roomOf = new int[n];
        }

        double p(double percentile) {
            return (percentile >= 100 ? latency.getMaxValue() : latency.getValueAtPercentile(percentile)) / 1000.0;
        }

        long missing() {
            return Math.max(0, expectedTotal - deliveries.sum());
        }

        long unacked() {
            return arm.equals("escape") ? n - acks.sum() : 0;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(LongAdder::sum).sum() + sendFailures.sum();
        }

        boolean held() {
            return latency.getTotalCount() > 0 && p(99) <= P99_LIMIT_MS && missing() == 0 && unacked() == 0 && errorCount() == 0;
        }

        double deliveriesPerSecond() {
            return windowSeconds <= 0 ? 0 : deliveries.sum() / windowSeconds;
        }

        String json() {
            String errs = new TreeMap<>(errors).entrySet().stream().map(e -> Json.quote(e.getKey()) + ": " + e.getValue().sum())
                    .collect(Collectors.joining(", ", "{", "}"));
            return String.format(Locale.ROOT,
                    "{\"arm\": \"%s\", \"rate\": %d, \"seconds\": %d, \"messages\": %d, \"expectedDeliveries\": %d, \"deliveries\": %d,"
                            + " \"missingDeliveries\": %d, \"deliveriesPerSecond\": %.1f, \"acked\": %s,"
                            + " \"p50ms\": %.2f, \"p90ms\": %.2f, \"p99ms\": %.2f, \"p999ms\": %.2f, \"maxms\": %.2f,"
                            + " \"ackP50ms\": %s, \"ackP99ms\": %s, \"sendFailures\": %d, \"errors\": %s,"
                            + " \"serverCpuMsPerDelivery\": %.4f, \"serverCpuMsPerMessage\": %.3f, \"serverCpuCores\": %.2f,"
                            + " \"clientCpuMsPerDelivery\": %.4f, \"windowSeconds\": %.2f, \"loadAverage1m\": %.2f, \"held\": %s%s}",
                    arm, rate, seconds, n, expectedTotal, deliveries.sum(), missing(), deliveriesPerSecond(),
                    arm.equals("escape") ? Long.toString(acks.sum()) : "null",
                    p(50), p(90), p(99), p(99.9), p(100),
                    arm.equals("escape") ? num(ackLatency.getValueAtPercentile(50) / 1000.0) : "null",
                    arm.equals("escape") ? num(ackLatency.getValueAtPercentile(99) / 1000.0) : "null",
                    sendFailures.sum(), errs,
                    serverCpuMs / Math.max(1, deliveries.sum()), serverCpuMs / Math.max(1, n), serverCpuMs / 1000.0 / Math.max(0.001, windowSeconds),
                    clientCpuMs / Math.max(1, deliveries.sum()), windowSeconds, loadAverage, held(),
                    lowerBound == null ? "" : String.format(Locale.ROOT,
                            ", \"lowerBoundP50ms\": %.2f, \"lowerBoundP99ms\": %.2f, \"p99OverLowerBoundP99\": %.2f,"
                                    + " \"cpuPerDeliveryOverLowerBound\": %.2f",
                            lowerBound.p(50), lowerBound.p(99), p(99) / Math.max(0.001, lowerBound.p(99)),
                            (serverCpuMs / Math.max(1, deliveries.sum()))
                                    / Math.max(1e-6, lowerBound.serverCpuMs / Math.max(1, lowerBound.deliveries.sum()))));
        }
    }

    final Map<String, AtomicInteger> senderCursor = new ConcurrentHashMap<>();

    /** Who sends message i into room r with label l: round robin over the room's sockets whose user reads l. */
    Conn sender(String arm, int room, Label label) {
        List<Conn> eligible = byRoom.get(arm).get(room).stream().filter(c -> !c.closed && c.user.reads(label)).toList();
        if (eligible.isEmpty()) {
            return null;
        }
        int k = senderCursor.computeIfAbsent(arm + room + label, x -> new AtomicInteger()).getAndIncrement();
        return eligible.get(Math.floorMod(k, eligible.size()));
    }

    StepRun step(String arm, int rate, int seconds, boolean warmUp) {
        int no = stepCounter.incrementAndGet();
        StepRun run = new StepRun(no, arm, rate, seconds);
        runs.put(no, run);
        boolean escape = arm.equals("escape");
        String body = body();
        String padding = escape ? "" : lowerBoundPadding();
        long interval = 1_000_000_000L / rate;
        Cpu before = Cpu.now();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int i = 0; i < run.n; i++) {
            int room = i % ROOMS;
            Label label = LABELS.get(LABEL_CYCLE[(i / ROOMS + i) % LABEL_CYCLE.length]);
            Conn sender = sender(arm, room, label);
            run.roomOf[i] = room;
            int expected = 0;
            for (Conn c : byRoom.get(arm).get(room)) {
                if (!c.closed && (!escape || c.user.reads(label))) {
                    expected++;
                }
            }
            run.expected[i] = expected;
            run.expectedTotal += expected;
            String clientId = "b1." + STAMP + "." + no + "." + i;
            String frame = escape
                    ? "{\"type\":\"send\",\"incident\":\"" + rooms.get(room) + "\",\"clientId\":\"" + clientId + "\",\"body\":"
                            + Json.quote(body) + ",\"label\":" + label.json() + "}"
                    : lowerBoundFrame(room, clientId, label, body, padding, sender);
            long scheduled = start + i * interval;
            run.scheduled[i] = scheduled;
            for (long now = System.nanoTime(); now < scheduled; now = System.nanoTime()) {
                LockSupport.parkNanos(scheduled - now);
            }
            if (sender == null) {
                run.sendFailures.increment();
                continue;
            }
            sender.send(frame).exceptionally(e -> {
                run.sendFailures.increment();
                return null;
            });
        }
        long lastScheduled = start + (run.n - 1) * interval;
        long deadline = lastScheduled + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        while (System.nanoTime() < deadline
                && (run.deliveries.sum() < run.expectedTotal || (escape && run.acks.sum() + run.errorCount() < run.n))) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        long end = Math.max(System.nanoTime(), lastScheduled);
        Cpu after = Cpu.now();
        run.windowSeconds = (end - start) / 1e9;
        run.serverCpuMs = after.serverMs - before.serverMs;
        run.clientCpuMs = after.clientMs - before.clientMs;
        run.loadAverage = loadAverage();
        if (!warmUp && !escape) {
            log("  lower-bound %5d msg/s: %6d deliveries (%5.0f/s) p50 %7.2f p90 %7.2f p99 %7.2f max %8.2f ms  missing %d  server %.3f CPU-ms/delivery",
                    rate, run.deliveries.sum(), run.deliveriesPerSecond(), run.p(50), run.p(90), run.p(99), run.p(100), run.missing(),
                    run.serverCpuMs / Math.max(1, run.deliveries.sum()));
        }
        return run;
    }

    void report(StepRun es) {
        log("  escape      %5d msg/s: %6d deliveries (%5.0f/s) p50 %7.2f p90 %7.2f p99 %7.2f max %8.2f ms  missing %d  acked %d/%d"
                        + " (ack p99 %.1f ms)  errors %s  server %.3f CPU-ms/delivery (%.2f cores)%s  %s",
                es.rate, es.deliveries.sum(), es.deliveriesPerSecond(), es.p(50), es.p(90), es.p(99), es.p(100), es.missing(), es.acks.sum(),
                es.n, es.ackLatency.getValueAtPercentile(99) / 1000.0,
                es.errors.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().sum()).collect(Collectors.joining(",", "{", "}"))
                        + (es.sendFailures.sum() > 0 ? " sendFailures=" + es.sendFailures.sum() : ""),
                es.serverCpuMs / Math.max(1, es.deliveries.sum()), es.serverCpuMs / 1000.0 / Math.max(0.001, es.windowSeconds),
                es.lowerBound == null ? "" : String.format(Locale.ROOT, " | lower bound p99 %.2f ms (x%.1f)", es.lowerBound.p(99),
                        es.p(99) / Math.max(0.001, es.lowerBound.p(99))),
                es.held() ? "HELD" : "NOT HELD");
    }

    String body() {
        StringBuilder b = new StringBuilder("Indicator update: beaconing to 203.0.113.7 over HTTPS from two hosts; **blocked** at the edge. ");
        while (b.length() < BODY_CHARS) {
            b.append("Hashes and timelines follow in the ticket; no lateral movement seen yet. ");
        }
        return b.substring(0, BODY_CHARS);
    }

    long meanFrameChars() {
        return escapeFrameCount.get() == 0 ? 0 : escapeFrameChars.get() / escapeFrameCount.get();
    }

    /** Padding so that a lower-bound frame is as long as the mean ESCAPE message frame seen in the warm-up. */
    String lowerBoundPadding() {
        int sample = lowerBoundFrame(0, "b1." + STAMP + ".0.0", LABELS.get(0), body(), "", null).length();
        long missing = Math.max(0, meanFrameChars() - sample);
        return "x".repeat((int) Math.min(60_000, missing));
    }

    /** A frame shaped like ESCAPE's {@code message} frame, which the lower-bound endpoint relays as it is. */
    String lowerBoundFrame(int room, String clientId, Label label, String body, String padding, Conn sender) {
        String user = sender == null ? "nobody" : sender.user.name;
        return "{\"type\":\"message\",\"incident\":\"room" + room + "\",\"message\":{\"id\":\"" + clientId + "\",\"incidentId\":\"room" + room
                + "\",\"seq\":0,\"clientId\":\"" + clientId + "\",\"kind\":\"MESSAGE\",\"author\":{\"id\":\"" + user + "\",\"username\":\""
                + user + "\",\"displayName\":\"Bench User\",\"country\":\"GBR\"},\"body\":" + Json.quote(body) + ",\"html\":"
                + Json.quote("<p>" + body + "</p>" + padding) + ",\"label\":" + label.json() + ",\"marking\":\"" + label.marking()
                + "\",\"createdAt\":\"2026-01-01T00:00:00Z\"}}";
    }

    // -----------------------------------------------------------------------------------------
    // Frames in
    // -----------------------------------------------------------------------------------------

    void onFrame(Conn c, String text, long now) {
        framesReceived.increment();
        Map<?, ?> frame;
        try {
            frame = (Map<?, ?>) Json.parse(text);
        } catch (RuntimeException e) {
            parseErrors.increment();
            sample("unparsable frame: " + text.substring(0, Math.min(200, text.length())));
            return;
        }
        Object type = frame.get("type");
        if ("message".equals(type)) {
            Map<?, ?> m = (Map<?, ?>) frame.get("message");
            Label label = Label.parse(m.get("label"));
            if (c.escape) {
                escapeFrameChars.addAndGet(text.length());
                escapeFrameCount.incrementAndGet();
                if (!c.user.reads(label)) {
                    leaks.increment();
                    sample("LEAK: " + c.user + " got " + label.marking() + " " + m.get("id"));
                }
                long seq = ((Number) m.get("seq")).longValue();
                if (seq <= c.lastSeq) {
                    seqRegressions.increment();
                    sample("seq " + seq + " after " + c.lastSeq + " on socket " + c.index + " (" + c.user.name + ")");
                }
                c.lastSeq = Math.max(seq, c.lastSeq);
            }
            Object clientId = m.get("clientId");
            StepRun run = clientId instanceof String s ? runOf(s) : null;
            if (run == null) {
                foreignFrames.increment();
                return;
            }
            int i = indexOf((String) clientId);
            run.delivered.incrementAndGet(i);
            run.deliveries.increment();
            run.latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - run.scheduled[i]) / 1000)));
        } else if ("ack".equals(type)) {
            StepRun run = runOf((String) frame.get("clientId"));
            if (run != null) {
                int i = indexOf((String) frame.get("clientId"));
                if (run.ackedAt.compareAndSet(i, 0, now)) {
                    run.acks.increment();
                    run.ackLatency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - run.scheduled[i]) / 1000)));
                    run.ids[i] = (String) frame.get("id");
                    run.seqs[i] = ((Number) frame.get("seq")).longValue();
                }
            }
        } else if ("error".equals(type)) {
            Object ref = frame.get("ref");
            StepRun run = ref instanceof String s ? runOf(s) : null;
            String key = "error " + frame.get("code");
            if (run != null) {
                run.errors.computeIfAbsent(key, k -> new LongAdder()).increment();
            } else {
                unpromptedErrors.computeIfAbsent(key, k -> new LongAdder()).increment();
            }
            sample("error frame on socket " + c.index + ": " + text.substring(0, Math.min(300, text.length())));
        } else if ("subscribed".equals(type)) {
            c.subscribed.complete(null);
        }
    }

    StepRun runOf(String clientId) {
        if (clientId == null || !clientId.startsWith("b1." + STAMP + ".")) {
            return null;
        }
        int from = ("b1." + STAMP + ".").length();
        int dot = clientId.indexOf('.', from);
        return runs.get(Integer.parseInt(clientId.substring(from, dot)));
    }

    static int indexOf(String clientId) {
        return Integer.parseInt(clientId.substring(clientId.lastIndexOf('.') + 1));
    }

    // -----------------------------------------------------------------------------------------
    // A socket
    // -----------------------------------------------------------------------------------------

    final class Conn implements WebSocket.Listener {
        final String arm;
        final boolean escape;
        final int index;
        final BUser user;
        final int room;
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket ws;
        volatile boolean closed;
        volatile long lastSeq;
        private CompletableFuture<?> chain = CompletableFuture.completedFuture(null);

        Conn(String arm, int index, BUser user, int room) {
            this.arm = arm;
            this.escape = arm.equals("escape");
            this.index = index;
            this.user = user;
            this.room = room;
        }

        void open(URI uri) throws Exception {
            ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(15)).buildAsync(uri, this).get(30, TimeUnit.SECONDS);
        }

        /** Sends in order: the JDK allows one outstanding send per socket. */
        synchronized CompletableFuture<?> send(String text) {
            WebSocket socket = ws;
            if (socket == null || closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("socket closed"));
            }
            CompletableFuture<?> next = chain.handle((x, e) -> null).thenCompose(x -> socket.sendText(text, true));
            chain = next;
            return next;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            try {
                if (!last) {
                    partial.append(data);
                } else if (partial.length() > 0) {
                    partial.append(data);
                    String text = partial.toString();
                    partial.setLength(0);
                    onFrame(this, text, now);
                } else {
                    onFrame(this, data.toString(), now);
                }
            } catch (RuntimeException e) {
                parseErrors.increment();
                sample("frame handling: " + e);
            } finally {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            closeCodes.computeIfAbsent(statusCode, k -> new LongAdder()).increment();
            if (!shuttingDown) {
                sample(arm + " socket " + index + " (" + user.name + ") closed by the server: " + statusCode + " " + reason);
            }
            subscribed.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            closeCodes.computeIfAbsent(-1, k -> new LongAdder()).increment();
            if (!shuttingDown) {
                sample(arm + " socket " + index + " error: " + error);
            }
            subscribed.completeExceptionally(error);
        }
    }

    volatile boolean shuttingDown;

    void closeAll() {
        shuttingDown = true;
        for (List<Conn> list : List.of(escapeConns, lowerConns)) {
            for (Conn c : list) {
                WebSocket ws = c.ws;
                if (ws != null && !c.closed) {
                    try {
                        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
                    } catch (RuntimeException e) {
                        ws.abort();
                    }
                }
            }
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        for (List<Conn> list : List.of(escapeConns, lowerConns)) {
            for (Conn c : list) {
                if (c.ws != null) {
                    c.ws.abort();
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Persistence: every acknowledged message is stored exactly once (REST, after=)
    // -----------------------------------------------------------------------------------------

    record Persistence(long sent, long acked, long persisted, long ackedNotPersisted, long duplicates, long unackedButPersisted,
                       long idMismatches, int pages) {}

    Persistence checkPersisted() throws Exception {
        Map<String, Integer> count = new ConcurrentHashMap<>();
        Map<String, String> idOf = new ConcurrentHashMap<>();
        AtomicInteger pages = new AtomicInteger();
        parallel(rooms, 4, room -> {
            long after = 0;
            while (true) {
                HttpResponse<String> r = api("GET", "/api/v1/incidents/" + room + "/messages?after=" + after + "&limit=500", checker, null);
                expect(r, 200, "messages of " + room);
                pages.incrementAndGet();
                Map<?, ?> page = (Map<?, ?>) Json.parse(r.body());
                List<?> items = (List<?>) page.get("items");
                for (Object o : items) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    after = Math.max(after, ((Number) m.get("seq")).longValue());
                    Object cid = m.get("clientId");
                    if (cid instanceof String s && s.startsWith("b1." + STAMP + ".")) {
                        count.merge(s, 1, Integer::sum);
                        idOf.put(s, (String) m.get("id"));
                    }
                }
                if (items.isEmpty() || !Boolean.TRUE.equals(page.get("hasMore"))) {
                    break;
                }
            }
        });
        long sent = 0;
        long acked = 0;
        long ackedNotPersisted = 0;
        long unackedButPersisted = 0;
        long idMismatches = 0;
        for (StepRun run : runs.values()) {
            if (!run.arm.equals("escape")) {
                continue;
            }
            for (int i = 0; i < run.n; i++) {
                String cid = "b1." + STAMP + "." + run.no + "." + i;
                sent++;
                boolean isAcked = run.ackedAt.get(i) != 0;
                boolean stored = count.containsKey(cid);
                if (isAcked) {
                    acked++;
                    if (!stored) {
                        ackedNotPersisted++;
                        sample("acked but not persisted: " + cid);
                    } else if (!idOf.get(cid).equals(run.ids[i])) {
                        idMismatches++;
                    }
                } else if (stored) {
                    unackedButPersisted++;
                }
            }
        }
        long duplicates = count.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        Persistence p = new Persistence(sent, acked, count.size(), ackedNotPersisted, duplicates, unackedButPersisted, idMismatches, pages.get());
        log("  sent %d, acked %d, persisted %d (%d pages), acked-but-not-persisted %d, duplicates %d, persisted-without-ack %d, id mismatches %d",
                sent, acked, count.size(), pages.get(), ackedNotPersisted, duplicates, unackedButPersisted, idMismatches);
        return p;
    }

    // -----------------------------------------------------------------------------------------
    // Output
    // -----------------------------------------------------------------------------------------

    String summary(StepRun reference, StepRun sustained, StepRun lowerSustained, boolean gatePass, long undelivered) {
        StringBuilder s = new StringBuilder("B1 chat-fanout: " + CLIENTS + " sockets, " + ROOMS + " rooms");
        if (reference != null) {
            s.append(String.format(Locale.ROOT, "; at %d msg/s p50 %.1f ms, p99 %.1f ms, %.3f CPU-ms/delivery", reference.rate,
                    reference.p(50), reference.p(99), reference.serverCpuMs / Math.max(1, reference.deliveries.sum())));
            if (reference.lowerBound != null) {
                StepRun lb = reference.lowerBound;
                s.append(String.format(Locale.ROOT, " (lower bound p50 %.1f, p99 %.1f ms, %.3f CPU-ms/delivery; p99 x%.1f)",
                        lb.p(50), lb.p(99), lb.serverCpuMs / Math.max(1, lb.deliveries.sum()), reference.p(99) / Math.max(0.001, lb.p(99))));
            }
        }
        s.append(sustained == null ? "; no rate held p99 <= " + (int) P99_LIMIT_MS + " ms"
                : String.format(Locale.ROOT, "; max sustained %d msg/s (%.0f deliveries/s, p99 %.1f ms)", sustained.rate,
                        sustained.deliveriesPerSecond(), sustained.p(99)));
        if (LOWER_BOUND) {
            s.append(lowerSustained == null ? "; lower bound held no rate"
                    : String.format(Locale.ROOT, "; lower bound held %d msg/s", lowerSustained.rate));
        }
        s.append("; leaks ").append(leaks.sum()).append(", undelivered ").append(undelivered);
        s.append("; gate ").append(gatePass ? "PASS" : "FAIL");
        return s.toString();
    }

    String json(List<StepRun> escapeSteps, List<StepRun> lowerSteps, String stopReason, Persistence p, StepRun reference,
            StepRun sustained, StepRun lowerSustained, boolean gatePass, int openEscape, int openLower, String summary) {
        String closes = new TreeMap<>(closeCodes).entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue().sum())
                .collect(Collectors.joining(", ", "{", "}"));
        String unprompted = new TreeMap<>(unpromptedErrors).entrySet().stream().map(e -> Json.quote(e.getKey()) + ": " + e.getValue().sum())
                .collect(Collectors.joining(", ", "{", "}"));
        String sampleJson;
        synchronized (samples) {
            sampleJson = samples.stream().limit(30).map(Json::quote).collect(Collectors.joining(", ", "[", "]"));
        }
        int socketsPerUser = Math.max(1, CLIENTS / (20 * USERS_PER_PROFILE));
        return String.format(Locale.ROOT, """
                {
                  "benchmark": "chat-fanout",
                  "id": "B1",
                  "date": "%s",
                  "machine": {"nproc": %d, "memTotalMiB": %d, "cpu": %s, "jdk": "%s", "os": "%s %s"},
                  "pinning": %s,
                  "serverUrl": "%s",
                  "target": "send->receive p99 < 100 ms, p50 < 20 ms at 100 msg/s, every message persisted; max sustained rate reported",
                  "parameters": {"clients": %d, "users": %d, "socketsPerUser": %d, "profiles": 20, "rooms": %d, "socketsPerRoom": %d,
                    "rates": %s, "stepSeconds": %d, "warmupSeconds": %d, "drainSeconds": %d, "p99LimitMs": %.0f, "bodyChars": %d,
                    "meanEscapeMessageFrameChars": %d, "labels": %s,
                    "users_note": "Keycloak users created through the admin API, 10 per (country, clearance) profile, 5 sockets each: within the default escape.ws.max-sessions-per-user (8)",
                    "transport": "java.net.http WebSocket, one client JVM; sends are socket 'send' frames; latency from the scheduled send time to each reader's 'message' frame (open loop, HdrHistogram, us)"},
                  "escape": [
                    %s
                  ],
                  "lowerBound": {"what": "unauthenticated, unfiltered, non-persisting @ServerEndpoint broadcast (bench/broadcast, deployed to the bench domain only), same sockets, rooms, rates and frame size; every socket of the room receives every frame",
                    "steps": [
                    %s
                  ]},
                  "stoppedBecause": %s,
                  "socketsOpenAtEnd": {"escape": %d, "lowerBound": %d}, "escapeConnectFailures": %d,
                  "closeCodes": %s,
                  "unpromptedErrors": %s,
                  "serverIdleCpuMsPerSecond": %s,
                  "correctnessGate": {"pass": %s, "leaks": %d, "seqRegressions": %d, "parseErrors": %d, "sent": %d, "acked": %d,
                    "persisted": %d, "ackedNotPersisted": %d, "persistedDuplicates": %d, "persistedWithoutAck": %d, "ackIdMismatches": %d,
                    "restPages": %d, "undeliveredDeliveries": %d},
                  "summaryFigures": {"referenceRate": %s, "p50AtReferenceMs": %s, "p99AtReferenceMs": %s, "cpuMsPerDeliveryAtReference": %s,
                    "lowerBoundP99AtReferenceMs": %s, "p99OverLowerBoundAtReference": %s, "maxSustainedMsgPerSecond": %s,
                    "lowerBoundMaxSustainedMsgPerSecond": %s},
                  "samples": %s,
                  "summary": %s
                }
                """, java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), memTotalMiB(), Json.quote(cpuModel()),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"),
                Json.quote(System.getProperty("bench.pinning", "none")), BASE,
                CLIENTS, users.size(), socketsPerUser, ROOMS, CLIENTS / ROOMS, Arrays.toString(RATES), STEP_SECONDS, WARMUP_SECONDS,
                DRAIN_SECONDS, P99_LIMIT_MS, BODY_CHARS, meanFrameChars(),
                LABELS.stream().map(l -> Json.quote(l.marking())).collect(Collectors.joining(", ", "[", "]")),
                escapeSteps.stream().map(StepRun::json).collect(Collectors.joining(",\n    ")),
                lowerSteps.stream().map(StepRun::json).collect(Collectors.joining(",\n    ")),
                Json.quote(stopReason), openEscape, openLower, connectFailures, closes, unprompted,
                idleCpu.stream().map(d -> num(d)).collect(Collectors.joining(", ", "[", "]")),
                gatePass, leaks.sum(), seqRegressions.sum(), parseErrors.sum(), p.sent, p.acked, p.persisted, p.ackedNotPersisted,
                p.duplicates, p.unackedButPersisted, p.idMismatches, p.pages,
                escapeSteps.stream().mapToLong(StepRun::missing).sum(),
                reference == null ? "null" : reference.rate, reference == null ? "null" : num(reference.p(50)),
                reference == null ? "null" : num(reference.p(99)),
                reference == null ? "null" : String.format(Locale.ROOT, "%.4f", reference.serverCpuMs / Math.max(1, reference.deliveries.sum())),
                reference == null || reference.lowerBound == null ? "null" : num(reference.lowerBound.p(99)),
                reference == null || reference.lowerBound == null ? "null" : num(reference.p(99) / Math.max(0.001, reference.lowerBound.p(99))),
                sustained == null ? "null" : sustained.rate, lowerSustained == null ? "null" : lowerSustained.rate,
                sampleJson, Json.quote(summary));
    }

    // -----------------------------------------------------------------------------------------
    // HTTP, tokens, tickets
    // -----------------------------------------------------------------------------------------

    HttpResponse<String> send(String method, String url, String bearer, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> api(String method, String path, BUser user, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, BASE + path, tokens.get(user.name), json);
        if (r.statusCode() == 401) {
            token(user);
            r = send(method, BASE + path, tokens.get(user.name), json);
        }
        for (int attempt = 0; r.statusCode() == 429 && attempt < 20; attempt++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            r = send(method, BASE + path, tokens.get(user.name), json);
        }
        return r;
    }

    static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            String hint = r.statusCode() == 429 ? " (rate limited: the bench raises ESCAPE_WRITES_PER_MINUTE / ESCAPE_CHAT_MESSAGES_PER_MINUTE)" : "";
            throw new IllegalStateException(what + ": " + r.statusCode() + hint + " " + r.body());
        }
    }

    String ticket(BUser user) throws IOException, InterruptedException {
        HttpResponse<String> r = api("POST", "/api/v1/ws-tickets", user, null);
        expect(r, 201, "ticket for " + user.name);
        return (String) ((Map<?, ?>) Json.parse(r.body())).get("ticket");
    }

    void refreshTokens(List<BUser> list) throws Exception {
        long t0 = System.nanoTime();
        parallel(list, 4, this::token);
        log("tokens: %d password grants via escape-cli in %.1f s", list.size(), (System.nanoTime() - t0) / 1e9);
    }

    void token(BUser user) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=escape-cli&username=" + URLEncoder.encode(user.name, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(user.name, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/escape/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Object token = r.statusCode() == 200 ? ((Map<?, ?>) Json.parse(r.body())).get("access_token") : null;
        if (!(token instanceof String value)) {
            throw new IllegalStateException("no token for " + user.name + ": " + r.statusCode() + " " + r.body());
        }
        tokens.put(user.name, value);
    }

    private volatile String adminToken;
    private volatile long adminTokenAt;

    String adminTokenCached() throws IOException, InterruptedException {
        if (adminToken == null || System.nanoTime() - adminTokenAt > TimeUnit.SECONDS.toNanos(30)) {
            synchronized (this) {
                if (adminToken == null || System.nanoTime() - adminTokenAt > TimeUnit.SECONDS.toNanos(30)) {
                    adminToken = adminToken();
                    adminTokenAt = System.nanoTime();
                }
            }
        }
        return adminToken;
    }

    String adminToken() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no Keycloak admin token (admin/admin on the bench Keycloak): " + r.statusCode() + " " + r.body());
        }
        return (String) ((Map<?, ?>) Json.parse(r.body())).get("access_token");
    }

    // -----------------------------------------------------------------------------------------
    // Helpers: parallel set-up work, CPU, settling, budget, logging
    // -----------------------------------------------------------------------------------------

    interface Work<T> {
        void accept(T item) throws Exception;
    }

    static <T> void parallel(List<T> items, int threads, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Semaphore gate = new Semaphore(threads);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        try {
            for (T item : items) {
                gate.acquire();
                futures.add(pool.submit(() -> {
                    try {
                        work.accept(item);
                        return null;
                    } finally {
                        gate.release();
                    }
                }));
            }
            for (var f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    record Cpu(double serverMs, double clientMs) {
        static Cpu now() {
            return new Cpu(procCpuMs(SERVER_PID),
                    ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6);
        }
    }

    static double procCpuMs(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / CLK_TCK; // utime + stime
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Waits (at most bench.settleSeconds) until the Payara JVM uses less than a fifth of a core for two seconds. */
    void settle() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        int quiet = 0;
        double idle = -1;
        double last = procCpuMs(SERVER_PID);
        if (last < 0) {
            return;
        }
        while (quiet < 2 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            double now = procCpuMs(SERVER_PID);
            idle = now - last;
            quiet = idle < 200 ? quiet + 1 : 0;
            last = now;
        }
        idleCpu.add(idle);
    }

    boolean withinBudget(int seconds) {
        return (System.nanoTime() - startedAt) / 1e9 + seconds <= BUDGET_SECONDS;
    }

    void sample(String what) {
        if (samples.size() < 200) {
            samples.add(what);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static int[] ints(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }

    /** The machine's 1-minute load average (other work on this shared machine weighs on every figure). */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long memTotalMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return -1;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }

    /** Just enough JSON: quoting, and a small parser for answers (maps, lists, strings, numbers). */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static String quote(String value) {
            StringBuilder out = new StringBuilder(value.length() + 16).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.at != text.length()) {
                throw new IllegalArgumentException("bad JSON at " + json.at + ": trailing characters");
            }
            return value;
        }

        private Object value() {
            space();
            char c = text.charAt(at);
            if (c == '{') {
                at++;
                Map<String, Object> map = new LinkedHashMap<>();
                space();
                if (peek('}')) {
                    return map;
                }
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    map.put(key, value());
                    space();
                } while (peek(','));
                expect('}');
                return map;
            }
            if (c == '[') {
                at++;
                List<Object> list = new ArrayList<>();
                space();
                if (peek(']')) {
                    return list;
                }
                do {
                    list.add(value());
                    space();
                } while (peek(','));
                expect(']');
                return list;
            }
            if (c == '"') {
                return string();
            }
            for (String literal : new String[] {"true", "false", "null"}) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("bad JSON at " + at);
            }
            return Double.parseDouble(text.substring(start, at));
        }

        private String string() {
            expect('"');
            StringBuilder out = null;
            int start = at;
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out == null ? text.substring(start, at - 1) : out.toString();
                }
                if (c != '\\') {
                    if (out != null) {
                        out.append(c);
                    }
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(text.substring(start, at - 1));
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private boolean peek(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("bad JSON at " + at + ": expected " + c);
            }
        }
    }
}
