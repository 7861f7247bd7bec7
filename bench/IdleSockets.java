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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Benchmark B2 (../shared/docs/BENCHMARKS.md): how many authenticated, subscribed, idle sockets one
 * Payara JVM with a 2 GiB heap holds before its heap or its latency breaks.
 *
 * <p>Sockets are opened in steps (1,000, 2,000, … {@code bench.steps}): each takes a single-use ticket
 * ({@code POST /api/v1/ws-tickets}) for one of {@code bench.usersPerProfile} x 20 (country, clearance)
 * Keycloak users, connects to {@code /ws}, subscribes to one of many CLEARED incidents (20 sockets per
 * room, like B1) and then stays idle but for a {@code ping} every 30 s (the server closes a socket
 * silent for 120 s). Users hold many sockets each, so the bench domain raises
 * {@code escape.ws.max-sessions-per-user} (ESCAPE_WS_MAX_SESSIONS_PER_USER, set by ./escape).
 *
 * <p>After each step: a <b>probe</b> — {@code bench.probeRate} messages/s for {@code bench.probeSeconds}
 * sent over the socket by one user into a room of its own, received by two other sockets (one cleared
 * for every probe label, one not: the correctness gate) — measured open loop from the scheduled send
 * time (HdrHistogram); then a full GC of the Payara JVM ({@code jcmd GC.run}) and the heap in use after
 * it ({@code GC.heap_info}), its open files and resident memory.
 *
 * <p>Stops at the first step where the probe's p99 exceeds {@code bench.p99LimitMs} (250 ms), more than
 * 0.5 % of the new sockets fail to connect or subscribe, more than 0.5 % of the open sockets are closed
 * by the server, or the heap in use after a full GC exceeds 90 % of the maximum heap; and before file
 * descriptors run out on either side ({@code ulimit -n}). Loopback only; bounded in time.
 */
public final class IdleSockets {

    static final String BASE = System.getProperty("escape.baseUrl", "http://127.0.0.1:29080");
    static final String WS_BASE = BASE.replaceFirst("^http", "ws");
    static final String KEYCLOAK = System.getProperty("escape.keycloakUrl", "http://localhost:29180");
    static final long SERVER_PID = Long.getLong("bench.serverPid", -1);
    static final int CLK_TCK = Integer.getInteger("bench.clkTck", 100);
    static final String JCMD = System.getProperty("bench.jcmd", "jcmd");
    static final int[] STEPS = ints(System.getProperty("bench.steps", "1000,2500,5000,7500,10000,12500,15000,17500"));
    static final int USERS_PER_PROFILE = Integer.getInteger("bench.usersPerProfile", 10);
    static final int SOCKETS_PER_ROOM = Integer.getInteger("bench.socketsPerRoom", 20);
    static final int PROBE_RATE = Integer.getInteger("bench.probeRate", 5);
    static final int PROBE_SECONDS = Integer.getInteger("bench.probeSeconds", 12);
    static final int PING_SECONDS = Integer.getInteger("bench.pingSeconds", 30);
    static final double P99_LIMIT_MS = Double.parseDouble(System.getProperty("bench.p99LimitMs", "250"));
    static final double HEAP_LIMIT = Double.parseDouble(System.getProperty("bench.heapLimit", "0.9"));
    static final int BUDGET_SECONDS = Integer.getInteger("bench.budgetSeconds", 720);
    static final int CONNECT_PARALLELISM = Integer.getInteger("bench.connectParallelism", 16);
    static final int FD_RESERVE = Integer.getInteger("bench.fdReserve", 1500);
    static final boolean CHEAP_PASSWORDS = !"false".equals(System.getProperty("bench.cheapPasswords"));
    static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);
    static final String STAMP = Long.toString(System.currentTimeMillis() / 1000, 36);
    static final String PREFIX = "b2." + STAMP + ".";

    static final List<String> LEVELS = List.of("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP_SECRET");
    static final List<String> COUNTRIES = List.of("GBR", "KEN", "MYS", "IND", "CAN");

    record BUser(String name, String country, int clearance) {
        boolean reads(Label label) {
            return clearance >= label.rank && (label.countries.isEmpty() || label.countries.contains(country));
        }
    }

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

    /** Probe labels: the low reader (MYS, RESTRICTED) must receive only the first two. */
    static final List<Label> PROBE_LABELS = List.of(Label.of(0), Label.of(1), Label.of(2, "GBR", "KEN"), Label.of(3));

    final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "ws-client");
        t.setDaemon(true);
        return t;
    });
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(executor).build();
    final List<BUser> users = new ArrayList<>();
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    final BUser owner = new BUser("b2-owner", "GBR", 3);
    final BUser probeSender = new BUser("b2-probe-send", "GBR", 3);
    final BUser probeHigh = new BUser("b2-probe-high", "GBR", 3);
    final BUser probeLow = new BUser("b2-probe-low", "MYS", 1);
    final List<String> rooms = new ArrayList<>();
    String probeRoom;
    final List<Conn> idle = new CopyOnWriteArrayList<>();
    final List<Conn> probes = new ArrayList<>();
    final LongAdder leaks = new LongAdder();
    final LongAdder idleFrames = new LongAdder();
    final LongAdder parseErrors = new LongAdder();
    final LongAdder serverClosed = new LongAdder();
    final Map<String, LongAdder> closeCodes = new ConcurrentHashMap<>();
    final Map<String, LongAdder> errorFrames = new ConcurrentHashMap<>();
    final List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    final long startedAt = System.nanoTime();
    volatile Probe probe;
    volatile boolean shuttingDown;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/idle-sockets-" + java.time.LocalDate.now() + ".json");
        IdleSockets bench = new IdleSockets();
        int rc;
        try {
            rc = bench.run(out);
        } finally {
            bench.closeAll();
        }
        System.exit(rc);
    }

    record StepResult(int target, int open, int connected, int connectFailures, double connectSeconds, double connectP50, double connectP99,
                      double connectMax, long serverClosedSoFar, Probe probe, long heapUsedKiB, long heapCommittedKiB, long rssKiB,
                      long fds, double idleCpuMsPerSecond, long idleFramesSoFar, double loadAverage, String broke) {
        String json(long baselineHeapKiB, int baselineSessions) {
            double perSessionKiB = open > baselineSessions ? (heapUsedKiB - baselineHeapKiB) / (double) (open - baselineSessions) : 0;
            return String.format(Locale.ROOT,
                    "{\"target\": %d, \"open\": %d, \"connectedThisStep\": %d, \"connectFailures\": %d, \"connectSeconds\": %.1f,"
                            + " \"connectP50ms\": %.1f, \"connectP99ms\": %.1f, \"connectMaxms\": %.1f, \"closedByServerSoFar\": %d,"
                            + " \"probe\": %s, \"heapUsedAfterFullGcMiB\": %.1f, \"heapCommittedMiB\": %.1f,"
                            + " \"heapPerSessionKiB\": %.2f, \"sessionsPerGiBHeapUsed\": %.0f, \"serverRssMiB\": %.1f, \"serverOpenFiles\": %d,"
                            + " \"serverIdleCpuMsPerSecond\": %.1f, \"framesToIdleSocketsSoFar\": %d, \"loadAverage1m\": %.2f, \"broke\": %s}",
                    target, open, connected, connectFailures, connectSeconds, connectP50, connectP99, connectMax, serverClosedSoFar,
                    probe == null ? "null" : probe.json(), heapUsedKiB / 1024.0, heapCommittedKiB / 1024.0, perSessionKiB,
                    heapUsedKiB <= 0 ? 0 : open / (heapUsedKiB / 1024.0 / 1024.0), rssKiB / 1024.0, fds, idleCpuMsPerSecond,
                    idleFramesSoFar, loadAverage, broke == null ? "null" : Json.quote(broke));
        }
    }

    int run(Path out) throws Exception {
        long fdLimit = Math.min(fdLimit("self"), fdLimit(Long.toString(SERVER_PID)));
        log("B2 idle sockets: %s (Payara pid %d), steps %s, probe %d msg/s x %d s, p99 limit %.0f ms, heap limit %.0f%%, open-file limit %d",
                BASE, SERVER_PID, Arrays.toString(STEPS), PROBE_RATE, PROBE_SECONDS, P99_LIMIT_MS, HEAP_LIMIT * 100, fdLimit);
        long maxHeapKiB = maxHeapKiB();
        ensureUsers();
        List<BUser> all = new ArrayList<>(users);
        all.addAll(List.of(owner, probeSender, probeHigh, probeLow));
        refreshTokens(all);
        setUpProbe();
        Thread pinger = startPinger();
        fullGc();
        long[] heap = heapKiB();
        long baselineHeap = heap[0];
        log("baseline (probe sockets only): heap used after full GC %.1f MiB of max %.0f MiB, RSS %.0f MiB, %d open files",
                baselineHeap / 1024.0, maxHeapKiB / 1024.0, rssKiB() / 1024.0, openFiles());
        for (int w = 0; w < 2; w++) {
            Probe warm = runProbe(PROBE_SECONDS);
            log("warm-up probe: p50 %.1f p99 %.1f ms", warm.p(50), warm.p(99));
        }

        List<StepResult> steps = new ArrayList<>();
        String stopReason = "all steps done";
        for (int target : STEPS) {
            if (target + FD_RESERVE > fdLimit) {
                stopReason = "open-file limit: " + target + " sockets + " + FD_RESERVE + " reserve exceed ulimit -n " + fdLimit
                        + " (raise it for both the server and this JVM)";
                break;
            }
            int toOpen = target - idle.size();
            if (!withinBudget(60 + toOpen / 40)) {
                stopReason = "time budget (" + BUDGET_SECONDS + " s) reached";
                break;
            }
            if (toOpen <= 0) {
                continue;
            }
            refreshTokensIfOld(all);
            ensureRooms(target);
            long t0 = System.nanoTime();
            ConcurrentHistogram connect = new ConcurrentHistogram(HIGHEST_MICROS, 3);
            AtomicInteger failures = new AtomicInteger();
            List<Integer> indexes = new ArrayList<>();
            for (int i = idle.size(); i < target; i++) {
                indexes.add(i);
            }
            int base = idle.size();
            Conn[] opened = new Conn[indexes.size()];
            parallel(indexes, CONNECT_PARALLELISM, i -> {
                BUser user = users.get(i % users.size());
                Conn c = new Conn("idle", i, user);
                long s = System.nanoTime();
                try {
                    c.open(URI.create(WS_BASE + "/ws?ticket=" + URLEncoder.encode(ticket(user), StandardCharsets.UTF_8)));
                    c.send("{\"type\":\"subscribe\",\"incident\":\"" + rooms.get(i / SOCKETS_PER_ROOM) + "\"}");
                    c.subscribed.get(30, TimeUnit.SECONDS);
                    connect.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - s) / 1000));
                    opened[i - base] = c;
                } catch (Exception e) {
                    failures.incrementAndGet();
                    sample("connect " + i + " (" + user.name + "): " + e);
                    if (c.ws != null) {
                        c.ws.abort();
                    }
                }
            });
            for (Conn c : opened) {
                if (c != null) {
                    idle.add(c);
                }
            }
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
            double idleCpu = idleCpuRate();
            Probe p = runProbe(PROBE_SECONDS);
            fullGc();
            heap = heapKiB();
            int open = (int) idle.stream().filter(c -> !c.closed).count();
            String broke = null;
            if (p.p(99) > P99_LIMIT_MS) {
                broke = String.format(Locale.ROOT, "probe p99 %.1f ms > %.0f ms", p.p(99), P99_LIMIT_MS);
            } else if (p.missing() > 0) {
                broke = p.missing() + " probe deliveries missing";
            } else if (failures.get() > 0.005 * toOpen) {
                broke = failures.get() + " of " + toOpen + " new sockets failed to connect or subscribe";
            } else if (idle.size() - open > 0.005 * idle.size()) {
                broke = (idle.size() - open) + " sockets closed by the server";
            } else if (maxHeapKiB > 0 && heap[0] > HEAP_LIMIT * maxHeapKiB) {
                broke = String.format(Locale.ROOT, "heap in use after a full GC %.0f MiB > %.0f%% of %.0f MiB", heap[0] / 1024.0,
                        HEAP_LIMIT * 100, maxHeapKiB / 1024.0);
            }
            StepResult r = new StepResult(target, open, toOpen - failures.get(), failures.get(), connectSeconds,
                    connect.getValueAtPercentile(50) / 1000.0, connect.getValueAtPercentile(99) / 1000.0, connect.getMaxValue() / 1000.0,
                    serverClosed.sum(), p, heap[0], heap[1], rssKiB(), openFiles(), idleCpu, idleFrames.sum(), loadAverage(), broke);
            steps.add(r);
            log("  %6d sockets (%d open): connect %.1f s (p50 %.1f p99 %.1f ms, %d failed) | probe p50 %.1f p99 %.1f max %.1f ms (missing %d)"
                            + " | heap after full GC %.0f MiB (%.1f KiB/session over baseline) | RSS %.0f MiB | %d files | idle %.0f CPU-ms/s%s",
                    target, open, connectSeconds, r.connectP50, r.connectP99, failures.get(), p.p(50), p.p(99), p.p(100), p.missing(),
                    heap[0] / 1024.0, open > 0 ? (heap[0] - baselineHeap) / (double) open : 0, r.rssKiB / 1024.0, r.fds, idleCpu,
                    broke == null ? "" : "  BROKE: " + broke);
            if (broke != null) {
                stopReason = "broke at " + target + ": " + broke;
                break;
            }
        }
        pinger.interrupt();

        StepResult best = steps.stream().filter(s -> s.broke == null).reduce((a, b) -> b).orElse(null);
        boolean gatePass = leaks.sum() == 0;
        boolean targetMet = best != null && best.open >= 5000;
        String summary = best == null
                ? "B2 idle-sockets: no step held (" + stopReason + "); leaks " + leaks.sum() + "; gate " + (gatePass ? "PASS" : "FAIL")
                : String.format(Locale.ROOT, "B2 idle-sockets: %d sessions held (target 5,000: %s) on a %.0f MiB heap; %.0f MiB in use after a full GC"
                                + " = %.0f sessions/GiB used (%.1f KiB/session over the %.0f MiB baseline); probe p50 %.1f p99 %.1f ms at %d; stopped: %s; leaks %d; gate %s",
                        best.open, targetMet ? "met" : "NOT met", maxHeapKiB / 1024.0, best.heapUsedKiB / 1024.0,
                        best.open / (best.heapUsedKiB / 1024.0 / 1024.0), (best.heapUsedKiB - baselineHeap) / (double) best.open,
                        baselineHeap / 1024.0, best.probe.p(50), best.probe.p(99), best.open, stopReason, leaks.sum(), gatePass ? "PASS" : "FAIL");
        String closes = new TreeMap<>(closeCodes).entrySet().stream().map(e -> Json.quote(e.getKey()) + ": " + e.getValue().sum())
                .collect(Collectors.joining(", ", "{", "}"));
        String errs = new TreeMap<>(errorFrames).entrySet().stream().map(e -> Json.quote(e.getKey()) + ": " + e.getValue().sum())
                .collect(Collectors.joining(", ", "{", "}"));
        String sampleJson;
        synchronized (samples) {
            sampleJson = samples.stream().limit(30).map(Json::quote).collect(Collectors.joining(", ", "[", "]"));
        }
        final long baseHeap = baselineHeap;
        String json = String.format(Locale.ROOT, """
                {
                  "benchmark": "idle-sockets",
                  "id": "B2",
                  "date": "%s",
                  "machine": {"nproc": %d, "memTotalMiB": %d, "cpu": %s, "jdk": "%s", "os": "%s %s"},
                  "pinning": %s,
                  "serverUrl": "%s",
                  "target": ">= 5,000 sessions on a 2 GiB heap; sessions per GiB reported",
                  "parameters": {"steps": %s, "users": %d, "socketsPerRoom": %d, "probeRate": %d, "probeSeconds": %d, "pingSeconds": %d,
                    "p99LimitMs": %.0f, "heapLimitFraction": %.2f, "maxHeapMiB": %.0f, "openFileLimit": %d,
                    "note": "every socket: single-use ticket, /ws handshake, subscribe to a CLEARED incident (20 sockets per room), then only a ping every 30 s; users hold many sockets each (escape.ws.max-sessions-per-user raised for the bench domain); probe: one sender, a reader cleared for every probe label and one that is not, in a room of their own"},
                  "baseline": {"heapUsedAfterFullGcMiB": %.1f, "sessions": %d},
                  "steps": [
                    %s
                  ],
                  "stoppedBecause": %s,
                  "closeCodes": %s,
                  "errorFrames": %s,
                  "correctnessGate": {"pass": %s, "leaks": %d, "parseErrors": %d},
                  "summaryFigures": {"maxSessions": %s, "heapUsedAtMaxMiB": %s, "sessionsPerGiBHeapUsed": %s, "heapPerSessionKiB": %s,
                    "probeP50AtMaxMs": %s, "probeP99AtMaxMs": %s, "targetMet": %s},
                  "samples": %s,
                  "summary": %s
                }
                """, java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), memTotalMiB(), Json.quote(cpuModel()),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"),
                Json.quote(System.getProperty("bench.pinning", "none")), BASE, Arrays.toString(STEPS), users.size(), SOCKETS_PER_ROOM,
                PROBE_RATE, PROBE_SECONDS, PING_SECONDS, P99_LIMIT_MS, HEAP_LIMIT, maxHeapKiB / 1024.0, fdLimit,
                baselineHeap / 1024.0, probes.size(),
                steps.stream().map(s -> s.json(baseHeap, 0)).collect(Collectors.joining(",\n    ")),
                Json.quote(stopReason), closes, errs, gatePass, leaks.sum(), parseErrors.sum(),
                best == null ? "null" : best.open, best == null ? "null" : num(best.heapUsedKiB / 1024.0),
                best == null ? "null" : num(best.open / (best.heapUsedKiB / 1024.0 / 1024.0)),
                best == null ? "null" : num((best.heapUsedKiB - baselineHeap) / (double) best.open),
                best == null ? "null" : num(best.probe.p(50)), best == null ? "null" : num(best.probe.p(99)), targetMet,
                sampleJson, Json.quote(summary));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        log("written %s", out);
        System.out.println(summary);
        return gatePass ? 0 : 1;
    }

    // -----------------------------------------------------------------------------------------
    // Set-up
    // -----------------------------------------------------------------------------------------

    void ensureUsers() throws Exception {
        for (int p = 0; p < 20; p++) {
            String country = COUNTRIES.get(p / 4);
            int clearance = p % 4;
            for (int k = 0; k < USERS_PER_PROFILE; k++) {
                users.add(new BUser(String.format(Locale.ROOT, "b2-%s-%d-%02d", country.toLowerCase(Locale.ROOT), clearance, k),
                        country, clearance));
            }
        }
        String admin = adminToken();
        if (CHEAP_PASSWORDS) {
            HttpResponse<String> r = send("PUT", KEYCLOAK + "/admin/realms/escape", admin,
                    "{\"passwordPolicy\":\"hashAlgorithm(pbkdf2-sha256) and hashIterations(1)\"}");
            if (r.statusCode() != 204) {
                log("  could not set a cheap password policy (%d): sign-ins will be slower", r.statusCode());
            }
        }
        List<BUser> all = new ArrayList<>(users);
        all.addAll(List.of(owner, probeSender, probeHigh, probeLow));
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

    String createRoom(String title) throws Exception {
        String body = "{\"title\":\"" + title + "\",\"summary\":\"idle sockets benchmark\",\"severity\":\"LOW\",\"label\":"
                + Label.of(0).json() + ",\"access\":\"CLEARED\"}";
        HttpResponse<String> r = api("POST", "/api/v1/incidents", owner, body);
        expect(r, 201, "create room " + title);
        return (String) ((Map<?, ?>) Json.parse(r.body())).get("id");
    }

    void ensureRooms(int sockets) throws Exception {
        int needed = (sockets + SOCKETS_PER_ROOM - 1) / SOCKETS_PER_ROOM;
        List<Integer> missing = new ArrayList<>();
        for (int r = rooms.size(); r < needed; r++) {
            missing.add(r);
        }
        String[] ids = new String[missing.size()];
        int base = rooms.size();
        parallel(missing, 4, r -> ids[r - base] = createRoom("B2 room " + r + " " + STAMP));
        rooms.addAll(Arrays.asList(ids));
    }

    void setUpProbe() throws Exception {
        probeRoom = createRoom("B2 probe " + STAMP);
        for (BUser u : List.of(probeSender, probeHigh, probeLow)) {
            HttpResponse<String> r = api("POST", "/api/v1/incidents/" + probeRoom + "/join", u, null);
            if (r.statusCode() != 201 && r.statusCode() != 200) {
                throw new IllegalStateException("join probe room as " + u.name + ": " + r.statusCode() + " " + r.body());
            }
        }
        for (BUser u : List.of(probeSender, probeHigh, probeLow)) {
            Conn c = new Conn("probe", probes.size(), u);
            c.open(URI.create(WS_BASE + "/ws?ticket=" + URLEncoder.encode(ticket(u), StandardCharsets.UTF_8)));
            c.send("{\"type\":\"subscribe\",\"incident\":\"" + probeRoom + "\"}");
            c.subscribed.get(30, TimeUnit.SECONDS);
            probes.add(c);
        }
        log("probe: room %s; sender %s, readers %s (all probe labels) and %s (MYS, RESTRICTED: the first two only)",
                probeRoom, probeSender.name, probeHigh.name, probeLow.name);
    }

    /** Every socket pings every PING_SECONDS (the server closes a socket silent for 120 s), spread evenly. */
    Thread startPinger() {
        Thread t = new Thread(() -> {
            int i = 0;
            while (!Thread.currentThread().isInterrupted()) {
                List<Conn> all = new ArrayList<>(probes);
                all.addAll(idle);
                long period = TimeUnit.SECONDS.toNanos(PING_SECONDS) / Math.max(1, all.size());
                Conn c = all.get(i++ % all.size());
                if (!c.closed) {
                    c.send("{\"type\":\"ping\"}");
                }
                LockSupport.parkNanos(Math.max(50_000, period));
            }
        }, "pinger");
        t.setDaemon(true);
        t.start();
        return t;
    }

    // -----------------------------------------------------------------------------------------
    // The probe: open loop, sender -> two readers in a room of their own
    // -----------------------------------------------------------------------------------------

    final class Probe {
        final int no;
        final int n;
        final long[] scheduled;
        final Label[] labels;
        final AtomicLongArray receivedHigh;
        final AtomicLongArray receivedLow;
        final ConcurrentHistogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        final ConcurrentHistogram ack = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        final LongAdder acks = new LongAdder();
        final LongAdder errors = new LongAdder();
        long expected;
        final LongAdder delivered = new LongAdder();

        Probe(int no, int n) {
            this.no = no;
            this.n = n;
            scheduled = new long[n];
            labels = new Label[n];
            receivedHigh = new AtomicLongArray(n);
            receivedLow = new AtomicLongArray(n);
        }

        double p(double percentile) {
            return (percentile >= 100 ? latency.getMaxValue() : latency.getValueAtPercentile(percentile)) / 1000.0;
        }

        long missing() {
            return Math.max(0, expected - delivered.sum()) + (n - acks.sum());
        }

        String json() {
            return String.format(Locale.ROOT, "{\"messages\": %d, \"deliveries\": %d, \"expectedDeliveries\": %d, \"acked\": %d, \"errors\": %d,"
                            + " \"p50ms\": %.2f, \"p90ms\": %.2f, \"p99ms\": %.2f, \"maxms\": %.2f, \"ackP50ms\": %.2f, \"ackP99ms\": %.2f}",
                    n, delivered.sum(), expected, acks.sum(), errors.sum(), p(50), p(90), p(99), p(100),
                    ack.getValueAtPercentile(50) / 1000.0, ack.getValueAtPercentile(99) / 1000.0);
        }
    }

    final AtomicInteger probeCounter = new AtomicInteger();

    Probe runProbe(int seconds) {
        Probe p = new Probe(probeCounter.incrementAndGet(), PROBE_RATE * seconds);
        probe = p;
        Conn sender = probes.get(0);
        long interval = 1_000_000_000L / PROBE_RATE;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int i = 0; i < p.n; i++) {
            Label label = PROBE_LABELS.get(i % PROBE_LABELS.size());
            p.labels[i] = label;
            p.expected += 1 + (probeLow.reads(label) ? 1 : 0);
            String frame = "{\"type\":\"send\",\"incident\":\"" + probeRoom + "\",\"clientId\":\"" + PREFIX + p.no + "." + i
                    + "\",\"body\":\"probe " + i + ": still there?\",\"label\":" + label.json() + "}";
            long scheduled = start + i * interval;
            p.scheduled[i] = scheduled;
            for (long now = System.nanoTime(); now < scheduled; now = System.nanoTime()) {
                LockSupport.parkNanos(scheduled - now);
            }
            sender.send(frame).exceptionally(e -> {
                p.errors.increment();
                return null;
            });
        }
        long deadline = start + (p.n - 1) * interval + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && (p.delivered.sum() < p.expected || p.acks.sum() + p.errors.sum() < p.n)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return p;
    }

    void onFrame(Conn c, String text, long now) {
        if (c.arm.equals("idle")) {
            idleFrames.increment();
            String type = type(text);
            if ("subscribed".equals(type)) {
                c.subscribed.complete(null);
            } else if ("message".equals(type)) {
                checkLabel(c, text);
            } else if ("error".equals(type)) {
                errorFrames.computeIfAbsent("idle: " + code(text), k -> new LongAdder()).increment();
                sample("error frame on idle socket " + c.index + ": " + text.substring(0, Math.min(300, text.length())));
            }
            return;
        }
        Map<?, ?> frame;
        try {
            frame = (Map<?, ?>) Json.parse(text);
        } catch (RuntimeException e) {
            parseErrors.increment();
            return;
        }
        Object type = frame.get("type");
        Probe p = probe;
        if ("subscribed".equals(type)) {
            c.subscribed.complete(null);
        } else if ("message".equals(type)) {
            Map<?, ?> m = (Map<?, ?>) frame.get("message");
            Label label = Label.parse(m.get("label"));
            if (!c.user.reads(label)) {
                leaks.increment();
                sample("LEAK: " + c.user + " got " + label.marking());
            }
            Object cid = m.get("clientId");
            if (c == probes.get(0) || p == null || !(cid instanceof String s) || !s.startsWith(PREFIX + p.no + ".")) {
                return;
            }
            int i = Integer.parseInt(s.substring(s.lastIndexOf('.') + 1));
            AtomicLongArray seen = c.user == probeLow ? p.receivedLow : p.receivedHigh;
            if (seen.compareAndSet(i, 0, now)) {
                p.delivered.increment();
                p.latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - p.scheduled[i]) / 1000)));
            }
        } else if ("ack".equals(type)) {
            Object cid = frame.get("clientId");
            if (p != null && cid instanceof String s && s.startsWith(PREFIX + p.no + ".")) {
                int i = Integer.parseInt(s.substring(s.lastIndexOf('.') + 1));
                p.acks.increment();
                p.ack.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - p.scheduled[i]) / 1000)));
            }
        } else if ("error".equals(type)) {
            errorFrames.computeIfAbsent("probe: " + frame.get("code"), k -> new LongAdder()).increment();
            if (p != null) {
                p.errors.increment();
            }
            sample("error frame on probe socket: " + text.substring(0, Math.min(300, text.length())));
        }
    }

    void checkLabel(Conn c, String text) {
        try {
            Map<?, ?> m = (Map<?, ?>) ((Map<?, ?>) Json.parse(text)).get("message");
            Label label = Label.parse(m.get("label"));
            if (!c.user.reads(label)) {
                leaks.increment();
                sample("LEAK: " + c.user + " got " + label.marking());
            }
        } catch (RuntimeException e) {
            parseErrors.increment();
        }
    }

    static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");

    /** The frame's type without parsing it all (idle sockets get only subscribed, presence, pong and the like). */
    static String type(String text) {
        Matcher m = TYPE.matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    static String code(String text) {
        Matcher m = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]*)\"").matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    // -----------------------------------------------------------------------------------------
    // A socket
    // -----------------------------------------------------------------------------------------

    final class Conn implements WebSocket.Listener {
        final String arm;
        final int index;
        final BUser user;
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        StringBuilder partial;
        volatile WebSocket ws;
        volatile boolean closed;
        private CompletableFuture<?> chain = CompletableFuture.completedFuture(null);

        Conn(String arm, int index, BUser user) {
            this.arm = arm;
            this.index = index;
            this.user = user;
        }

        void open(URI uri) throws Exception {
            ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(15)).buildAsync(uri, this).get(30, TimeUnit.SECONDS);
        }

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
                    if (partial == null) {
                        partial = new StringBuilder();
                    }
                    partial.append(data);
                } else if (partial != null && partial.length() > 0) {
                    partial.append(data);
                    String text = partial.toString();
                    partial = null;
                    onFrame(this, text, now);
                } else {
                    onFrame(this, data.toString(), now);
                }
            } catch (RuntimeException e) {
                parseErrors.increment();
            } finally {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            if (!shuttingDown) {
                serverClosed.increment();
                closeCodes.computeIfAbsent(statusCode + " " + reason, k -> new LongAdder()).increment();
                sample(arm + " socket " + index + " (" + user.name + ") closed by the server: " + statusCode + " " + reason);
            }
            subscribed.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            if (!shuttingDown) {
                serverClosed.increment();
                closeCodes.computeIfAbsent("error " + error.getClass().getSimpleName(), k -> new LongAdder()).increment();
                sample(arm + " socket " + index + " error: " + error);
            }
            subscribed.completeExceptionally(error);
        }
    }

    void closeAll() {
        shuttingDown = true;
        List<Conn> all = new ArrayList<>(probes);
        all.addAll(idle);
        for (Conn c : all) {
            if (c.ws != null) {
                c.ws.abort();
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // The server JVM: heap after a full GC (jcmd), resident memory, open files, CPU
    // -----------------------------------------------------------------------------------------

    static String jcmd(String... command) {
        if (SERVER_PID <= 0) {
            return "";
        }
        try {
            List<String> cmd = new ArrayList<>(List.of(JCMD, Long.toString(SERVER_PID)));
            cmd.addAll(Arrays.asList(command));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static void fullGc() {
        jcmd("GC.run");
    }

    /** Heap used and committed (KiB) as GC.heap_info reports them. */
    static long[] heapKiB() {
        String info = jcmd("GC.heap_info"); // JDK 21+: "total reserved 2097152K, committed 262144K, used 123456K"
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        Matcher committed = Pattern.compile("committed (\\d+)K").matcher(info);
        Matcher total = Pattern.compile("total (\\d+)K").matcher(info);
        return new long[] {used.find() ? Long.parseLong(used.group(1)) : -1,
            committed.find() ? Long.parseLong(committed.group(1)) : total.find() ? Long.parseLong(total.group(1)) : -1};
    }

    static long maxHeapKiB() {
        Matcher m = Pattern.compile("MaxHeapSize=(\\d+)").matcher(jcmd("VM.flags"));
        return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
    }

    static long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + SERVER_PID + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    static long openFiles() {
        try (var s = Files.list(Path.of("/proc/" + SERVER_PID + "/fd"))) {
            return s.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long fdLimit(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Long.MAX_VALUE;
    }

    /** The server's CPU use (ms per second) over two seconds of idling (pings only). */
    static double idleCpuRate() {
        double a = procCpuMs(SERVER_PID);
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
        return (procCpuMs(SERVER_PID) - a) / 2;
    }

    static double procCpuMs(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
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
            throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.body());
        }
    }

    String ticket(BUser user) throws IOException, InterruptedException {
        HttpResponse<String> r = api("POST", "/api/v1/ws-tickets", user, null);
        expect(r, 201, "ticket for " + user.name);
        return (String) ((Map<?, ?>) Json.parse(r.body())).get("ticket");
    }

    private volatile long tokensAt;

    void refreshTokens(List<BUser> list) throws Exception {
        long t0 = System.nanoTime();
        parallel(list, 4, this::token);
        tokensAt = System.nanoTime();
        log("tokens: %d password grants via escape-cli in %.1f s", list.size(), (System.nanoTime() - t0) / 1e9);
    }

    void refreshTokensIfOld(List<BUser> list) throws Exception {
        if (System.nanoTime() - tokensAt > TimeUnit.SECONDS.toNanos(200)) {
            refreshTokens(list);
        }
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

    synchronized String adminTokenCached() throws IOException, InterruptedException {
        if (adminToken == null || System.nanoTime() - adminTokenAt > TimeUnit.SECONDS.toNanos(30)) {
            adminToken = adminToken();
            adminTokenAt = System.nanoTime();
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
    // Helpers
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
