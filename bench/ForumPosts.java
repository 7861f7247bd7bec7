import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Benchmark B5 (../shared/docs/BENCHMARKS.md): the forum REST API under load, with its lower bounds
 * measured in the same run.
 *
 * <ul>
 *   <li><b>posts</b>: JWT-authenticated {@code POST /api/v1/threads/{id}/posts} (persist, revision,
 *       audit, mention notifications) spread over seven demo users and eight threads, a third of the
 *       bodies with an {@code @mention}, a fifth RESTRICTED and a tenth CONFIDENTIAL//REL TO GBR, KEN;
 *       stepped up through fixed arrival rates until p99 exceeds the limit (150 ms) or a request fails;
 *   <li><b>reads</b>: {@code GET /api/v1/threads/{id}/posts?size=20} by all seven users at fixed rates;
 *   <li><b>health</b> (REST ceiling): {@code GET /health/live} at the same rates, right before each step;
 *   <li><b>jdbc</b> (DB ceiling): a bare JDBC insert of the forum_post row shape (V3__forums.sql), one
 *       transaction per row, closed loop on several connections; PostgreSQL: a scratch table in the
 *       bench database, referencing the real thread and user; H2: a scratch database file beside the
 *       server's (the server holds its H2 file exclusively), same H2 version, embedded like the server's.
 * </ul>
 *
 * <p>Open loop: requests leave at their scheduled times whatever the server does, and latency is
 * measured from the scheduled time, not the send time, so a stalled server shows up in the figures
 * (no coordinated omission). HdrHistogram, microsecond resolution. Server CPU per request from
 * /proc/PID/stat of the Payara JVM (and of the PostgreSQL backends of the bench database).
 *
 * <p><b>Correctness gate</b>: every page read is checked — no post above the reader's clearance or
 * outside their country — and after the run so is every notification of every user.
 *
 * <p>Run by {@code ./escape bench forum-posts}, which starts dedicated servers (H2, then PostgreSQL),
 * runs this once per database ({@code run}) and then {@code merge}s the two into
 * {@code bench/results/forum-posts-DATE.json}. Loopback only; bounded in time.
 */
public final class ForumPosts {

    // -----------------------------------------------------------------------------------------
    // Parameters (system properties set by ./escape)
    // -----------------------------------------------------------------------------------------

    private static final String BASE = System.getProperty("escape.baseUrl", "http://127.0.0.1:8080");
    private static final String KEYCLOAK = System.getProperty("escape.keycloakUrl", "http://localhost:8180");
    private static final String DATABASE = System.getProperty("bench.database", "h2");
    private static final String JDBC_URL = System.getProperty("bench.jdbcUrl", "");
    private static final String JDBC_USER = System.getProperty("bench.jdbcUser", "escape");
    private static final String JDBC_PASSWORD = System.getProperty("bench.jdbcPassword", "escape");
    private static final boolean JDBC_SCRATCH_DB = Boolean.getBoolean("bench.jdbcScratchDatabase");
    private static final long SERVER_PID = Long.getLong("bench.serverPid", -1);
    private static final int CLK_TCK = Integer.getInteger("bench.clkTck", 100);
    private static final int[] POST_RATES = ints(System.getProperty("bench.postRates", "50,100,200,300,400"));
    private static final int[] READ_RATES = ints(System.getProperty("bench.readRates", "100,250,500"));
    private static final int STEP_SECONDS = Integer.getInteger("bench.stepSeconds", 10);
    private static final int HEALTH_SECONDS = Integer.getInteger("bench.healthSeconds", 8);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 20);
    private static final int JDBC_SECONDS = Integer.getInteger("bench.jdbcSeconds", 8);
    private static final int JDBC_CONNECTIONS = Integer.getInteger("bench.jdbcConnections", 8);
    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final double POST_P99_LIMIT_MS = Double.parseDouble(System.getProperty("bench.p99LimitMs", "150"));
    private static final int BUDGET_SECONDS = Integer.getInteger("bench.budgetSeconds", 270);
    private static final int SETTLE_SECONDS = Integer.getInteger("bench.settleSeconds", 30);
    private static final int MAX_IN_FLIGHT = Integer.getInteger("bench.maxInFlight", 2000);
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    // -----------------------------------------------------------------------------------------
    // The demo users and labels (the gate's ground truth)
    // -----------------------------------------------------------------------------------------

    private record User(String name, String country, int clearance) {}

    private static final List<User> USERS = List.of(
            new User("alice", "GBR", 3), new User("bashir", "KEN", 2), new User("chen", "MYS", 1),
            new User("deepa", "IND", 4), new User("eve", "CAN", 0), new User("audrey", "CHE", 3),
            new User("ops", "GBR", 2));
    private static final List<String> LEVELS = List.of("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP_SECRET");

    /** A label: rank and countries (empty = ALL). */
    private record Label(int rank, Set<String> countries) {
        static final Label UNCLASSIFIED = new Label(0, Set.of());
        static final Label RESTRICTED = new Label(1, Set.of());
        static final Label CONF_GBR_KEN = new Label(2, new TreeSet<>(Set.of("GBR", "KEN")));

        boolean readableBy(User user) {
            return user.clearance >= rank && (countries.isEmpty() || countries.contains(user.country));
        }

        String json() {
            String rel = countries.isEmpty() ? "\"ALL\"" : countries.stream().map(c -> '"' + c + '"').collect(Collectors.joining(","));
            return "{\"classification\":\"" + LEVELS.get(rank) + "\",\"releasableTo\":[" + rel + "]}";
        }

        static Label parse(Object json) {
            Map<?, ?> map = (Map<?, ?>) json;
            int rank = LEVELS.indexOf((String) map.get("classification"));
            Set<String> countries = new TreeSet<>();
            for (Object c : (List<?>) map.get("releasableTo")) {
                if (!"ALL".equals(c)) {
                    countries.add((String) c);
                }
            }
            if (rank < 0) {
                throw new IllegalStateException("unknown classification in " + json);
            }
            return new Label(rank, countries);
        }
    }

    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile long tokensAt;
    private final List<String> threadIds = new ArrayList<>();
    private final Map<String, Label> createdPosts = new ConcurrentHashMap<>();
    private final AtomicInteger postCounter = new AtomicInteger();
    private final LongAdder gateViolations = new LongAdder();
    private final LongAdder itemsChecked = new LongAdder();
    private final List<String> violationSamples = java.util.Collections.synchronizedList(new ArrayList<>());
    private final long startedAt = System.nanoTime();
    /** The Payara JVM's CPU use while idle, before each phase (background work inflates CPU-ms per request at low rates). */
    private final List<Double> idleCpu = java.util.Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "run";
        switch (mode) {
            case "run" -> new ForumPosts().run(Path.of(System.getProperty("bench.out", "bench/target/forum-posts-" + DATABASE + ".json")));
            case "merge" -> merge(Arrays.copyOfRange(args, 1, args.length));
            default -> {
                System.err.println("usage: ForumPosts run | merge OUT.json FRAGMENT.json...");
                System.exit(2);
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // One database: set-up, warm-up, steps, lower bounds, gate
    // -----------------------------------------------------------------------------------------

    private void run(Path out) throws Exception {
        log("%s: %s (Payara pid %d), post rates %s/s, read rates %s/s, %d s steps, %d s health steps",
                DATABASE, BASE, SERVER_PID, Arrays.toString(POST_RATES), Arrays.toString(READ_RATES), STEP_SECONDS, HEALTH_SECONDS);
        refreshTokens(true);
        setUp();
        if (!JDBC_SCRATCH_DB && JDBC_URL.startsWith("jdbc:postgresql:")) {
            monitor = DriverManager.getConnection(JDBC_URL, JDBC_USER, JDBC_PASSWORD); // CPU of the backends
        }

        settle();
        log("warm-up %d s (posts, reads, health; discarded)", WARMUP_SECONDS);
        openLoop("warm-up posts", 30, Math.max(1, WARMUP_SECONDS / 2), this::postRequest, 201, this::onPosted);
        openLoop("warm-up reads", 60, Math.max(1, WARMUP_SECONDS / 2), this::readRequest, 200, this::onRead);
        openLoop("warm-up health", 100, 2, i -> healthRequest(), 200, null);
        settle();

        Map<Integer, Step> health = new TreeMap<>();
        List<Step> posts = new ArrayList<>();
        String stopReason = "all rates done";
        for (int rate : POST_RATES) {
            if (!withinBudget(HEALTH_SECONDS + STEP_SECONDS)) {
                stopReason = "time budget (" + BUDGET_SECONDS + " s) reached";
                break;
            }
            refreshTokens(false);
            Step h = health.computeIfAbsent(rate, r -> openLoop("health", r, HEALTH_SECONDS, i -> healthRequest(), 200, null));
            Step p = openLoop("posts", rate, STEP_SECONDS, this::postRequest, 201, this::onPosted).against(h);
            posts.add(p);
            pause();
            if (p.errors() > 0) {
                stopReason = p.errors() + " error(s) at " + rate + "/s";
                break;
            }
            if (p.p(99) > POST_P99_LIMIT_MS) {
                stopReason = String.format(Locale.ROOT, "p99 %.1f ms > %.0f ms at %d/s", p.p(99), POST_P99_LIMIT_MS, rate);
                break;
            }
        }
        log("posts: stopped: %s", stopReason);

        settle();
        List<Step> reads = new ArrayList<>();
        for (int rate : READ_RATES) {
            if (!withinBudget(HEALTH_SECONDS + STEP_SECONDS)) {
                log("reads: time budget reached, %d/s skipped", rate);
                continue;
            }
            refreshTokens(false);
            Step h = health.computeIfAbsent(rate, r -> openLoop("health", r, HEALTH_SECONDS, i -> healthRequest(), 200, null));
            reads.add(openLoop("reads", rate, STEP_SECONDS, this::readRequest, 200, this::onRead).against(h));
            pause();
        }

        Connection watching = monitor;
        monitor = null;
        if (watching != null) {
            watching.close();
        }
        Jdbc jdbc = jdbcCeiling();
        int notifications = notificationGate();

        Step sustained = null;
        for (Step p : posts) {
            if (p.errors() == 0 && p.p(99) <= POST_P99_LIMIT_MS) {
                sustained = p;
            }
        }
        Step reference = sustained != null ? sustained : posts.isEmpty() ? null : posts.get(0);
        boolean gate = gateViolations.sum() == 0;
        Step lastRead = reads.isEmpty() ? null : reads.get(reads.size() - 1);
        String summary = String.format(Locale.ROOT,
                "{\"sustainedPostsPerSecond\": %s, \"heldAtRate\": %s, \"referenceRate\": %s, \"postsP99AtReferenceMs\": %s,"
                        + " \"healthP99AtReferenceMs\": %s, \"postsP99OverHealthP99\": %s, \"jdbcInsertsPerSecond\": %.1f,"
                        + " \"sustainedPostsOverJdbcInserts\": %s, \"readsTopRate\": %s, \"readsAchievedAtTopRate\": %s,"
                        + " \"readsP99AtTopRateMs\": %s, \"readsHealthP99AtTopRateMs\": %s}",
                sustained == null ? "0" : num(sustained.achieved()),
                sustained == null ? "null" : Integer.toString(sustained.rate),
                reference == null ? "null" : Integer.toString(reference.rate),
                reference == null ? "null" : num(reference.p(99)),
                reference == null ? "null" : num(reference.health.p(99)),
                reference == null ? "null" : num(reference.p(99) / Math.max(0.001, reference.health.p(99))),
                jdbc.perSecond(),
                sustained == null ? "0" : String.format(Locale.ROOT, "%.4f", sustained.achieved() / Math.max(0.001, jdbc.perSecond())),
                lastRead == null ? "null" : Integer.toString(lastRead.rate),
                lastRead == null ? "null" : num(lastRead.achieved()),
                lastRead == null ? "null" : num(lastRead.p(99)),
                lastRead == null ? "null" : num(lastRead.health.p(99)));
        String json = String.format(Locale.ROOT, """
                {
                  "database": "%s",
                  "serverUrl": "%s",
                  "jdbcCeilingUrl": "%s",
                  "parameters": {"postRates": %s, "readRates": %s, "stepSeconds": %d, "healthSeconds": %d, "warmupSeconds": %d,
                    "postP99LimitMs": %.0f, "threads": %d, "users": %d, "jdbcConnections": %d, "jdbcSeconds": %d, "loop": "open (fixed arrival rate, latency from the scheduled send time)"},
                  "posts": [
                    %s
                  ],
                  "postsStoppedBecause": "%s",
                  "reads": [
                    %s
                  ],
                  "health": [
                    %s
                  ],
                  "jdbc": %s,
                  "serverIdleCpuMsPerSecond": %s,
                  "summary": %s,
                  "correctnessGate": {"pageItemsChecked": %d, "notificationsChecked": %d, "violations": %d, "samples": %s, "pass": %s}
                }""",
                DATABASE, BASE, JDBC_URL.replaceAll("password=[^&;]*", "password=…"), Arrays.toString(POST_RATES),
                Arrays.toString(READ_RATES), STEP_SECONDS, HEALTH_SECONDS, WARMUP_SECONDS, POST_P99_LIMIT_MS, THREADS,
                USERS.size(), JDBC_CONNECTIONS, JDBC_SECONDS,
                posts.stream().map(Step::json).collect(Collectors.joining(",\n    ")), stopReason,
                reads.stream().map(Step::json).collect(Collectors.joining(",\n    ")),
                health.values().stream().map(Step::json).collect(Collectors.joining(",\n    ")),
                jdbc.json(), idleCpu.stream().map(ForumPosts::num).collect(Collectors.joining(", ", "[", "]")), summary,
                itemsChecked.sum(), notifications, gateViolations.sum(),
                violationSamples.stream().limit(5).map(Json::quote).collect(Collectors.joining(", ", "[", "]")), gate);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json + "\n");
        log("%s: correctness gate %s (%d page items, %d notifications checked, %d violations); written %s",
                DATABASE, gate ? "PASS" : "FAIL", itemsChecked.sum(), notifications, gateViolations.sum(), out);
        if (!gate) {
            System.exit(1);
        }
    }

    private void setUp() throws Exception {
        String stamp = Instant.now().toString();
        Map<?, ?> forum = (Map<?, ?>) Json.parse(send("alice", "POST", "/api/v1/forums",
                "{\"name\":" + Json.quote("Bench B5 " + stamp) + ",\"description\":\"Benchmark B5 (bench/ForumPosts.java)\","
                        + "\"label\":" + Label.UNCLASSIFIED.json() + "}", 201));
        for (int t = 0; t < THREADS; t++) {
            User author = USERS.get(t % USERS.size());
            Map<?, ?> thread = (Map<?, ?>) Json.parse(send(author.name, "POST", "/api/v1/forums/" + forum.get("id") + "/threads",
                    "{\"title\":" + Json.quote("Bench thread " + (t + 1)) + ",\"body\":" + Json.quote(body(t, null))
                            + ",\"tags\":[\"bench\",\"t1566\"]}", 201));
            threadIds.add((String) thread.get("id"));
            createdPosts.put((String) thread.get("firstPostId"), Label.UNCLASSIFIED);
        }
        log("set-up: forum %s with %d threads by %d users", forum.get("id"), THREADS, Math.min(THREADS, USERS.size()));
    }

    // -----------------------------------------------------------------------------------------
    // The requests
    // -----------------------------------------------------------------------------------------

    private static final List<User> RESTRICTED_AUTHORS = USERS.stream().filter(u -> u.clearance >= 1).toList();
    private static final List<User> CONF_GBR_KEN_AUTHORS = USERS.stream()
            .filter(u -> Label.CONF_GBR_KEN.readableBy(u)).toList();

    private record PlannedPost(User author, Label label) {}

    private final Map<Integer, PlannedPost> planned = new ConcurrentHashMap<>();

    private HttpRequest postRequest(int step) {
        int n = postCounter.getAndIncrement();
        Label label = n % 10 == 3 ? Label.CONF_GBR_KEN : n % 5 == 1 ? Label.RESTRICTED : Label.UNCLASSIFIED;
        List<User> authors = label == Label.CONF_GBR_KEN ? CONF_GBR_KEN_AUTHORS
                : label == Label.RESTRICTED ? RESTRICTED_AUTHORS : USERS;
        User author = authors.get((n / 10) % authors.size());
        String mention = null;
        if (n % 3 == 0) {
            User mentioned = USERS.get((n / 3) % USERS.size());
            mention = mentioned == author ? USERS.get((n / 3 + 1) % USERS.size()).name : mentioned.name;
        }
        String json = "{\"body\":" + Json.quote(body(n, mention))
                + (label == Label.UNCLASSIFIED ? "" : ",\"label\":" + label.json()) + "}";
        planned.put(step, new PlannedPost(author, label));
        return HttpRequest.newBuilder(URI.create(BASE + "/api/v1/threads/" + threadIds.get(n % threadIds.size()) + "/posts"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + tokens.get(author.name))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    private void onPosted(int step, String body) {
        PlannedPost plan = planned.remove(step);
        Object id = ((Map<?, ?>) Json.parse(body)).get("id");
        if (id instanceof String postId && plan != null) {
            createdPosts.put(postId, plan.label);
        }
    }

    private final Map<Integer, User> readers = new ConcurrentHashMap<>();

    private HttpRequest readRequest(int step) {
        User reader = USERS.get(step % USERS.size());
        readers.put(step, reader);
        return HttpRequest.newBuilder(URI.create(BASE + "/api/v1/threads/" + threadIds.get((step / USERS.size()) % threadIds.size())
                        + "/posts?size=20"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + tokens.get(reader.name))
                .header("Accept", "application/json")
                .GET().build();
    }

    /** The gate: nothing on a page above the reader. */
    private void onRead(int step, String body) {
        User reader = readers.remove(step);
        for (Object item : (List<?>) ((Map<?, ?>) Json.parse(body)).get("items")) {
            Map<?, ?> post = (Map<?, ?>) item;
            itemsChecked.increment();
            Label shown = Label.parse(post.get("label"));
            Label created = createdPosts.get((String) post.get("id"));
            if (!shown.readableBy(reader) || (created != null && !created.readableBy(reader))) {
                violation("reader " + reader.name + " got post " + post.get("id") + " labelled " + post.get("marking"));
            }
        }
    }

    private static HttpRequest healthRequest() {
        return HttpRequest.newBuilder(URI.create(BASE + "/health/live")).timeout(Duration.ofSeconds(15)).GET().build();
    }

    /** A realistic post of ~600 bytes of Markdown, sometimes with a code block, optionally mentioning someone. */
    private static String body(int n, String mention) {
        String greeting = mention == null ? "" : "@" + mention + " ";
        return switch (n % 4) {
            case 0 -> greeting + "Same campaign seen here (message " + n + "): the lure is a fake invoice, the link "
                    + "goes to a credential-harvesting page behind a URL shortener, and the kit relays the one-time "
                    + "code in real time. Sender infrastructure rotates every few hours; blocking on the kit's TLS "
                    + "fingerprint worked better for us than on domains.\n\n- first seen: 2025-11-25\n- lure: invoice\n"
                    + "- ATT&CK: T1566.002, T1111";
            case 1 -> greeting + "Detection that fires on all our samples so far (" + n + "):\n\n```yara\nrule Bench_Loader\n{\n"
                    + "    strings:\n        $a = \"Cookie: %s=%s\" ascii\n        $b = { 8B 45 ?? 33 45 ?? 89 45 }\n"
                    + "    condition:\n        uint16(0) == 0x5A4D and all of them\n}\n```\n\nNo false positives on our "
                    + "goodware set; tell me if you see any.";
            case 2 -> greeting + "Patch status update " + n + ": **37** exposed devices left in our constituency, down from "
                    + "61 last week. The remaining owners were notified twice; we escalate to the regulator on Friday. "
                    + "Devices exposed before the fix still need the integrity check and, where the logs show "
                    + "exploitation, a factory reset, not only the hotfix.";
            default -> greeting + "Lessons from the last negotiation (" + n + "): buy time first, one voice only, check "
                    + "sanctions lists before the first reply, assume the leak site is the real deadline, and restore "
                    + "from backups in parallel whatever happens. Decryptors are slow and buggy: test on a copy.\n\n"
                    + "| step | owner |\n|---|---|\n| proof of decryption | IR lead |\n| sanctions check | legal |";
        };
    }

    // -----------------------------------------------------------------------------------------
    // The open-loop engine
    // -----------------------------------------------------------------------------------------

    private interface OnOk {
        void accept(int step, String body);
    }

    private final class Step {
        final String arm;
        final int rate;
        final int seconds;
        final Histogram histogram;
        final long sent;
        final long ok;
        final Map<String, Long> errorsByKind;
        final double windowSeconds;
        final double serverCpuMs;
        final double dbCpuMs;
        final double clientCpuMs;
        Step health;

        Step(String arm, int rate, int seconds, Histogram histogram, long sent, long ok, Map<String, Long> errorsByKind,
                double windowSeconds, double serverCpuMs, double dbCpuMs, double clientCpuMs) {
            this.arm = arm;
            this.rate = rate;
            this.seconds = seconds;
            this.histogram = histogram;
            this.sent = sent;
            this.ok = ok;
            this.errorsByKind = errorsByKind;
            this.windowSeconds = windowSeconds;
            this.serverCpuMs = serverCpuMs;
            this.dbCpuMs = dbCpuMs;
            this.clientCpuMs = clientCpuMs;
        }

        Step against(Step lowerBound) {
            this.health = lowerBound;
            log("  %-6s %4d/s: achieved %6.1f/s  p50 %7.2f  p90 %7.2f  p99 %7.2f  max %8.2f ms  errors %d  server %.2f CPU-ms/req"
                            + "%s | health p99 %.2f ms (x%.1f)",
                    arm, rate, achieved(), p(50), p(90), p(99), p(100), errors(), serverCpuMs / Math.max(1, sent),
                    dbCpuMs >= 0 ? String.format(Locale.ROOT, " + db %.2f", dbCpuMs / Math.max(1, sent)) : "",
                    lowerBound.p(99), p(99) / Math.max(0.001, lowerBound.p(99)));
            return this;
        }

        long errors() {
            return errorsByKind.values().stream().mapToLong(Long::longValue).sum();
        }

        double achieved() {
            return windowSeconds <= 0 ? 0 : ok / windowSeconds;
        }

        double p(double percentile) {
            return (percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile)) / 1000.0;
        }

        String json() {
            String errors = errorsByKind.entrySet().stream().map(e -> Json.quote(e.getKey()) + ": " + e.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
            return String.format(Locale.ROOT,
                    "{\"arm\": \"%s\", \"rate\": %d, \"seconds\": %d, \"sent\": %d, \"ok\": %d, \"achievedPerSecond\": %.1f,"
                            + " \"p50ms\": %.2f, \"p90ms\": %.2f, \"p99ms\": %.2f, \"p999ms\": %.2f, \"maxms\": %.2f,"
                            + " \"errors\": %d, \"errorsByKind\": %s, \"serverCpuMsPerRequest\": %.3f, \"dbCpuMsPerRequest\": %s,"
                            + " \"clientCpuMsPerRequest\": %.3f%s}",
                    arm, rate, seconds, sent, ok, achieved(), p(50), p(90), p(99), p(99.9), p(100), errors(), errors,
                    serverCpuMs / Math.max(1, sent), dbCpuMs < 0 ? "null" : num(dbCpuMs / Math.max(1, sent)),
                    clientCpuMs / Math.max(1, sent),
                    health == null ? "" : String.format(Locale.ROOT, ", \"healthP99ms\": %.2f, \"p99OverHealthP99\": %.2f",
                            health.p(99), p(99) / Math.max(0.001, health.p(99))));
        }
    }

    private Step openLoop(String arm, int rate, int seconds, IntFunction<HttpRequest> request, int expected, OnOk onOk) {
        int n = rate * seconds;
        long interval = 1_000_000_000L / rate;
        Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        Cpu before = Cpu.now();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int i = 0; i < n; i++) {
            final int step = i;
            final long scheduled = start + i * interval;
            for (long now = System.nanoTime(); now < scheduled; now = System.nanoTime()) {
                LockSupport.parkNanos(scheduled - now);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                errors.computeIfAbsent("client: " + MAX_IN_FLIGHT + " in flight", k -> new LongAdder()).increment();
                histogram.recordValue(HIGHEST_MICROS);
                done.countDown();
                continue;
            }
            HttpRequest httpRequest = request.apply(step);
            inFlight.incrementAndGet();
            HTTP.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).whenComplete((response, failure) -> {
                long end = System.nanoTime();
                histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (end - scheduled) / 1000)));
                try {
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        errors.computeIfAbsent("io: " + cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
                    } else if (response.statusCode() != expected) {
                        errors.computeIfAbsent("http " + response.statusCode(), k -> new LongAdder()).increment();
                    } else {
                        ok.incrementAndGet();
                        if (onOk != null) {
                            onOk.accept(step, response.body());
                        }
                    }
                } catch (RuntimeException e) {
                    errors.computeIfAbsent("client: " + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                } finally {
                    lastDone.accumulateAndGet(end, Math::max);
                    inFlight.decrementAndGet();
                    done.countDown();
                }
            });
        }
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                errors.computeIfAbsent("client: unanswered after 60 s", k -> new LongAdder()).add(done.getCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Cpu after = Cpu.now();
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        double window = Math.max(lastDone.get(), start + (n - 1) * interval) - start;
        Step result = new Step(arm, rate, seconds, histogram, n, ok.get(), errorCounts, window / 1e9,
                after.serverMs - before.serverMs, after.dbMinus(before), after.clientMs - before.clientMs);
        if (arm.equals("health")) {
            log("  health %4d/s: achieved %6.1f/s  p50 %7.2f  p90 %7.2f  p99 %7.2f  max %8.2f ms  errors %d  server %.2f CPU-ms/req",
                    rate, result.achieved(), result.p(50), result.p(90), result.p(99), result.p(100), result.errors(),
                    result.serverCpuMs / Math.max(1, n));
        } else if (arm.startsWith("warm-up") && result.errors() > 0) {
            log("  %s: %d error(s) %s", arm, result.errors(), errorCounts);
        }
        return result;
    }

    // -----------------------------------------------------------------------------------------
    // CPU accounting: the Payara JVM, the PostgreSQL backends of the bench database, this JVM
    // -----------------------------------------------------------------------------------------

    private static volatile Connection monitor;

    private record Cpu(double serverMs, Map<Long, Double> dbMs, double clientMs) {
        static Cpu now() {
            Map<Long, Double> db = new HashMap<>();
            if (monitor != null) {
                try (Statement s = monitor.createStatement();
                     ResultSet rs = s.executeQuery("select pid from pg_stat_activity where datname = current_database()"
                             + " and pid <> pg_backend_pid()")) {
                    while (rs.next()) {
                        double ms = procCpuMs(rs.getLong(1));
                        if (ms >= 0) {
                            db.put(rs.getLong(1), ms);
                        }
                    }
                } catch (SQLException e) {
                    db.clear();
                }
            }
            return new Cpu(procCpuMs(SERVER_PID),  db, clientCpuMs());
        }

        /** CPU of the database backends since {@code before} (backends that appeared count from 0); -1 when not measured. */
        double dbMinus(Cpu before) {
            if (monitor == null) {
                return -1;
            }
            double sum = 0;
            for (var e : dbMs.entrySet()) {
                sum += e.getValue() - before.dbMs.getOrDefault(e.getKey(), 0.0);
            }
            return sum;
        }
    }

    private static double procCpuMs(long pid) {
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

    private static double clientCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    // -----------------------------------------------------------------------------------------
    // The DB ceiling: bare JDBC inserts of the forum_post row shape
    // -----------------------------------------------------------------------------------------

    private record Jdbc(String table, int connections, int seconds, long inserts, long failures, Histogram histogram,
                        double wallSeconds, double cpuMs) {
        double perSecond() {
            return wallSeconds <= 0 ? 0 : inserts / wallSeconds;
        }

        String json() {
            return String.format(Locale.ROOT,
                    "{\"arm\": \"jdbc insert (lower bound)\", \"table\": \"%s\", \"connections\": %d, \"seconds\": %d,"
                            + " \"loop\": \"closed, autocommit, one row per transaction\", \"inserts\": %d, \"failures\": %d,"
                            + " \"insertsPerSecond\": %.1f, \"p50ms\": %.3f, \"p90ms\": %.3f, \"p99ms\": %.3f, \"maxms\": %.3f,"
                            + " \"cpuMsPerInsert\": %.3f, \"cpuIncludes\": \"%s\"}",
                    table, connections, seconds, inserts, failures, perSecond(),
                    histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0,
                    cpuMs / Math.max(1, inserts),
                    JDBC_SCRATCH_DB ? "this JVM (embedded H2 engine and driver)" : "this JVM (driver) + the PostgreSQL backends");
        }
    }

    private static final String POST_COLUMNS = """
            id                  varchar(36)     not null,
            thread_id           varchar(36)     not null,
            position            integer         not null,
            author_id           varchar(36)     not null,
            reply_to            varchar(36),
            body                varchar(65536)  not null,
            html                varchar(1000000) not null,
            classification_rank integer         not null,
            releasable_to       varchar(1025)   not null,
            created_at          timestamp       not null,
            edited_at           timestamp,
            revision            integer         not null,
            deleted_by          varchar(16),
            hidden_reason       varchar(500),
            version             bigint          not null""";

    private Jdbc jdbcCeiling() throws Exception {
        String table = "bench_b5_forum_post";
        log("jdbc: %d connections, %d s, %s", JDBC_CONNECTIONS, JDBC_SECONDS,
                JDBC_SCRATCH_DB ? "scratch H2 database " + JDBC_URL : "scratch table " + table + " in the bench database");
        String threadId;
        String authorId;
        try (Connection c = DriverManager.getConnection(JDBC_URL, JDBC_USER, JDBC_PASSWORD); Statement s = c.createStatement()) {
            if (JDBC_SCRATCH_DB) {
                // The server holds its H2 file exclusively: parents of the same shape in a scratch file beside it.
                s.execute("create table if not exists user_account (id varchar(36) not null, constraint pk_user_account primary key (id))");
                s.execute("create table if not exists forum_thread (id varchar(36) not null, constraint pk_forum_thread primary key (id))");
                threadId = UUID.randomUUID().toString();
                authorId = UUID.randomUUID().toString();
                s.execute("insert into user_account (id) values ('" + authorId + "')");
                s.execute("insert into forum_thread (id) values ('" + threadId + "')");
            } else {
                threadId = threadIds.get(0);
                try (ResultSet rs = s.executeQuery("select id from user_account where username = 'alice'")) {
                    if (!rs.next()) {
                        throw new IllegalStateException("alice has no local record in " + JDBC_URL);
                    }
                    authorId = rs.getString(1);
                }
            }
            s.execute("drop table if exists " + table);
            s.execute("create table " + table + " (" + POST_COLUMNS + ", constraint pk_" + table + " primary key (id),"
                    + " constraint uq_" + table + "_position unique (thread_id, position),"
                    + " constraint fk_" + table + "_thread foreign key (thread_id) references forum_thread (id),"
                    + " constraint fk_" + table + "_author foreign key (author_id) references user_account (id))");
            s.execute("create index ix_" + table + "_thread_created on " + table + " (thread_id, created_at)");
        }
        Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        AtomicInteger position = new AtomicInteger();
        LongAdder inserts = new LongAdder();
        LongAdder failures = new LongAdder();
        List<Connection> connections = new ArrayList<>();
        Map<Long, Double> backendsBefore = new HashMap<>();
        for (int i = 0; i < JDBC_CONNECTIONS; i++) {
            Connection c = DriverManager.getConnection(JDBC_URL, JDBC_USER, JDBC_PASSWORD);
            c.setAutoCommit(true);
            connections.add(c);
            if (!JDBC_SCRATCH_DB) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                    rs.next();
                    backendsBefore.put(rs.getLong(1), procCpuMs(rs.getLong(1)));
                }
            }
        }
        String body = body(1, "bashir");
        String html = "<p>" + body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n\n", "</p><p>") + "</p>";
        double clientBefore = clientCpuMs();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JDBC_SECONDS);
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (Connection c : connections) {
            Thread worker = Thread.ofPlatform().start(() -> {
                try (PreparedStatement insert = c.prepareStatement("insert into " + table + " (id, thread_id, position,"
                        + " author_id, reply_to, body, html, classification_rank, releasable_to, created_at, edited_at,"
                        + " revision, deleted_by, hidden_reason, version) values (?, ?, ?, ?, null, ?, ?, 0, 'ALL', ?, null, 1,"
                        + " null, null, 1)")) {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        try {
                            insert.setString(1, UUID.randomUUID().toString());
                            insert.setString(2, threadId);
                            insert.setInt(3, position.incrementAndGet());
                            insert.setString(4, authorId);
                            insert.setString(5, body);
                            insert.setString(6, html);
                            insert.setTimestamp(7, Timestamp.from(Instant.now()));
                            insert.executeUpdate();
                            inserts.increment();
                        } catch (SQLException e) {
                            failures.increment();
                        }
                        histogram.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - t0) / 1000));
                    }
                } catch (SQLException e) {
                    failures.increment();
                }
            });
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = clientCpuMs() - clientBefore;
        for (var e : backendsBefore.entrySet()) {
            cpu += procCpuMs(e.getKey()) - e.getValue();
        }
        for (Connection c : connections) {
            c.close();
        }
        try (Connection c = DriverManager.getConnection(JDBC_URL, JDBC_USER, JDBC_PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop table " + table);
        }
        Jdbc result = new Jdbc(table, JDBC_CONNECTIONS, JDBC_SECONDS, inserts.sum(), failures.sum(), histogram, wall, cpu);
        log("  jdbc   %d conn: %.0f inserts/s  p50 %.3f  p99 %.3f  max %.2f ms  failures %d  %.3f CPU-ms/insert",
                JDBC_CONNECTIONS, result.perSecond(), histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0, failures.sum(),
                cpu / Math.max(1, inserts.sum()));
        return result;
    }

    // -----------------------------------------------------------------------------------------
    // The gate on notifications, tokens, plain HTTP
    // -----------------------------------------------------------------------------------------

    /** Every notification of every user must point at a post that user may read. */
    private int notificationGate() throws Exception {
        refreshTokens(true);
        int checked = 0;
        for (User user : USERS) {
            for (int page = 0; page < 20; page++) {
                Map<?, ?> answer = (Map<?, ?>) Json.parse(send(user.name, "GET", "/api/v1/notifications?size=100&page=" + page, null, 200));
                List<?> items = (List<?>) answer.get("items");
                for (Object item : items) {
                    checked++;
                    Map<?, ?> post = (Map<?, ?>) ((Map<?, ?>) item).get("post");
                    Label label = post == null ? null : createdPosts.get((String) post.get("id"));
                    if (label != null && !label.readableBy(user)) {
                        violation("notification for " + user.name + " about post " + post.get("id") + " above them");
                    }
                }
                if (items.size() < 100) {
                    break;
                }
            }
        }
        return checked;
    }

    private void violation(String what) {
        gateViolations.increment();
        if (violationSamples.size() < 20) {
            violationSamples.add(what);
        }
    }

    private void refreshTokens(boolean force) throws Exception {
        if (!force && System.nanoTime() - tokensAt < TimeUnit.SECONDS.toNanos(120)) {
            return;
        }
        for (User user : USERS) {
            String form = "grant_type=password&client_id=escape-cli&username=" + URLEncoder.encode(user.name, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(user.name, StandardCharsets.UTF_8);
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(KEYCLOAK + "/realms/escape/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Object token = response.statusCode() == 200 ? ((Map<?, ?>) Json.parse(response.body())).get("access_token") : null;
            if (!(token instanceof String value)) {
                throw new IllegalStateException("no token for " + user.name + ": " + response.statusCode() + " " + response.body());
            }
            tokens.put(user.name, value);
        }
        tokensAt = System.nanoTime();
    }

    private String send(String user, String method, String path, String json, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.get(user)).header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            String hint = response.statusCode() == 429 ? " (rate limited: start the server with ESCAPE_WRITES_PER_MINUTE raised)" : "";
            throw new IllegalStateException(method + " " + path + " as " + user + ": " + response.statusCode() + hint + " "
                    + response.body());
        }
        return response.body();
    }

    /**
     * Waits (at most {@code bench.settleSeconds}, 30) until the Payara JVM uses less than a fifth of a
     * core for two seconds in a row, so start-up work (JIT, deployment, identity sync) and the previous
     * step's tail do not land in the next step's figures.
     */
    private void settle() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        long began = System.nanoTime();
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
        log("server %s after %.0f s (%.0f CPU-ms/s)", quiet >= 2 ? "idle" : "still busy (" + SETTLE_SECONDS + " s limit)",
                (System.nanoTime() - began) / 1e9, idle);
    }

    private boolean withinBudget(int seconds) {
        return (System.nanoTime() - startedAt) / 1e9 + seconds <= BUDGET_SECONDS;
    }

    private static void pause() {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }

    // -----------------------------------------------------------------------------------------
    // merge: one result file for the run, and the one-line summary
    // -----------------------------------------------------------------------------------------

    private static void merge(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("merge OUT.json FRAGMENT.json...");
        }
        Path out = Path.of(args[0]);
        List<String> fragments = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        boolean pass = true;
        for (int i = 1; i < args.length; i++) {
            String text = Files.readString(Path.of(args[i])).strip();
            fragments.add(text.replace("\n", "\n    "));
            Map<?, ?> run = (Map<?, ?>) Json.parse(text);
            Map<?, ?> s = (Map<?, ?>) run.get("summary");
            boolean gate = Boolean.TRUE.equals(((Map<?, ?>) run.get("correctnessGate")).get("pass"));
            pass &= gate;
            parts.add(run.get("database") + ": " + describe(s, d((Map<?, ?>) run.get("parameters"), "postP99LimitMs")));
        }
        String summary = "B5 forum-posts: " + String.join(" | ", parts) + " | gate " + (pass ? "PASS" : "FAIL");
        String json = String.format(Locale.ROOT, """
                {
                  "benchmark": "forum-posts",
                  "id": "B5",
                  "date": "%s",
                  "machine": {"nproc": %s, "memTotalMiB": %d, "cpu": %s, "jdk": "%s", "os": "%s %s"},
                  "pinning": %s,
                  "target": "p99 < 150 ms at >= 200 posts/s on H2 and PostgreSQL; page reads p99 < 50 ms at 500 req/s",
                  "runs": [
                    %s
                  ],
                  "summary": %s
                }
                """, java.time.LocalDate.now(), System.getProperty("bench.nproc", "null"), memTotalMiB(), Json.quote(cpuModel()),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"),
                Json.quote(System.getProperty("bench.pinning", "none")), String.join(",\n    ", fragments), Json.quote(summary));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        System.out.println("[bench] written " + out);
        System.out.println(summary);
        if (!pass) {
            System.exit(1);
        }
    }

    /** One database's part of the one-line summary. */
    private static String describe(Map<?, ?> s, double p99Limit) {
        StringBuilder out = new StringBuilder();
        Object held = s.get("heldAtRate");
        if (held != null) {
            out.append(String.format(Locale.ROOT, "%.0f posts/s held at p99 %.1f ms (%.1fx health p99 %.1f ms at %.0f/s;"
                            + " %.3fx the %.0f JDBC inserts/s)", d(s, "sustainedPostsPerSecond"), d(s, "postsP99AtReferenceMs"),
                    d(s, "postsP99OverHealthP99"), d(s, "healthP99AtReferenceMs"), d(s, "heldAtRate"),
                    d(s, "sustainedPostsOverJdbcInserts"), d(s, "jdbcInsertsPerSecond")));
        } else if (s.get("referenceRate") != null) {
            out.append(String.format(Locale.ROOT, "no post rate held p99 <= %.0f ms (at %.0f/s: p99 %.1f ms, %.1fx health p99"
                            + " %.1f ms; JDBC %.0f inserts/s)", p99Limit, d(s, "referenceRate"), d(s, "postsP99AtReferenceMs"),
                    d(s, "postsP99OverHealthP99"), d(s, "healthP99AtReferenceMs"), d(s, "jdbcInsertsPerSecond")));
        } else {
            out.append(String.format(Locale.ROOT, "no post step ran; JDBC %.0f inserts/s", d(s, "jdbcInsertsPerSecond")));
        }
        if (s.get("readsTopRate") != null) {
            out.append(String.format(Locale.ROOT, "; reads at %.0f/s: %.0f/s achieved, p99 %.1f ms (health %.1f ms)",
                    d(s, "readsTopRate"), d(s, "readsAchievedAtTopRate"), d(s, "readsP99AtTopRateMs"), d(s, "readsHealthP99AtTopRateMs")));
        }
        return out.toString();
    }

    private static double d(Map<?, ?> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private static long memTotalMiB() {
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

    private static String cpuModel() {
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
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
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
                throw new IllegalArgumentException("bad JSON at " + at + ": expected '" + c + "'");
            }
        }
    }
}
