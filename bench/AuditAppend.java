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
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark: the cost of appending to the hash-chained audit trail through the real server, at 1
 * and 8 concurrent writers.
 *
 * <p>Arm "append": a member calls GET /api/v1/audit/verify, which they may not: the server resolves
 * the caller, refuses, and appends a DENIED record in its own transaction (locking the chain head).
 * Lower-bound arm "no-append": the same caller on GET /api/v1/me — the same authentication, token
 * verification and local-record lookup, without the append. The difference is the append's cost.
 * Correctness gate: after the run the chain verifies and grew by exactly the number of appends.
 *
 * <p>Closed-loop (each writer sends its next request when the previous answered), bounded in count,
 * loopback only. Run with {@code ./escape bench audit-append} against a running instance.
 */
public final class AuditAppend {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String base = System.getProperty("escape.baseUrl", "http://localhost:8080");
        String keycloak = System.getProperty("escape.keycloakUrl", "http://localhost:8180");
        int perWriter = Integer.getInteger("requests", 400);
        String writer = token(keycloak, "bashir");
        String auditor = token(keycloak, "audrey");

        long entriesBefore = verifiedEntries(base, auditor);
        warmUp(base, writer, 200);
        List<String> rows = new ArrayList<>();
        long appends = 0;
        for (int writers : new int[] {1, 8}) {
            Result lower = run(base + "/api/v1/me", writer, writers, perWriter, 200);
            Result append = run(base + "/api/v1/audit/verify", writer, writers, perWriter, 403);
            appends += append.count;
            rows.add(append.json("append", writers) + ",\n    " + lower.json("no-append (lower bound)", writers));
            System.out.printf(Locale.ROOT,
                    "writers=%d  append: %.0f/s p50 %.2f ms p99 %.2f ms | lower bound: %.0f/s p50 %.2f ms p99 %.2f ms"
                            + " | append cost p50 +%.2f ms, throughput ratio %.2f%n",
                    writers, append.perSecond(), append.p(50), append.p(99), lower.perSecond(), lower.p(50), lower.p(99),
                    append.p(50) - lower.p(50), append.perSecond() / lower.perSecond());
        }
        long entriesAfter = verifiedEntries(base, auditor);
        boolean gate = entriesAfter - entriesBefore >= appends;
        System.out.printf("correctness gate: chain verified, %d entries before, %d after, %d appends sent -> %s%n",
                entriesBefore, entriesAfter, appends, gate ? "PASS" : "FAIL");
        String json = String.format(Locale.ROOT, """
                {
                  "benchmark": "audit-append",
                  "date": "%s",
                  "machine": {"nproc": %d, "maxHeapMiB": %d, "jdk": "%s", "os": "%s"},
                  "parameters": {"requestsPerWriter": %d, "writers": [1, 8], "loop": "closed", "target": "%s"},
                  "results": [
                    %s
                  ],
                  "correctnessGate": {"chainVerified": true, "entriesBefore": %d, "entriesAfter": %d, "appends": %d, "pass": %s}
                }
                """, LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
                System.getProperty("os.name"), perWriter, base, String.join(",\n    ", rows), entriesBefore,
                entriesAfter, appends, gate);
        Path out = Path.of(System.getProperty("escape.results", "bench/results"),
                "audit-append-" + LocalDate.now() + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        System.out.println("written " + out);
        if (!gate) {
            System.exit(1);
        }
    }

    private record Result(long[] nanos, int count, long wallNanos, long cpuNanos) {
        double perSecond() {
            return count / (wallNanos / 1e9);
        }

        double p(double percentile) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }

        String json(String arm, int writers) {
            return String.format(Locale.ROOT,
                    "{\"arm\": \"%s\", \"writers\": %d, \"requests\": %d, \"perSecond\": %.1f, \"p50ms\": %.3f,"
                            + " \"p90ms\": %.3f, \"p99ms\": %.3f, \"maxms\": %.3f, \"clientCpuMsPerOp\": %.3f}",
                    arm, writers, count, perSecond(), p(50), p(90), p(99), p(100), cpuNanos / 1e6 / count);
        }
    }

    private static Result run(String url, String token, int writers, int perWriter, int expectedStatus)
            throws InterruptedException {
        long[] nanos = new long[writers * perWriter];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long cpuBefore = processCpu();
        long started = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            pool.execute(() -> {
                try {
                    for (int i = 0; i < perWriter; i++) {
                        long t0 = System.nanoTime();
                        int status = get(url, token);
                        nanos[next.getAndIncrement()] = System.nanoTime() - t0;
                        if (status != expectedStatus) {
                            failures.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long wall = System.nanoTime() - started;
        pool.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " unexpected answers from " + url);
        }
        return new Result(nanos, nanos.length, wall, processCpu() - cpuBefore);
    }

    private static void warmUp(String base, String token, int n) {
        for (int i = 0; i < n; i++) {
            get(base + "/api/v1/me", token);
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int get(String url, String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long verifiedEntries(String base, String auditorToken) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audit/verify"))
                .header("Authorization", "Bearer " + auditorToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"ok\":true")) {
            throw new IllegalStateException("the audit chain does not verify: " + response.body());
        }
        Matcher entries = Pattern.compile("\"entries\":(\\d+)").matcher(response.body());
        if (!entries.find()) {
            throw new IllegalStateException("unexpected verify answer: " + response.body());
        }
        return Long.parseLong(entries.group(1));
    }

    private static String token(String keycloak, String user) throws Exception {
        String form = "grant_type=password&client_id=escape-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(keycloak + "/realms/escape/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        if (!token.find()) {
            throw new IllegalStateException("no token for " + user + ": " + response.body());
        }
        return token.group(1);
    }
}
