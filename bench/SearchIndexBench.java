import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;
import org.escape.searchindex.ItemType;
import org.escape.searchindex.ProseAnalyzer;
import org.escape.searchindex.RankingConfig;
import org.escape.searchindex.ReaderProfile;
import org.escape.searchindex.SearchDocument;
import org.escape.searchindex.SearchRequest;
import org.escape.searchindex.SearchResult;
import org.escape.searchindex.SecureIndex;

/**
 * Benchmarks B3 (filtered search) and B4 (indexing and freshness) of ESCAPE's secure index
 * ({@code search-index}), in one file because both index the same generated corpus.
 *
 * <ul>
 *   <li>{@code search OUT.json} (B3): opens (or first builds) the index of {@code bench.docs}
 *       generated documents and runs the query mix open loop in three arms on the same index:
 *       {@code raw} (no security filter: the lower bound), {@code cached} (the production filter,
 *       per-segment bitsets of ProfileFilterCache) and {@code uncached} (the same filter as
 *       Lucene term queries, Lucene's query cache off). The two non-production arms go through
 *       SecureIndex's package-private {@code FilterMode}, reached by reflection: nothing public
 *       leads to them.</li>
 *   <li>{@code indexing FRAGMENT.json} (B4, bulk): indexes the same documents with a raw Lucene
 *       IndexWriter (StandardAnalyzer; then ESCAPE's ProseAnalyzer on the same two text fields) and
 *       through the real pipeline ({@code SecureIndex.rebuild}); the pipeline's index is kept as
 *       the B3 index.</li>
 *   <li>{@code freshness FRAGMENT.json OUT.json} (B4, publish to searchable): against a running
 *       bench server, publishes posts and threads over REST and polls {@code GET /api/v1/search}
 *       until each is found; writes OUT with the bulk fragment.</li>
 * </ul>
 * Documents: text of ~2 KB assembled from the MITRE ATT&amp;CK data (techniques, procedure examples,
 * mitigations) in {@code bench.data}, 20 label combinations in the application's token form
 * ({@code lvl:}, {@code rel:}, {@code acc:} as LabelTokens, AccessTokens and ForumDocuments make
 * them), deterministic from {@code bench.seed}. Readers: 20 profiles in ReaderProfiles' form (5
 * countries x 4 clearances, each with its own user token, some incident memberships, some
 * moderators). The correctness gate checks every hit of the filtered arms against an oracle that
 * works from the label's meaning (level rank, countries, access condition), not from the tokens,
 * and against {@code ReaderProfile.matches}.
 */
public final class SearchIndexBench {

    private static final int DOCS = Integer.getInteger("bench.docs", 1_000_000);
    private static final long SEED = Long.getLong("bench.seed", 20_261_202L);
    private static final Path DATA = Path.of(System.getProperty("bench.data", "../shared/data/attack-enterprise"));
    private static final Path TARGET = Path.of(System.getProperty("bench.target", "bench/target"));
    /** Bump when the generated documents change, so a kept index is not reused for different data. */
    private static final int GENERATOR_VERSION = 1;
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long STARTED = System.nanoTime();

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "search" -> new Search().run(Path.of(args[1]));
            case "indexing" -> Bulk.run(Path.of(args[1]));
            case "freshness" -> new Freshness().run(Path.of(args[1]), Path.of(args[2]));
            default -> {
                System.err.println("usage: SearchIndexBench search OUT.json | indexing FRAGMENT.json | freshness FRAGMENT.json OUT.json");
                System.exit(2);
            }
        }
    }

    // =========================================================================================
    // Labels and readers, in the application's token form; the oracle works from their meaning
    // =========================================================================================

    private static final List<String> LEVELS = List.of("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP_SECRET");
    private static final List<String> COUNTRIES = List.of("GBR", "KEN", "MYS", "IND", "CAN");
    private static final UUID INCIDENT_A = new UUID(0xB3B3L, 1);
    private static final UUID INCIDENT_B = new UUID(0xB3B3L, 2);

    /** What guards a document beyond its label (AccessTokens): open, an incident's members, or a draft's author and moderators. */
    private sealed interface Access {
        record Open() implements Access {}
        record Incident(UUID id) implements Access {}
        record Draft(int authorReader) implements Access {}
    }

    /**
     * One label combination: level rank, countries (empty = releasable to ALL, null = no country
     * may read: the NOBODY case of LabelTokens.forChain), access condition, weight in 100.
     */
    private record Label(int level, Set<String> countries, Access access, int weight) {
        Set<String> tokens() {
            Set<String> tokens = new LinkedHashSet<>();
            tokens.add("lvl:" + LEVELS.get(level));
            if (countries == null) {
                tokens.add("rel:NOBODY");
            } else if (countries.isEmpty()) {
                tokens.add("rel:ALL");
            } else {
                countries.forEach(c -> tokens.add("rel:" + c));
            }
            switch (access) {
                case Access.Open o -> tokens.add("acc:OPEN");
                case Access.Incident i -> tokens.add("acc:INC-" + i.id());
                case Access.Draft d -> {
                    tokens.add("acc:USR-" + READERS.get(d.authorReader()).id());
                    tokens.add("acc:MOD");
                }
            }
            return tokens;
        }

        String describe() {
            String rel = countries == null ? "NOBODY" : countries.isEmpty() ? "ALL" : String.join(",", countries);
            String acc = switch (access) {
                case Access.Open o -> "open";
                case Access.Incident i -> "incident " + (i.id().equals(INCIDENT_A) ? "A" : "B");
                case Access.Draft d -> "draft of reader " + d.authorReader();
            };
            return LEVELS.get(level) + " rel " + rel + " " + acc;
        }
    }

    private static Set<String> set(String... values) {
        return new TreeSet<>(List.of(values));
    }

    private static final Access OPEN = new Access.Open();
    /** The 20 label combinations and their weights (sum 100). */
    private static final List<Label> LABELS = List.of(
            new Label(0, Set.of(), OPEN, 20),
            new Label(1, Set.of(), OPEN, 12),
            new Label(2, Set.of(), OPEN, 8),
            new Label(3, Set.of(), OPEN, 5),
            new Label(4, Set.of(), OPEN, 2),
            new Label(2, set("GBR", "KEN"), OPEN, 6),
            new Label(3, set("GBR", "IND"), OPEN, 4),
            new Label(1, set("MYS"), OPEN, 4),
            new Label(2, set("CAN", "GBR"), OPEN, 4),
            new Label(3, set("KEN"), OPEN, 3),
            new Label(1, set("IND", "MYS"), OPEN, 4),
            new Label(0, set("GBR", "KEN", "MYS", "IND", "CAN"), OPEN, 5),
            new Label(3, null, OPEN, 2),
            new Label(0, Set.of(), new Access.Incident(INCIDENT_A), 5),
            new Label(2, set("GBR"), new Access.Incident(INCIDENT_B), 3),
            new Label(1, Set.of(), new Access.Incident(INCIDENT_A), 3),
            new Label(0, Set.of(), new Access.Draft(3), 2),
            new Label(1, Set.of(), new Access.Draft(10), 2),
            new Label(3, set("CAN"), OPEN, 3),
            new Label(1, set("KEN", "GBR"), OPEN, 3));

    /** One reader: clearance rank, country, user id, incident memberships, moderator or not. */
    private record Reader(int index, int clearance, String country, UUID id, Set<UUID> incidents, boolean moderator) {

        /** The profile exactly as ReaderProfiles.of builds it (LabelTokens.readerFilter plus the access group). */
        ReaderProfile profile() {
            Set<String> levels = new LinkedHashSet<>();
            for (int l = 0; l <= clearance; l++) {
                levels.add("lvl:" + LEVELS.get(l));
            }
            Set<String> access = new LinkedHashSet<>();
            access.add("acc:OPEN");
            incidents.forEach(i -> access.add("acc:INC-" + i));
            access.add("acc:USR-" + id);
            if (moderator) {
                access.add("acc:MOD");
            }
            return new ReaderProfile(List.of(levels, Set.of("rel:ALL", "rel:" + country), access));
        }

        /** The oracle: R1 and the access condition, from the label's meaning. */
        boolean mayRead(Label label) {
            boolean level = label.level() <= clearance;
            boolean country = label.countries() != null && (label.countries().isEmpty() || label.countries().contains(this.country));
            boolean access = switch (label.access()) {
                case Access.Open o -> true;
                case Access.Incident i -> incidents.contains(i.id());
                case Access.Draft d -> d.authorReader() == index || moderator;
            };
            return level && country && access;
        }

        String describe() {
            return country + "/" + LEVELS.get(clearance) + (incidents.isEmpty() ? "" : " +" + incidents.size() + " incident(s)")
                    + (moderator ? " moderator" : "");
        }
    }

    /** 5 countries x 4 clearances (UNCLASSIFIED to SECRET); incident A: every third reader; B: GBR and KEN; moderators: every seventh. */
    private static final List<Reader> READERS = readers();

    private static List<Reader> readers() {
        List<Reader> readers = new ArrayList<>();
        for (int c = 0; c < COUNTRIES.size(); c++) {
            for (int clearance = 0; clearance < 4; clearance++) {
                int index = readers.size();
                String country = COUNTRIES.get(c);
                Set<UUID> incidents = new LinkedHashSet<>();
                if (index % 3 == 0) {
                    incidents.add(INCIDENT_A);
                }
                if (country.equals("GBR") || country.equals("KEN")) {
                    incidents.add(INCIDENT_B);
                }
                readers.add(new Reader(index, clearance, country, new UUID(0xE5CA9EL, index), Set.copyOf(incidents), index % 7 == 0));
            }
        }
        return List.copyOf(readers);
    }

    /** READABLE[reader][label] from the oracle. */
    private static final boolean[][] READABLE = readable();

    private static boolean[][] readable() {
        boolean[][] table = new boolean[READERS.size()][LABELS.size()];
        for (Reader reader : READERS) {
            for (int l = 0; l < LABELS.size(); l++) {
                table[reader.index()][l] = reader.mayRead(LABELS.get(l));
            }
        }
        return table;
    }

    // =========================================================================================
    // The corpus: ~2 KB documents from ATT&CK text, deterministic per document number
    // =========================================================================================

    private record Technique(String id, String name, String tactic, String description, List<String> procedures) {}

    private static final class Corpus {
        final List<Technique> techniques = new ArrayList<>();
        final List<String> procedures = new ArrayList<>();
        final List<String> mitigationSentences = new ArrayList<>();
        final int[] labelOfPercent = new int[100];

        Corpus() throws IOException {
            if (!Files.isDirectory(DATA)) {
                throw new IllegalStateException("The ATT&CK data is not at " + DATA.toAbsolutePath()
                        + " (../shared/data/attack-enterprise relative to the project root; bench.data); nothing to index.");
            }
            Map<String, List<String>> byTechnique = new LinkedHashMap<>();
            for (String line : Files.readAllLines(DATA.resolve("procedures.jsonl"))) {
                if (line.isBlank()) {
                    continue;
                }
                Map<?, ?> p = (Map<?, ?>) Json.parse(line);
                String text = clean((String) p.get("text"));
                procedures.add(text);
                byTechnique.computeIfAbsent((String) p.get("technique"), k -> new ArrayList<>()).add(text);
            }
            for (String line : Files.readAllLines(DATA.resolve("techniques.jsonl"))) {
                if (line.isBlank()) {
                    continue;
                }
                Map<?, ?> t = (Map<?, ?>) Json.parse(line);
                List<?> tactics = (List<?>) t.get("tactics");
                String id = (String) t.get("id");
                techniques.add(new Technique(id, (String) t.get("name"), tactics.isEmpty() ? "other" : (String) tactics.get(0),
                        clean((String) t.get("description")), byTechnique.getOrDefault(id, List.of())));
            }
            for (String line : Files.readAllLines(DATA.resolve("mitigations.jsonl"))) {
                if (line.isBlank()) {
                    continue;
                }
                Map<?, ?> m = (Map<?, ?>) Json.parse(line);
                for (String sentence : clean((String) m.get("description")).split("(?<=[.!?])\\s+")) {
                    if (sentence.length() > 40) {
                        mitigationSentences.add(sentence);
                    }
                }
            }
            int at = 0;
            for (int l = 0; l < LABELS.size(); l++) {
                for (int w = 0; w < LABELS.get(l).weight(); w++) {
                    labelOfPercent[at++] = l;
                }
            }
            if (at != 100 || techniques.isEmpty() || procedures.isEmpty()) {
                throw new IllegalStateException("weights sum to " + at + "; techniques " + techniques.size());
            }
        }

        /** Markdown links to their text, citations dropped, whitespace collapsed. */
        private static String clean(String text) {
            return text.replaceAll("\\(Citation:[^)]*\\)", "")
                    .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                    .replaceAll("<[^>]+>", " ")
                    .replaceAll("\\s+", " ").strip();
        }

        /** The label combination of document {@code n}: a hash of (seed, n), independent of the text generator. */
        int labelOf(long n) {
            return labelOfPercent[(int) Long.remainderUnsigned(mix(SEED * 31 + n), 100)];
        }

        private static final String[] TITLE_WORDS = {"sighting", "analysis", "notes", "hunt", "report", "triage", "detection",
                "follow-up", "case", "summary"};
        private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

        SearchDocument document(long n) {
            SplittableRandom random = new SplittableRandom(mix(SEED ^ (n * 0x9E3779B97F4A7C15L)));
            Technique t = techniques.get(random.nextInt(techniques.size()));
            int label = labelOf(n);
            String title = t.name() + " " + TITLE_WORDS[random.nextInt(TITLE_WORDS.length)] + " (" + t.id() + ")";
            StringBuilder body = new StringBuilder(2300);
            String description = t.description();
            body.append(description, 0, Math.min(description.length(), 500 + random.nextInt(300)));
            body.append("\n\nObserved with ").append(t.id()).append(": ");
            for (int i = 0; i < 4 && !t.procedures().isEmpty(); i++) {
                body.append(t.procedures().get(random.nextInt(t.procedures().size()))).append(' ');
            }
            while (body.length() < 1900) {
                if (random.nextInt(4) == 0) {
                    body.append("\nMitigation: ").append(mitigationSentences.get(random.nextInt(mitigationSentences.size()))).append(' ');
                } else {
                    body.append(procedures.get(random.nextInt(procedures.size()))).append(' ');
                }
            }
            int cut = body.lastIndexOf(" ", 2100);
            if (body.length() > 2100 && cut > 1800) {
                body.setLength(cut);
            }
            Instant created = EPOCH.plusSeconds(n * 61);
            boolean article = random.nextInt(100) < 15;
            String thread = "thread-" + (n / 20);
            return new SearchDocument(article ? ItemType.ARTICLE : ItemType.FORUM_POST, id(n, label), title, body.toString(),
                    List.of(t.id(), t.tactic()), LABELS.get(label).tokens(),
                    List.of("forum-" + (n % 50), thread), "published", created, created,
                    article ? "/articles/b" + n : "/threads/" + thread + "#post-" + n);
        }

        static String id(long n, int label) {
            return "b-" + n + "-" + label;
        }

        /** The document number of an id made by {@link #id}. */
        static long number(String id) {
            int dash = id.lastIndexOf('-');
            return Long.parseLong(id.substring(2, dash));
        }

        Iterator<SearchDocument> documents(int count, long budgetNanos, AtomicLong produced, boolean[] cutShort) {
            long deadline = System.nanoTime() + budgetNanos;
            return new Iterator<>() {
                long next;

                @Override
                public boolean hasNext() {
                    if (next < count && System.nanoTime() > deadline) {
                        cutShort[0] = true;
                        return false;
                    }
                    return next < count;
                }

                @Override
                public SearchDocument next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    produced.set(next + 1);
                    return document(next++);
                }
            };
        }

        /** The query mix: 40 % one term, 25 % AND, 20 % OR, 15 % phrase, from technique names and ids. */
        List<Query> queries(int count) {
            SplittableRandom random = new SplittableRandom(SEED + 7);
            List<Query> queries = new ArrayList<>();
            while (queries.size() < count) {
                Technique a = techniques.get(random.nextInt(techniques.size()));
                Technique b = techniques.get(random.nextInt(techniques.size()));
                List<String> wa = words(a.name());
                List<String> wb = words(b.name());
                int kind = random.nextInt(100);
                if (kind < 40) {
                    String term = random.nextInt(5) == 0 ? a.id() : wa.isEmpty() ? a.id() : wa.get(random.nextInt(wa.size()));
                    queries.add(new Query("term", term));
                } else if (kind < 65 && wa.size() >= 2) {
                    queries.add(new Query("and", wa.get(0) + " AND " + wa.get(wa.size() - 1)));
                } else if (kind < 85 && !wa.isEmpty() && !wb.isEmpty()) {
                    queries.add(new Query("or", wa.get(random.nextInt(wa.size())) + " OR " + wb.get(random.nextInt(wb.size()))));
                } else if (kind >= 85 && a.name().split(" ").length >= 2) {
                    queries.add(new Query("phrase", "\"" + a.name().replace("\"", "") + "\""));
                }
            }
            return queries;
        }

        private static List<String> words(String name) {
            List<String> words = new ArrayList<>();
            for (String w : name.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (w.length() >= 4 && !Set.of("from", "with", "into", "data").contains(w)) {
                    words.add(w);
                }
            }
            return words;
        }
    }

    private record Query(String kind, String text) {}

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    // =========================================================================================
    // The kept index: built by B4 (or by B3 when missing), reused by B3 when its parameters match
    // =========================================================================================

    private static Path indexRoot() {
        return TARGET.resolve("search-index").resolve("docs-" + DOCS + "-seed-" + SEED + "-gen-" + GENERATOR_VERSION);
    }

    private static Properties indexParameters() {
        Properties p = new Properties();
        p.setProperty("docs", Integer.toString(DOCS));
        p.setProperty("seed", Long.toString(SEED));
        p.setProperty("generator", Integer.toString(GENERATOR_VERSION));
        p.setProperty("lucene", Version.LATEST.toString());
        p.setProperty("data", DATA.toAbsolutePath().normalize().toString());
        return p;
    }

    private static boolean reusable(Path root) {
        Path file = root.resolve("bench-index.properties");
        if (!Files.exists(file) || !Files.exists(root.resolve("CURRENT"))) {
            return false;
        }
        Properties kept = new Properties();
        try (var in = Files.newInputStream(file)) {
            kept.load(in);
        } catch (IOException e) {
            return false;
        }
        Properties wanted = indexParameters();
        return wanted.stringPropertyNames().stream().allMatch(k -> wanted.getProperty(k).equals(kept.getProperty(k)))
                && "true".equals(kept.getProperty("complete"));
    }

    private static void markComplete(Path root, String builtBy, double seconds) throws IOException {
        Properties p = indexParameters();
        p.setProperty("complete", "true");
        p.setProperty("builtBy", builtBy);
        p.setProperty("builtAt", Instant.now().toString());
        p.setProperty("buildSeconds", num(seconds));
        try (var out = Files.newOutputStream(root.resolve("bench-index.properties"))) {
            p.store(out, "B3/B4 bench index (bench/SearchIndexBench.java)");
        }
    }

    /** Builds the pipeline index with SecureIndex.rebuild, printing progress; returns the open index and the build record. */
    private static Built buildPipelineIndex(Corpus corpus, Path root, String builtBy, long budgetSeconds) throws IOException {
        deleteTree(root);
        Files.createDirectories(root);
        AtomicLong produced = new AtomicLong();
        boolean[] cutShort = {false};
        Progress progress = new Progress("pipeline (SecureIndex.rebuild)", DOCS);
        double cpu0 = processCpuMs();
        long t0 = System.nanoTime();
        SecureIndex index = SecureIndex.rebuild(root, corpus.documents(DOCS, TimeUnit.SECONDS.toNanos(budgetSeconds), produced, cutShort),
                RankingConfig.DEFAULT, progress::tick);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMs = processCpuMs() - cpu0;
        progress.done(produced.get());
        SecureIndex.deleteStaleGenerations(root);
        if (!cutShort[0]) {
            markComplete(root, builtBy, seconds);
        }
        return new Built(index, produced.get(), seconds, cpuMs, sizeOf(root), cutShort[0]);
    }

    private record Built(SecureIndex index, long docs, double seconds, double cpuMs, long bytes, boolean cutShort) {
        String json() {
            return String.format(Locale.ROOT, "{\"documents\": %d, \"seconds\": %s, \"docsPerSecond\": %s, \"cpuSeconds\": %s, \"cutShort\": %s}",
                    docs, num(seconds), num(docs / Math.max(0.001, seconds)), num(cpuMs / 1000), cutShort);
        }
    }

    /** Prints documents indexed, rate and ETA every 5 s. */
    private static final class Progress {
        private final String what;
        private final long total;
        private final long start = System.nanoTime();
        private long lastPrint = start;

        Progress(String what, long total) {
            this.what = what;
            this.total = total;
        }

        void tick(long done) {
            long now = System.nanoTime();
            if (now - lastPrint < TimeUnit.SECONDS.toNanos(5)) {
                return;
            }
            lastPrint = now;
            double seconds = (now - start) / 1e9;
            double rate = done / Math.max(0.001, seconds);
            log("%s: %,d / %,d documents, %,.0f docs/s, ETA %.0f s", what, done, total, rate, (total - done) / Math.max(1, rate));
        }

        void done(long done) {
            double seconds = (System.nanoTime() - start) / 1e9;
            log("%s: %,d documents in %.1f s (%,.0f docs/s)", what, done, seconds, done / Math.max(0.001, seconds));
        }
    }

    // =========================================================================================
    // B3: filtered search
    // =========================================================================================

    private static final class Search {
        private static final int STEP_SECONDS = Integer.getInteger("bench.stepSeconds", 10);
        private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
        private static final int BASE_RATE = Integer.getInteger("bench.rate", 50);
        private static final int[] MAX_RATES = ints(System.getProperty("bench.maxRates", "10,25,50,100,200,300,400,600,800,1000"));
        private static final int MAX_STEP_SECONDS = Integer.getInteger("bench.maxStepSeconds", 8);
        private static final double P99_LIMIT_MS = Double.parseDouble(System.getProperty("bench.p99LimitMs", "50"));
        private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 20);
        private static final int WORKERS = Integer.getInteger("bench.threads", 4);
        private static final int QUERIES = Integer.getInteger("bench.queries", 400);
        private static final int COMMIT_ROUNDS = Integer.getInteger("bench.commitRounds", 20);
        private static final int COMMIT_DOCS = Integer.getInteger("bench.commitDocs", 100);
        private static final int MAX_IN_FLIGHT = Integer.getInteger("bench.maxInFlight", 5000);
        private static final int BUDGET_SECONDS = Integer.getInteger("bench.budgetSeconds", 600);
        private static final List<String> ARMS = List.of("raw", "cached", "uncached");

        private final Method search;
        private final Object[] modes = new Object[3];
        private final List<ReaderProfile> profiles = READERS.stream().map(Reader::profile).toList();
        private Corpus corpus;
        private SecureIndex index;
        private List<Query> queries;
        private final LongAdder hitsChecked = new LongAdder();
        private final LongAdder violations = new LongAdder();
        private final LongAdder rawUnreadableHits = new LongAdder();
        private final ConcurrentLinkedQueue<String> violationSamples = new ConcurrentLinkedQueue<>();
        private final long budgetEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(BUDGET_SECONDS);
        /** Search-thread CPU by arm and query kind over every open-loop query: count and nanoseconds. */
        private final Map<String, long[]> cpuByKind = new java.util.concurrent.ConcurrentHashMap<>();

        Search() throws ReflectiveOperationException {
            Class<?> mode = Class.forName("org.escape.searchindex.SecureIndex$FilterMode");
            search = SecureIndex.class.getDeclaredMethod("search", SearchRequest.class, ReaderProfile.class, mode);
            search.setAccessible(true); // package-private, for this benchmark only
            modes[0] = enumValue(mode, "NONE");
            modes[1] = enumValue(mode, "CACHED");
            modes[2] = enumValue(mode, "UNCACHED");
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object enumValue(Class<?> type, String name) {
            return Enum.valueOf((Class) type, name);
        }

        SearchResult search(int arm, Query query, int reader) {
            try {
                return (SearchResult) search.invoke(index, SearchRequest.of(query.text()).withPage(0, 10), profiles.get(reader), modes[arm]);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The gate, on every hit of a filtered arm; the raw arm only counts hits the reader may not read (the filter's work). */
        void check(int arm, SearchResult result, int reader) {
            for (SearchResult.Hit hit : result.hits()) {
                long n = Corpus.number(hit.id());
                int label = corpus.labelOf(n);
                boolean oracle = READABLE[reader][label];
                if (arm == 0) {
                    if (!oracle) {
                        rawUnreadableHits.increment();
                    }
                    continue;
                }
                hitsChecked.increment();
                boolean tokensAsGenerated = hit.securityTokens().equals(LABELS.get(label).tokens());
                boolean profileMatches = profiles.get(reader).matches(hit.securityTokens());
                if (!oracle || !profileMatches || !tokensAsGenerated) {
                    violations.increment();
                    if (violationSamples.size() < 10) {
                        violationSamples.add(ARMS.get(arm) + ": reader " + READERS.get(reader).describe() + " got " + hit.id()
                                + " (" + LABELS.get(label).describe() + ", tokens " + hit.securityTokens() + ")");
                    }
                }
            }
        }

        void run(Path out) throws Exception {
            String loadBefore = loadavg();
            log("B3 search: %,d documents, %d readers, %d label combinations, %d queries; load %s", DOCS, READERS.size(), LABELS.size(), QUERIES, loadBefore);
            corpus = new Corpus();
            queries = corpus.queries(QUERIES);
            Path root = indexRoot();
            String indexSource;
            Built built = null;
            if (reusable(root)) {
                indexSource = "reused " + root + " (parameters match: docs, seed, generator, Lucene version, data path)";
                log("index: %s", indexSource);
                index = SecureIndex.open(root, RankingConfig.DEFAULT);
            } else {
                indexSource = "built now with SecureIndex.rebuild into " + root + " (no kept index with these parameters)";
                log("index: %s", indexSource);
                built = buildPipelineIndex(corpus, root, "search", 3600);
                if (built.cutShort()) {
                    throw new IllegalStateException("building the index ran out of time at " + built.docs() + " documents");
                }
                index = built.index();
            }
            long indexBytes = sizeOf(root);
            try {
                // First query of each profile on the freshly opened index: every segment's bitset is built.
                List<Double> coldFirst = new ArrayList<>();
                for (int r = 0; r < READERS.size(); r++) {
                    long t0 = System.nanoTime();
                    SearchResult result = search(1, queries.get(r), r);
                    coldFirst.add((System.nanoTime() - t0) / 1e6);
                    check(1, result, r);
                }
                log("first query per profile after opening (bitsets built for every segment): p50 %.1f ms, max %.1f ms",
                        percentile(coldFirst, 50), percentile(coldFirst, 100));

                log("warm-up %d s, closed loop, all arms (discarded)", WARMUP_SECONDS);
                long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
                for (int i = 0; System.nanoTime() < warmEnd; i++) {
                    int arm = i % 3;
                    search(arm, queries.get(i % queries.size()), i % READERS.size());
                }

                // At the base rate, arms interleaved in rounds so background load hits all three alike.
                Map<String, Step> atBase = new LinkedHashMap<>();
                for (int round = 0; round < ROUNDS; round++) {
                    for (int arm = 0; arm < 3; arm++) {
                        Step step = openLoop(arm, BASE_RATE, STEP_SECONDS, 1000L * round + arm);
                        atBase.merge(ARMS.get(arm), step, Step::plus);
                    }
                }
                atBase.values().forEach(s -> log("%s", s.line()));

                // Totals agree between the cached and uncached filter, and never exceed the raw total.
                int[] totalsChecked = {0};
                int totalMismatches = 0;
                for (int i = 0; i < 200; i++) {
                    Query q = queries.get(i % queries.size());
                    int r = (i * 7) % READERS.size();
                    long cached = search(1, q, r).total();
                    long uncached = search(2, q, r).total();
                    long raw = search(0, q, r).total();
                    totalsChecked[0]++;
                    if (cached != uncached || cached > raw) {
                        totalMismatches++;
                        if (violationSamples.size() < 10) {
                            violationSamples.add("totals differ for '" + q.text() + "' reader " + r + ": cached " + cached
                                    + ", uncached " + uncached + ", raw " + raw);
                        }
                    }
                }

                // Step up per arm until p99 > limit, the rate is not achieved, or the budget runs out.
                Map<String, List<Step>> stepped = new LinkedHashMap<>();
                Map<String, String> stopped = new LinkedHashMap<>();
                for (int arm = 0; arm < 3; arm++) {
                    List<Step> steps = new ArrayList<>();
                    String why = "all rates held";
                    for (int rate : MAX_RATES) {
                        if (System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_STEP_SECONDS + 5) > budgetEnd) {
                            why = "time budget (" + BUDGET_SECONDS + " s) reached";
                            break;
                        }
                        Step step = openLoop(arm, rate, MAX_STEP_SECONDS, 5000L + rate);
                        steps.add(step);
                        log("%s", step.line());
                        if (step.overloaded || step.p(99) > P99_LIMIT_MS || step.achieved() < 0.95 * rate) {
                            why = String.format(Locale.ROOT, "at %d/s: p99 %.1f ms, achieved %.0f/s%s", rate, step.p(99),
                                    step.achieved(), step.overloaded ? ", backlog over " + MAX_IN_FLIGHT : "");
                            break;
                        }
                    }
                    stepped.put(ARMS.get(arm), steps);
                    stopped.put(ARMS.get(arm), why);
                }

                // First query after a commit: re-publish documents (same content), commit, refresh, query.
                List<Double> refreshMs = new ArrayList<>();
                List<Double> firstMs = new ArrayList<>();
                List<Double> secondMs = new ArrayList<>();
                SplittableRandom random = new SplittableRandom(SEED + 99);
                for (int round = 0; round < COMMIT_ROUNDS; round++) {
                    for (int i = 0; i < COMMIT_DOCS; i++) {
                        index.upsert(corpus.document(random.nextLong(DOCS)));
                    }
                    long t0 = System.nanoTime();
                    index.commit();
                    index.refresh();
                    refreshMs.add((System.nanoTime() - t0) / 1e6);
                    int r = round % READERS.size();
                    Query q = queries.get(random.nextInt(queries.size()));
                    t0 = System.nanoTime();
                    SearchResult first = search(1, q, r);
                    firstMs.add((System.nanoTime() - t0) / 1e6);
                    check(1, first, r);
                    t0 = System.nanoTime();
                    search(1, q, r);
                    secondMs.add((System.nanoTime() - t0) / 1e6);
                }
                log("after commit (%d rounds of %d re-published documents): commit+refresh p50 %.1f ms; first query p50 %.1f p99 %.1f max %.1f ms; the same query again p50 %.1f ms",
                        COMMIT_ROUNDS, COMMIT_DOCS, percentile(refreshMs, 50), percentile(firstMs, 50), percentile(firstMs, 99),
                        percentile(firstMs, 100), percentile(secondMs, 50));

                String loadAfter = loadavg();
                boolean pass = violations.sum() == 0 && totalMismatches == 0 && hitsChecked.sum() > 0;
                Step raw = atBase.get("raw");
                Step cached = atBase.get("cached");
                Step uncached = atBase.get("uncached");
                Map<String, Integer> maxHeld = new LinkedHashMap<>();
                stepped.forEach((arm, steps) -> {
                    int held = 0;
                    for (Step s : steps) {
                        if (!s.overloaded && s.p(99) <= P99_LIMIT_MS && s.achieved() >= 0.95 * s.rate) {
                            held = s.rate;
                        }
                    }
                    maxHeld.put(arm, held);
                });
                String summary = String.format(Locale.ROOT,
                        "{\"rate\": %d, \"rawP50Ms\": %s, \"rawP99Ms\": %s, \"cachedP50Ms\": %s, \"cachedP99Ms\": %s,"
                                + " \"uncachedP50Ms\": %s, \"uncachedP99Ms\": %s, \"cachedP99OverRawP99\": %s, \"uncachedP99OverRawP99\": %s,"
                                + " \"maxQpsAtP99UnderLimit\": {\"raw\": %d, \"cached\": %d, \"uncached\": %d},"
                                + " \"firstQueryAfterCommitP50Ms\": %s, \"firstQueryAfterCommitP99Ms\": %s, \"firstQueryAfterCommitMaxMs\": %s,"
                                + " \"firstQueryAfterOpenMaxMs\": %s, \"targets\": {\"cachedP99Under25Ms\": %s, \"cachedWithin1_5xRaw\": %s,"
                                + " \"cachedWithin1_2xRaw\": %s, \"cached200QpsUnder50Ms\": %s}}",
                        BASE_RATE, num(raw.p(50)), num(raw.p(99)), num(cached.p(50)), num(cached.p(99)), num(uncached.p(50)),
                        num(uncached.p(99)), num(cached.p(99) / raw.p(99)), num(uncached.p(99) / raw.p(99)),
                        maxHeld.get("raw"), maxHeld.get("cached"), maxHeld.get("uncached"),
                        num(percentile(firstMs, 50)), num(percentile(firstMs, 99)), num(percentile(firstMs, 100)),
                        num(percentile(coldFirst, 100)), cached.p(99) < 25, cached.p(99) <= 1.5 * raw.p(99),
                        cached.p(99) <= 1.2 * raw.p(99), maxHeld.get("cached") >= 200);
                String json = String.format(Locale.ROOT, """
                        {
                          "benchmark": "B3 filtered search (bench/SearchIndexBench.java search)",
                          "date": "%s",
                          "machine": %s,
                          "loadavgBefore": "%s",
                          "loadavgAfter": "%s",
                          "pinning": "%s",
                          "index": {"source": %s, "documents": %d, "bytes": %d, "build": %s},
                          "parameters": {"docs": %d, "seed": %d, "generatorVersion": %d, "labelCombinations": %d, "readerProfiles": %d,
                            "queries": %d, "queryMix": %s, "pageSize": 10, "rate": %d, "rounds": %d, "stepSeconds": %d,
                            "maxRates": %s, "maxStepSeconds": %d, "p99LimitMs": %s, "warmupSeconds": %d, "workerThreads": %d,
                            "commitRounds": %d, "commitDocs": %d, "loop": "open (fixed arrival rate, latency from the scheduled time)",
                            "path": "SecureIndex.search as the application calls it (parse, ranking factor, top-10, exact total, facets, highlighted snippets), with the filter mode the arm names"},
                          "arms": {"raw": "no security filter (lower bound)", "cached": "production: ProfileFilterQuery over per-segment bitsets of ProfileFilterCache", "uncached": "the same filter as Lucene TermInSetQuery clauses (ProfileFilterQuery.asTermQuery), Lucene query cache off"},
                          "labels": %s,
                          "readers": %s,
                          "atRate": {
                            "raw": %s,
                            "cached": %s,
                            "uncached": %s
                          },
                          "stepUp": {
                            "raw": [%s],
                            "cached": [%s],
                            "uncached": [%s]
                          },
                          "stepUpStoppedBecause": %s,
                          "cpuMsPerQueryByKind": %s,
                          "firstQueryAfterOpenMs": %s,
                          "afterCommit": {"rounds": %d, "republishedDocsPerRound": %d, "commitAndRefreshMs": %s, "firstQueryMs": %s, "sameQueryAgainMs": %s},
                          "summary": %s,
                          "correctnessGate": {"filteredHitsChecked": %d, "violations": %d, "totalsCompared": %d, "totalMismatches": %d,
                            "rawArmHitsUnreadableByTheirReader": %d, "samples": %s, "oracle": "label meaning (level rank, countries, incident membership, draft author or moderator) per reader, plus ReaderProfile.matches and the generated tokens", "pass": %s}
                        }
                        """,
                        Instant.now(), machine(), loadBefore, loadAfter,
                        System.getProperty("bench.pinning", "none (in-process: the index and the load generator share the JVM and all cores)"),
                        Json.quote(indexSource), DOCS, indexBytes, built == null ? "null" : built.json(),
                        DOCS, SEED, GENERATOR_VERSION, LABELS.size(), READERS.size(), QUERIES, mixJson(),
                        BASE_RATE, ROUNDS, STEP_SECONDS, java.util.Arrays.toString(MAX_RATES), MAX_STEP_SECONDS, num(P99_LIMIT_MS),
                        WARMUP_SECONDS, WORKERS, COMMIT_ROUNDS, COMMIT_DOCS,
                        LABELS.stream().map(l -> Json.quote(l.describe() + " x" + l.weight() + "%: " + l.tokens()))
                                .collect(Collectors.joining(", ", "[", "]")),
                        READERS.stream().map(r -> Json.quote(r.describe())).collect(Collectors.joining(", ", "[", "]")),
                        raw.json(), cached.json(), uncached.json(),
                        stepped.get("raw").stream().map(Step::json).collect(Collectors.joining(", ")),
                        stepped.get("cached").stream().map(Step::json).collect(Collectors.joining(", ")),
                        stepped.get("uncached").stream().map(Step::json).collect(Collectors.joining(", ")),
                        stopped.entrySet().stream().map(e -> Json.quote(e.getKey()) + ": " + Json.quote(e.getValue()))
                                .collect(Collectors.joining(", ", "{", "}")),
                        new java.util.TreeMap<>(cpuByKind).entrySet().stream().map(e -> Json.quote(e.getKey()) + ": "
                                + num(e.getValue()[1] / 1e6 / Math.max(1, e.getValue()[0]))).collect(Collectors.joining(", ", "{", "}")),
                        stats(coldFirst), COMMIT_ROUNDS, COMMIT_DOCS, stats(refreshMs), stats(firstMs), stats(secondMs), summary,
                        hitsChecked.sum(), violations.sum(), totalsChecked[0], totalMismatches, rawUnreadableHits.sum(),
                        violationSamples.stream().map(Json::quote).collect(Collectors.joining(", ", "[", "]")), pass);
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, json);
                System.out.printf(Locale.ROOT,
                        "search (B3): %,d docs; at %d QPS p50/p99 raw %.2f/%.2f ms, cached %.2f/%.2f ms (%.2fx raw p99), uncached %.2f/%.2f ms (%.2fx);"
                                + " max QPS at p99<%.0f ms raw %d, cached %d, uncached %d; first query after commit p50 %.1f p99 %.1f ms;"
                                + " gate %s (%,d hits checked, %d violations); load %s -> %s; %s%n",
                        DOCS, BASE_RATE, raw.p(50), raw.p(99), cached.p(50), cached.p(99), cached.p(99) / raw.p(99),
                        uncached.p(50), uncached.p(99), uncached.p(99) / raw.p(99), P99_LIMIT_MS,
                        maxHeld.get("raw"), maxHeld.get("cached"), maxHeld.get("uncached"),
                        percentile(firstMs, 50), percentile(firstMs, 99), pass ? "PASS" : "FAIL", hitsChecked.sum(), violations.sum(),
                        loadBefore, loadAfter, out);
                if (!pass) {
                    violationSamples.forEach(s -> System.err.println("  " + s));
                    System.exit(1);
                }
            } finally {
                index.close();
            }
        }

        private String mixJson() {
            Map<String, Long> mix = queries.stream().collect(Collectors.groupingBy(Query::kind, LinkedHashMap::new, Collectors.counting()));
            return mix.entrySet().stream().map(e -> Json.quote(e.getKey()) + ": " + e.getValue()).collect(Collectors.joining(", ", "{", "}"))
                    .replace("}", ", \"examples\": " + queries.stream().limit(8).map(q -> Json.quote(q.text()))
                            .collect(Collectors.joining(", ", "[", "]")) + "}");
        }

        /**
         * One open-loop step: query i leaves at start + i/rate whatever happened before, and its
         * latency counts from that time. Query and reader sequence from {@code sequenceSeed}, so
         * arms run the same sequence.
         */
        Step openLoop(int arm, int rate, int seconds, long sequenceSeed) throws InterruptedException {
            Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
            LongAdder threadCpuNanos = new LongAdder();
            LongAdder errors = new LongAdder();
            AtomicInteger inFlight = new AtomicInteger();
            AtomicLong completed = new AtomicLong();
            int total = rate * seconds;
            SplittableRandom random = new SplittableRandom(SEED + sequenceSeed);
            int[] queryOf = new int[total];
            for (int i = 0; i < total; i++) {
                queryOf[i] = random.nextInt(queries.size());
            }
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            boolean overloaded = false;
            double cpu0 = processCpuMs();
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            long lastCompletion = start;
            AtomicLong lastEnd = new AtomicLong(start);
            int sent = 0;
            for (int i = 0; i < total; i++) {
                long scheduled = start + (long) (i * (1e9 / rate));
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (inFlight.get() > MAX_IN_FLIGHT) {
                    overloaded = true;
                    break;
                }
                int reader = i % READERS.size();
                Query query = queries.get(queryOf[i]);
                inFlight.incrementAndGet();
                sent++;
                pool.execute(() -> {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    try {
                        SearchResult result = search(arm, query, reader);
                        long end = System.nanoTime();
                        long used = THREADS.getCurrentThreadCpuTime() - cpu;
                        threadCpuNanos.add(used);
                        long[] byKind = cpuByKind.computeIfAbsent(ARMS.get(arm) + "/" + query.kind(), k -> new long[2]);
                        synchronized (byKind) {
                            byKind[0]++;
                            byKind[1] += used;
                        }
                        synchronized (histogram) {
                            histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (end - scheduled) / 1000)));
                        }
                        lastEnd.accumulateAndGet(end, Math::max);
                        check(arm, result, reader);
                    } catch (RuntimeException e) {
                        errors.increment();
                    } finally {
                        completed.incrementAndGet();
                        inFlight.decrementAndGet();
                    }
                });
            }
            pool.shutdown();
            // An overloaded step drains for at most 20 s; what is still queued then is dropped (not completed).
            if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                overloaded = true;
            }
            lastCompletion = lastEnd.get();
            double cpuMs = processCpuMs() - cpu0;
            double wall = Math.max(seconds, (lastCompletion - start) / 1e9);
            return new Step(ARMS.get(arm), rate, seconds, sent, completed.get(), errors.sum(), histogram, threadCpuNanos.sum() / 1e6,
                    cpuMs, wall, overloaded);
        }
    }

    /** The figures of one open-loop step (or several merged). */
    private static final class Step {
        final String arm;
        final int rate;
        final int seconds;
        final long sent;
        final long completed;
        final long errors;
        final Histogram histogram;
        final double queryCpuMs;
        final double processCpuMs;
        final double wallSeconds;
        final boolean overloaded;

        Step(String arm, int rate, int seconds, long sent, long completed, long errors, Histogram histogram, double queryCpuMs,
             double processCpuMs, double wallSeconds, boolean overloaded) {
            this.arm = arm;
            this.rate = rate;
            this.seconds = seconds;
            this.sent = sent;
            this.completed = completed;
            this.errors = errors;
            this.histogram = histogram;
            this.queryCpuMs = queryCpuMs;
            this.processCpuMs = processCpuMs;
            this.wallSeconds = wallSeconds;
            this.overloaded = overloaded;
        }

        Step plus(Step other) {
            Histogram merged = histogram.copy();
            merged.add(other.histogram);
            return new Step(arm, rate, seconds + other.seconds, sent + other.sent, completed + other.completed, errors + other.errors,
                    merged, queryCpuMs + other.queryCpuMs, processCpuMs + other.processCpuMs, wallSeconds + other.wallSeconds,
                    overloaded || other.overloaded);
        }

        double p(double percentile) {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
        }

        double achieved() {
            return completed / Math.max(0.001, wallSeconds);
        }

        String line() {
            return String.format(Locale.ROOT, "%-8s %5d/s x %3d s: achieved %7.1f/s, p50 %7.2f p90 %7.2f p99 %7.2f p99.9 %7.2f max %7.2f ms,"
                            + " %.2f CPU-ms/query (search thread), %.2f (process), errors %d%s",
                    arm, rate, seconds, achieved(), p(50), p(90), p(99), p(99.9), histogram.getMaxValue() / 1000.0,
                    queryCpuMs / Math.max(1, completed), processCpuMs / Math.max(1, completed), errors, overloaded ? ", OVERLOADED" : "");
        }

        String json() {
            return String.format(Locale.ROOT,
                    "{\"arm\": \"%s\", \"offeredRate\": %d, \"seconds\": %d, \"sent\": %d, \"completed\": %d, \"achievedRate\": %s,"
                            + " \"p50Ms\": %s, \"p90Ms\": %s, \"p99Ms\": %s, \"p999Ms\": %s, \"maxMs\": %s, \"meanMs\": %s, \"errors\": %d,"
                            + " \"cpuMsPerQuerySearchThread\": %s, \"cpuMsPerQueryProcess\": %s, \"overloaded\": %s}",
                    arm, rate, seconds, sent, completed, num(achieved()), num(p(50)), num(p(90)), num(p(99)), num(p(99.9)),
                    num(histogram.getMaxValue() / 1000.0), num(histogram.getMean() / 1000.0), errors,
                    num(queryCpuMs / Math.max(1, completed)), num(processCpuMs / Math.max(1, completed)), overloaded);
        }
    }

    // =========================================================================================
    // B4 bulk: raw IndexWriter (StandardAnalyzer, then ProseAnalyzer) and the pipeline
    // =========================================================================================

    private static final class Bulk {
        private static final long BUDGET_SECONDS = Long.getLong("bench.bulkBudgetSeconds", 1500);
        private static final boolean PROSE_ARM = Boolean.parseBoolean(System.getProperty("bench.proseArm", "true"));
        private static final int GENERATOR_SAMPLE = Integer.getInteger("bench.generatorSample", 20_000);

        private record Arm(String name, String what, long docs, double seconds, double cpuMs, long bytes, boolean cutShort) {
            double docsPerSecond() {
                return docs / Math.max(0.001, seconds);
            }

            String json() {
                return String.format(Locale.ROOT,
                        "{\"arm\": \"%s\", \"what\": %s, \"documents\": %d, \"seconds\": %s, \"docsPerSecond\": %s,"
                                + " \"cpuSeconds\": %s, \"cpuMsPerDocument\": %s, \"indexBytes\": %d, \"cutShortByBudget\": %s}",
                        name, Json.quote(what), docs, num(seconds), num(docsPerSecond()), num(cpuMs / 1000),
                        num(cpuMs / Math.max(1, docs)), bytes, cutShort);
            }
        }

        static void run(Path fragment) throws Exception {
            String loadBefore = loadavg();
            log("B4 bulk indexing: %,d documents, heap max %d MiB, load %s", DOCS, Runtime.getRuntime().maxMemory() >> 20, loadBefore);
            Corpus corpus = new Corpus();
            long wallStart = System.nanoTime();

            // The generator alone, on a sample: its cost is in every arm.
            int sample = Math.min(DOCS, GENERATOR_SAMPLE);
            long chars = 0;
            long bytes = 0;
            long t0 = System.nanoTime();
            for (long n = 0; n < sample; n++) {
                SearchDocument d = corpus.document(n);
                chars += d.title().length() + d.body().length();
                if (n < 2000) {
                    bytes += (d.title() + d.body()).getBytes(StandardCharsets.UTF_8).length;
                }
            }
            double generatorMsPerDoc = (System.nanoTime() - t0) / 1e6 / sample;
            double meanChars = chars / (double) sample;
            double meanBytes = bytes / (double) Math.min(sample, 2000);
            log("generator: %.3f ms per document, mean title+body %.0f characters (%.0f bytes UTF-8)", generatorMsPerDoc, meanChars, meanBytes);

            List<Arm> arms = new ArrayList<>();
            arms.add(raw(corpus, "raw-standard", new StandardAnalyzer(),
                    "Lucene IndexWriter.addDocument, StandardAnalyzer; id (StringField, stored), title and body (TextField, stored); defaults otherwise"));
            if (PROSE_ARM) {
                arms.add(raw(corpus, "raw-prose", new ProseAnalyzer(),
                        "the same raw IndexWriter with ESCAPE's ProseAnalyzer (identifier-aware, stemmed) on title and body; no security, tag, suggest or doc-values fields, addDocument instead of updateDocument"));
            }
            Path root = indexRoot();
            Built built = buildPipelineIndex(corpus, root, "indexing", BUDGET_SECONDS);
            built.index().close();
            arms.add(new Arm("pipeline", "SecureIndex.rebuild as the application's reindex calls it: IndexSchema fields (text, suggest n-grams,"
                    + " tags, security tokens, doc values), ProseAnalyzer, updateDocument per document, commit and refresh at the end",
                    built.docs(), built.seconds(), built.cpuMs(), built.bytes(), built.cutShort()));
            String loadAfter = loadavg();
            Arm pipeline = arms.get(arms.size() - 1);
            Arm standard = arms.get(0);
            String json = String.format(Locale.ROOT, """
                    {
                        "date": "%s",
                        "machine": %s,
                        "loadavgBefore": "%s",
                        "loadavgAfter": "%s",
                        "pinning": "none: one indexing thread (as rebuild uses) and Lucene's merge threads on all cores",
                        "parameters": {"docs": %d, "seed": %d, "generatorVersion": %d, "labelCombinations": %d, "budgetSecondsPerArm": %d},
                        "documents": {"meanTitleAndBodyChars": %s, "meanTitleAndBodyBytesUtf8": %s, "generatorMsPerDocument": %s,
                          "generatorSeconds": %s, "note": "the generator runs inside every arm; its time is included in each"},
                        "arms": [%s],
                        "pipelineIndexKeptFor": "B3 (%s)",
                        "summary": {"pipelineDocsPerSecond": %s, "pipelineSeconds": %s, "pipelineIndexBytes": %d,
                          "rawStandardDocsPerSecond": %s, "rawStandardSeconds": %s, "rawStandardIndexBytes": %d,
                          "pipelineTimeOverRawStandard": %s, %s "target10MinutesFor1M": %s},
                        "wallSeconds": %s
                    }""",
                    Instant.now(), machine(), loadBefore, loadAfter, DOCS, SEED, GENERATOR_VERSION, LABELS.size(), BUDGET_SECONDS,
                    num(meanChars), num(meanBytes), num(generatorMsPerDoc), num(generatorMsPerDoc * DOCS / 1000),
                    arms.stream().map(Arm::json).collect(Collectors.joining(",\n        ")), root,
                    num(pipeline.docsPerSecond()), num(pipeline.seconds()), pipeline.bytes(),
                    num(standard.docsPerSecond()), num(standard.seconds()), standard.bytes(),
                    num(pipeline.seconds() / standard.seconds()),
                    PROSE_ARM ? "\"pipelineTimeOverRawProse\": " + num(pipeline.seconds() / arms.get(1).seconds()) + "," : "",
                    !pipeline.cutShort() && pipeline.seconds() * 1_000_000.0 / Math.max(1, pipeline.docs()) <= 600,
                    num((System.nanoTime() - wallStart) / 1e9));
            Files.createDirectories(fragment.toAbsolutePath().getParent());
            Files.writeString(fragment, json);
            System.out.printf(Locale.ROOT, "indexing (B4 bulk): %,d docs; pipeline %.1f s (%,.0f docs/s, %.1f MiB) vs raw IndexWriter+StandardAnalyzer %.1f s (%,.0f docs/s, %.1f MiB): %.2fx%s; load %s -> %s; %s%n",
                    pipeline.docs(), pipeline.seconds(), pipeline.docsPerSecond(), pipeline.bytes() / 1048576.0,
                    standard.seconds(), standard.docsPerSecond(), standard.bytes() / 1048576.0, pipeline.seconds() / standard.seconds(),
                    PROSE_ARM ? String.format(Locale.ROOT, " (raw+ProseAnalyzer %.1f s, %,.0f docs/s)", arms.get(1).seconds(), arms.get(1).docsPerSecond()) : "",
                    loadBefore, loadAfter, fragment);
            if (pipeline.cutShort()) {
                System.err.println("The pipeline arm ran out of its time budget (bench.bulkBudgetSeconds).");
                System.exit(1);
            }
        }

        private static Arm raw(Corpus corpus, String name, Analyzer analyzer, String what) throws IOException {
            Path dir = TARGET.resolve("b4-" + name);
            deleteTree(dir);
            AtomicLong produced = new AtomicLong();
            boolean[] cutShort = {false};
            Iterator<SearchDocument> documents = corpus.documents(DOCS, TimeUnit.SECONDS.toNanos(BUDGET_SECONDS), produced, cutShort);
            Progress progress = new Progress(name, DOCS);
            double cpu0 = processCpuMs();
            long t0 = System.nanoTime();
            long size;
            try (FSDirectory directory = FSDirectory.open(dir);
                 IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
                long count = 0;
                while (documents.hasNext()) {
                    SearchDocument d = documents.next();
                    Document doc = new Document();
                    doc.add(new StringField("id", d.id(), Field.Store.YES));
                    doc.add(new TextField("title", d.title(), Field.Store.YES));
                    doc.add(new TextField("body", d.body(), Field.Store.YES));
                    writer.addDocument(doc);
                    if (++count % 1000 == 0) {
                        progress.tick(count);
                    }
                }
                writer.commit();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMs = processCpuMs() - cpu0;
            progress.done(produced.get());
            size = sizeOf(dir);
            deleteTree(dir); // only its size and time are kept
            return new Arm(name, what, produced.get(), seconds, cpuMs, size, cutShort[0]);
        }
    }

    // =========================================================================================
    // B4 freshness: publish over REST, poll the search API until found
    // =========================================================================================

    private static final class Freshness {
        private static final String BASE = System.getProperty("escape.baseUrl", "http://127.0.0.1:28080");
        private static final String KEYCLOAK = System.getProperty("escape.keycloakUrl", "http://localhost:28180");
        private static final int PUBLISHES = Integer.getInteger("bench.publishes", 200);
        private static final double RATE = Double.parseDouble(System.getProperty("bench.publishRate", "2"));
        private static final int POLL_MS = Integer.getInteger("bench.pollMs", 20);
        private static final int TIMEOUT_SECONDS = Integer.getInteger("bench.freshnessTimeoutSeconds", 10);
        private static final int WARMUP = Integer.getInteger("bench.freshnessWarmup", 20);
        private static final long SERVER_PID = Long.getLong("bench.serverPid", -1);
        private static final int CLK_TCK = Integer.getInteger("bench.clkTck", 100);
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
        private final LongAdder violations = new LongAdder();
        private final LongAdder labelledChecked = new LongAdder();
        private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        private final LongAdder polls = new LongAdder();
        private String forumId;
        private String threadId;

        void run(Path fragment, Path out) throws Exception {
            String loadBefore = loadavg();
            String bulk = Files.exists(fragment) ? Files.readString(fragment).strip() : "null";
            log("B4 freshness: %d publishes at %.1f/s against %s, polling GET /api/v1/search every %d ms (timeout %d s); load %s",
                    PUBLISHES, RATE, BASE, POLL_MS, TIMEOUT_SECONDS, loadBefore);
            token("alice");
            token("eve");
            String stamp = Long.toString(System.currentTimeMillis(), 36);
            Map<?, ?> forum = (Map<?, ?>) Json.parse(send("alice", "POST", "/api/v1/forums",
                    "{\"name\":" + Json.quote("Bench B4 " + stamp) + ",\"description\":\"Benchmark B4 freshness (bench/SearchIndexBench.java)\","
                            + "\"label\":{\"classification\":\"UNCLASSIFIED\",\"releasableTo\":[\"ALL\"]}}", 201));
            forumId = (String) forum.get("id");
            Map<?, ?> thread = (Map<?, ?>) Json.parse(send("alice", "POST", "/api/v1/forums/" + forumId + "/threads",
                    "{\"title\":\"Bench B4 freshness thread\",\"body\":\"Posts of the freshness benchmark follow.\",\"tags\":[\"bench\"]}", 201));
            threadId = (String) thread.get("id");

            log("warm-up: %d publishes (discarded)", WARMUP);
            publishAll(WARMUP, "w" + stamp);
            double cpu0 = serverCpuMs();
            double clientCpu0 = processCpuMs();
            long t0 = System.nanoTime();
            List<Outcome> outcomes = publishAll(PUBLISHES, "m" + stamp);
            double wall = (System.nanoTime() - t0) / 1e9;
            double serverCpuMs = serverCpuMs() - cpu0;
            double clientCpuMs = processCpuMs() - clientCpu0;

            Histogram fromSend = new Histogram(HIGHEST_MICROS, 3);
            Histogram fromAck = new Histogram(HIGHEST_MICROS, 3);
            Histogram publish = new Histogram(HIGHEST_MICROS, 3);
            int missing = 0;
            int errors = 0;
            for (Outcome o : outcomes) {
                if (o.error != null) {
                    errors++;
                    if (samples.size() < 10) {
                        samples.add(o.error);
                    }
                    continue;
                }
                publish.recordValue(Math.max(1, o.ackMicros));
                if (o.foundMicros < 0) {
                    missing++;
                    continue;
                }
                fromSend.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, o.foundMicros)));
                fromAck.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, o.foundMicros - o.ackMicros)));
            }
            String loadAfter = loadavg();
            boolean pass = violations.sum() == 0 && missing == 0 && errors == 0;
            String freshness = String.format(Locale.ROOT, """
                    {
                        "serverUrl": "%s",
                        "loadavgBefore": "%s",
                        "loadavgAfter": "%s",
                        "pinning": "%s",
                        "parameters": {"publishes": %d, "rate": %s, "pollMs": %d, "timeoutSeconds": %d, "warmupPublishes": %d,
                          "what": "each publish is POST /api/v1/threads/{id}/posts (even) or POST /api/v1/forums/{id}/threads (odd) by alice, body holding a unique word; then GET /api/v1/search?q=<word> as alice every pollMs until the post (its id) is a hit; every fourth post is labelled SECRET//REL TO GBR and then searched as eve (CAN, UNCLASSIFIED), who must find nothing",
                          "loop": "open: publishes leave at fixed times; latency from the publish's send time (fromSend) and from its 201 (fromAck); resolution pollMs"},
                        "publishToSearchable": %s,
                        "ackToSearchable": %s,
                        "publishRequest": %s,
                        "missingAfterTimeout": %d,
                        "errors": %d,
                        "searchPolls": %d,
                        "serverCpuMsPerPublish": %s,
                        "clientCpuMsPerPublish": %s,
                        "wallSeconds": %s,
                        "correctnessGate": {"labelledPostsSearchedByUnclearedReader": %d, "violations": %d, "samples": %s, "pass": %s}
                    }""",
                    BASE, loadBefore, loadAfter, System.getProperty("bench.pinning", "none"), PUBLISHES, num(RATE), POLL_MS, TIMEOUT_SECONDS,
                    WARMUP, histJson(fromSend), histJson(fromAck), histJson(publish), missing, errors, polls.sum(),
                    num(serverCpuMs / PUBLISHES), num(clientCpuMs / PUBLISHES), num(wall), labelledChecked.sum(), violations.sum(),
                    samples.stream().map(Json::quote).collect(Collectors.joining(", ", "[", "]")), pass);
            String json = "{\n  \"benchmark\": \"B4 indexing and freshness (bench/SearchIndexBench.java indexing + freshness)\",\n"
                    + "  \"bulk\": " + bulk.replace("\n", "\n  ") + ",\n  \"freshness\": " + freshness.replace("\n", "\n  ") + "\n}\n";
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json);
            System.out.printf(Locale.ROOT, "indexing (B4 freshness): %d publishes at %.1f/s; publish->searchable p50 %.0f p99 %.0f max %.0f ms"
                            + " (from the 201: p50 %.0f p99 %.0f ms; poll every %d ms); missing %d, errors %d; gate %s (%d labelled posts checked); load %s -> %s; %s%n",
                    PUBLISHES, RATE, ms(fromSend, 50), ms(fromSend, 99), fromSend.getMaxValue() / 1000.0, ms(fromAck, 50), ms(fromAck, 99),
                    POLL_MS, missing, errors, pass ? "PASS" : "FAIL", labelledChecked.sum(), loadBefore, loadAfter, out);
            if (!pass) {
                samples.forEach(s -> System.err.println("  " + s));
                System.exit(1);
            }
        }

        private static double ms(Histogram h, double p) {
            return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
        }

        private static String histJson(Histogram h) {
            return String.format(Locale.ROOT, "{\"count\": %d, \"p50Ms\": %s, \"p90Ms\": %s, \"p99Ms\": %s, \"maxMs\": %s, \"meanMs\": %s}",
                    h.getTotalCount(), num(ms(h, 50)), num(ms(h, 90)), num(ms(h, 99)), num(h.getMaxValue() / 1000.0), num(h.getMean() / 1000.0));
        }

        private static final class Outcome {
            long ackMicros = -1;
            long foundMicros = -1;
            String error;
        }

        private List<Outcome> publishAll(int count, String prefix) throws InterruptedException {
            List<Outcome> outcomes = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            for (int i = 0; i < count; i++) {
                long scheduled = start + (long) (i * 1e9 / RATE);
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (i % 50 == 0) {
                    try {
                        token("alice");
                        token("eve");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                Outcome outcome = new Outcome();
                outcomes.add(outcome);
                int n = i;
                threads.add(Thread.ofVirtual().start(() -> publishOne(n, prefix + "q" + n + "z", scheduled, outcome)));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS + 30));
            }
            return outcomes;
        }

        private void publishOne(int n, String word, long scheduled, Outcome outcome) {
            try {
                boolean asThread = n % 2 == 1;
                boolean labelled = !asThread && n % 4 == 0;
                String body = "Freshness probe " + word + ": adversaries used T1059.001 and scheduled tasks; see the attached notes.";
                String expectedId;
                if (asThread) {
                    Map<?, ?> created = (Map<?, ?>) Json.parse(send("alice", "POST", "/api/v1/forums/" + forumId + "/threads",
                            "{\"title\":" + Json.quote("Freshness thread " + n) + ",\"body\":" + Json.quote(body) + ",\"tags\":[\"bench\"]}", 201));
                    expectedId = (String) created.get("firstPostId");
                } else {
                    String label = labelled ? ",\"label\":{\"classification\":\"SECRET\",\"releasableTo\":[\"GBR\"]}" : "";
                    Map<?, ?> created = (Map<?, ?>) Json.parse(send("alice", "POST", "/api/v1/threads/" + threadId + "/posts",
                            "{\"body\":" + Json.quote(body) + label + "}", 201));
                    expectedId = (String) created.get("id");
                }
                outcome.ackMicros = (System.nanoTime() - scheduled) / 1000;
                long deadline = scheduled + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
                while (System.nanoTime() < deadline) {
                    polls.increment();
                    Map<?, ?> page = (Map<?, ?>) Json.parse(send("alice", "GET", "/api/v1/search?q=" + word, null, 200));
                    long now = System.nanoTime();
                    boolean found = ((List<?>) page.get("items")).stream().anyMatch(item -> expectedId.equals(((Map<?, ?>) item).get("id")));
                    if (found) {
                        outcome.foundMicros = (now - scheduled) / 1000;
                        break;
                    }
                    Thread.sleep(POLL_MS);
                }
                if (labelled && outcome.foundMicros >= 0) {
                    labelledChecked.increment();
                    Map<?, ?> page = (Map<?, ?>) Json.parse(send("eve", "GET", "/api/v1/search?q=" + word, null, 200));
                    double total = ((Number) page.get("total")).doubleValue();
                    if (total != 0 || !((List<?>) page.get("items")).isEmpty()) {
                        violations.increment();
                        samples.add("eve (CAN, UNCLASSIFIED) found the SECRET//REL TO GBR post " + expectedId + " (total " + total + ")");
                    }
                }
            } catch (Exception e) {
                outcome.error = "publish " + n + ": " + e.getMessage();
            }
        }

        private void token(String user) throws Exception {
            String form = "grant_type=password&client_id=escape-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/escape/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Object token = response.statusCode() == 200 ? ((Map<?, ?>) Json.parse(response.body())).get("access_token") : null;
            if (!(token instanceof String value)) {
                throw new IllegalStateException("no token for " + user + ": " + response.statusCode() + " " + response.body());
            }
            tokens.put(user, value);
        }

        private String send(String user, String method, String path, String json, int expected) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + tokens.get(user)).header("Accept", "application/json");
            if (json == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " as " + user + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        }

        private static double serverCpuMs() {
            if (SERVER_PID <= 0) {
                return 0;
            }
            try {
                String[] f = Files.readString(Path.of("/proc/" + SERVER_PID + "/stat")).replaceFirst("^.*\\) ", "").split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000.0 / CLK_TCK;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    // =========================================================================================
    // Plumbing
    // =========================================================================================

    private static double processCpuMs() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e6 : 0;
    }

    private static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String machine() {
        return String.format(Locale.ROOT, "{\"nproc\": %d, \"memTotalMiB\": %d, \"cpu\": %s, \"jdk\": %s, \"heapMaxMiB\": %d, \"lucene\": \"%s\"}",
                Runtime.getRuntime().availableProcessors(), memTotalMiB(), Json.quote(cpuModel()),
                Json.quote(System.getProperty("java.vm.name") + " " + Runtime.version()), Runtime.getRuntime().maxMemory() >> 20, Version.LATEST);
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

    private static long sizeOf(Path root) {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String stats(List<Double> values) {
        return String.format(Locale.ROOT, "{\"count\": %d, \"p50\": %s, \"p99\": %s, \"max\": %s, \"mean\": %s}", values.size(),
                num(percentile(values, 50)), num(percentile(values, 99)), num(percentile(values, 100)),
                num(values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
    }

    private static String num(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null";
    }

    private static int[] ints(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** Just enough JSON (as in the other benches, which are single files too): quoting, and a parser for maps, lists, strings, numbers. */
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
