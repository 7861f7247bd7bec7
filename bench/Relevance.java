import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.escape.access.Label;
import org.escape.access.Level;
import org.escape.access.Reader;
import org.escape.knowledge.ArticleContent;
import org.escape.knowledge.ArticleDraft;
import org.escape.knowledge.ArticleInput;
import org.escape.knowledge.stix.ImportedArticle;
import org.escape.knowledge.stix.MitigatedTechnique;
import org.escape.knowledge.stix.StixBundle;
import org.escape.knowledge.stix.StixMitigation;
import org.escape.search.ArticleDocuments;
import org.escape.search.ArticleSnapshot;
import org.escape.search.ReaderProfiles;
import org.escape.searchindex.ItemType;
import org.escape.searchindex.RankingConfig;
import org.escape.searchindex.ReaderProfile;
import org.escape.searchindex.SearchDocument;
import org.escape.searchindex.SearchRequest;
import org.escape.searchindex.SecureIndex;

/**
 * Benchmark: how well {@code type=article} search finds the right knowledge-base articles, measured
 * on MITRE ATT&amp;CK, against a plain BM25 baseline computed in the same run.
 *
 * <p><b>Articles.</b> MITRE's 44 mitigations, read from the STIX bundle with {@link StixBundle}, each
 * turned into its article by {@link StixMitigation#toArticle()} and validated by
 * {@link ArticleInput#content} exactly as {@code POST /api/v1/articles/import/stix} stores them
 * (UNCLASSIFIED, releasable to all, PUBLISHED), and indexed as the application indexes articles:
 * {@link ArticleDocuments#of} into a {@link SecureIndex} with {@link RankingConfig#DEFAULT}.
 *
 * <p><b>Queries and judgements.</b> Every procedure of {@code procedures.jsonl} (how a real group or
 * malware used a technique), its Markdown links reduced to their names, is a query as a responder
 * would paste it; the relevant articles are the mitigations that {@code mitigate} the procedure's
 * technique or its parent technique. The technique is used for judging only, never at query time.
 * Procedures whose technique has no mitigation are dropped (and counted).
 *
 * <p><b>Arms.</b> "escape": the application's search path — {@code SearchRequest.of(text)} restricted
 * to articles, on behalf of a reader who may read everything ({@link ReaderProfiles}). "bm25": a
 * separate plain Lucene index of the same articles (title, summary and body, tags in one field,
 * {@link StandardAnalyzer}, BM25 with Lucene's defaults, no boosts), the query text escaped through
 * Lucene's classic {@link QueryParser} (an OR of its terms).
 *
 * <p><b>Figures.</b> MRR@10, recall@10, nDCG@10 (binary gains) and P@1 for each arm, over all queries
 * and over two halves split by a hash of the parent technique (so that sub-techniques of one parent
 * fall in the same half): the ranking was tuned on the "tune" half only; the "held-out" half shows
 * whether the gain carries over. The escape/bm25 ratio is printed per figure.
 *
 * <p>Deterministic: same data, same figures. Run with {@code ./escape bench relevance}; writes
 * {@code bench/results/relevance-<date>.json} and {@code bench/target/relevance-misses.tsv} (queries
 * whose top 10 holds no relevant article, for inspection).
 */
public final class Relevance {

    private static final int K = 10;
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Instant IMPORTED = Instant.parse("2026-12-01T00:00:00Z");

    private record Query(String text, String technique, String half, Set<String> relevant) {
    }

    /** Sums of per-query figures; {@code n} queries. */
    private static final class Figures {
        int n;
        double reciprocalRank;
        double recall;
        double ndcg;
        double precisionAt1;
        int noHit;

        void add(List<String> ranked, Set<String> relevant) {
            n++;
            int found = 0;
            double dcg = 0;
            for (int i = 0; i < Math.min(K, ranked.size()); i++) {
                if (relevant.contains(ranked.get(i))) {
                    if (found == 0) {
                        reciprocalRank += 1.0 / (i + 1);
                    }
                    found++;
                    dcg += 1 / log2(i + 2);
                }
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(K, relevant.size()); i++) {
                ideal += 1 / log2(i + 2);
            }
            recall += (double) found / relevant.size();
            ndcg += dcg / ideal;
            precisionAt1 += !ranked.isEmpty() && relevant.contains(ranked.get(0)) ? 1 : 0;
            noHit += found == 0 ? 1 : 0;
        }

        double mrr() {
            return reciprocalRank / n;
        }

        double recall() {
            return recall / n;
        }

        double ndcg() {
            return ndcg / n;
        }

        double p1() {
            return precisionAt1 / n;
        }

        String json() {
            return String.format(Locale.ROOT,
                    "{\"queries\": %d, \"mrr10\": %.4f, \"recall10\": %.4f, \"ndcg10\": %.4f, \"p1\": %.4f, \"noRelevantInTop10\": %d}",
                    n, mrr(), recall(), ndcg(), p1(), noHit);
        }

        private static double log2(double x) {
            return Math.log(x) / Math.log(2);
        }
    }

    /** One arm's figures per half ("all", "tune", "held-out") and its time. */
    private record ArmResult(String arm, Map<String, Figures> figures, double msPerQuery) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("escape.attackData", "../shared/data/attack-enterprise"));
        Path bundle = data.resolve("enterprise-attack-mitigations.json");
        Path procedures = data.resolve("procedures.jsonl");
        if (!Files.isReadable(bundle) || !Files.isReadable(procedures)) {
            System.out.println("relevance: skipped — the ATT&CK data (" + bundle + ", " + procedures
                    + ") is absent; put the shared data folder next to the repository to run this benchmark.");
            return;
        }
        long started = System.nanoTime();
        List<StixMitigation> mitigations;
        try (InputStream in = Files.newInputStream(bundle)) {
            mitigations = StixBundle.parse(in);
        }
        List<SearchDocument> documents = new ArrayList<>();
        Map<String, Set<String>> articlesByTechnique = new TreeMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (StixMitigation mitigation : mitigations) {
            SearchDocument document = ArticleDocuments.of(imported(mitigation.toArticle()));
            documents.add(document);
            titles.put(document.id(), document.title());
            for (MitigatedTechnique technique : mitigation.techniques()) {
                if (technique.externalId() != null) {
                    articlesByTechnique.computeIfAbsent(technique.externalId(), t -> new HashSet<>()).add(document.id());
                }
            }
        }

        List<Query> queries = new ArrayList<>();
        int lines = 0;
        int dropped = 0;
        try (BufferedReader in = Files.newBufferedReader(procedures, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                JsonObject procedure;
                try (JsonReader reader = Json.createReader(new StringReader(line))) {
                    procedure = reader.readObject();
                }
                String technique = procedure.getString("technique");
                String parent = parentOf(technique);
                Set<String> relevant = new HashSet<>(articlesByTechnique.getOrDefault(technique, Set.of()));
                relevant.addAll(articlesByTechnique.getOrDefault(parent, Set.of()));
                if (relevant.isEmpty()) {
                    dropped++;
                    continue;
                }
                String text = LINK.matcher(procedure.getString("text")).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
                queries.add(new Query(text, technique, half(parent), Set.copyOf(relevant)));
            }
        }

        ArmResult escape;
        List<List<String>> escapeRankings = new ArrayList<>();
        try (SecureIndex index = SecureIndex.inMemory(RankingConfig.DEFAULT)) {
            documents.forEach(index::upsert);
            index.refresh();
            ReaderProfile everything = ReaderProfiles.of(new Reader(UUID.nameUUIDFromBytes("relevance-bench".getBytes(StandardCharsets.UTF_8)),
                    "GBR", Level.TOP_SECRET, Set.of()));
            escape = run("escape", queries, escapeRankings, text -> index.search(
                    SearchRequest.of(text).withTypes(Set.of(ItemType.ARTICLE)).withPage(0, K), everything)
                    .hits().stream().map(hit -> hit.id()).toList());
        }
        int[] parseFailures = {0};
        ArmResult baseline;
        List<List<String>> baselineRankings = new ArrayList<>();
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); StandardAnalyzer analyzer = new StandardAnalyzer()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (SearchDocument document : documents) {
                    Document doc = new Document();
                    doc.add(new StringField("id", document.id(), Field.Store.YES));
                    doc.add(new TextField("text", document.title() + "\n\n" + document.body() + "\n\n"
                            + String.join(" ", document.tags()), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                QueryParser parser = new QueryParser("text", analyzer);
                baseline = run("bm25", queries, baselineRankings, text -> {
                    try {
                        List<String> ids = new ArrayList<>();
                        for (ScoreDoc hit : searcher.search(parser.parse(QueryParser.escape(text)), K).scoreDocs) {
                            ids.add(searcher.storedFields().document(hit.doc).get("id"));
                        }
                        return ids;
                    } catch (ParseException e) {
                        parseFailures[0]++;
                        return List.of();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        writeMisses(queries, escapeRankings, baselineRankings, titles);
        report(escape, baseline, queries.size(), lines, dropped, parseFailures[0], documents.size(), articlesByTechnique.size(), seconds);
    }

    /** The article as the STIX import stores it (validated by the knowledge base's own input rules), as a snapshot. */
    private static ArticleSnapshot imported(ImportedArticle article) {
        Label label = Label.releasableToAll(Level.UNCLASSIFIED);
        ArticleContent content = ArticleInput.content(new ArticleDraft(article.title(), article.summary(), article.body(),
                article.tags(), article.references(), label, null, null), null, ArticleInput.IMPORTED_TAGS);
        UUID id = UUID.nameUUIDFromBytes(article.stixId().getBytes(StandardCharsets.UTF_8));
        UUID importer = UUID.nameUUIDFromBytes("importer".getBytes(StandardCharsets.UTF_8));
        return new ArticleSnapshot(id, content.title(), content.summary(), content.body(), content.tags(), content.label(),
                "PUBLISHED", importer, IMPORTED, IMPORTED);
    }

    private static String parentOf(String technique) {
        int dot = technique.indexOf('.');
        return dot < 0 ? technique : technique.substring(0, dot);
    }

    /** "tune" or "held-out", by a CRC-32 of the parent technique id: deterministic, about half each. */
    private static String half(String parent) {
        CRC32 crc = new CRC32();
        crc.update(parent.getBytes(StandardCharsets.UTF_8));
        return (crc.getValue() & 1) == 0 ? "tune" : "held-out";
    }

    private static ArmResult run(String arm, List<Query> queries, List<List<String>> rankings, Function<String, List<String>> search) {
        for (int i = 0; i < Math.min(200, queries.size()); i++) {
            search.apply(queries.get(i).text()); // warm-up, not measured
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        for (String half : List.of("all", "tune", "held-out")) {
            figures.put(half, new Figures());
        }
        long started = System.nanoTime();
        for (Query query : queries) {
            List<String> ranked = search.apply(query.text());
            rankings.add(ranked);
            figures.get("all").add(ranked, query.relevant());
            figures.get(query.half()).add(ranked, query.relevant());
        }
        double ms = (System.nanoTime() - started) / 1e6 / queries.size();
        return new ArmResult(arm, figures, ms);
    }

    private static void writeMisses(List<Query> queries, List<List<String>> escape, List<List<String>> baseline,
                                    Map<String, String> titles) throws IOException {
        StringBuilder tsv = new StringBuilder("half\ttechnique\tescapeFirstRelevant\tbm25FirstRelevant\tescapeTop3\trelevant\tquery\n");
        for (int i = 0; i < queries.size(); i++) {
            Query query = queries.get(i);
            int app = firstRelevant(escape.get(i), query.relevant());
            if (app > 0) {
                continue;
            }
            tsv.append(query.half()).append('\t').append(query.technique()).append('\t').append(app).append('\t')
                    .append(firstRelevant(baseline.get(i), query.relevant())).append('\t')
                    .append(String.join(" | ", escape.get(i).stream().limit(3).map(titles::get).toList())).append('\t')
                    .append(String.join(" | ", query.relevant().stream().map(titles::get).sorted().toList())).append('\t')
                    .append(query.text().replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        Path out = Path.of("bench/target/relevance-misses.tsv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, tsv);
    }

    /** 1-based rank of the first relevant hit in the top 10, 0 if none. */
    private static int firstRelevant(List<String> ranked, Set<String> relevant) {
        for (int i = 0; i < Math.min(K, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static void report(ArmResult escape, ArmResult baseline, int used, int lines, int dropped, int parseFailures,
                               int articles, int techniques, double seconds) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (String half : escape.figures().keySet()) {
            Figures app = escape.figures().get(half);
            Figures bm25 = baseline.figures().get(half);
            System.out.printf(Locale.ROOT, "%-9s %5d queries | MRR@10 escape %.3f bm25 %.3f (x%.2f) | recall@10 escape %.3f bm25 %.3f (x%.2f)"
                            + " | nDCG@10 %.3f / %.3f | P@1 %.3f / %.3f%n",
                    half, app.n, app.mrr(), bm25.mrr(), app.mrr() / bm25.mrr(), app.recall(), bm25.recall(), app.recall() / bm25.recall(),
                    app.ndcg(), bm25.ndcg(), app.p1(), bm25.p1());
            if (!rows.isEmpty()) {
                rows.append(",\n    ");
            }
            rows.append(String.format(Locale.ROOT, "\"%s\": {\"escape\": %s,%n      \"bm25 (baseline)\": %s,%n"
                            + "      \"ratio\": {\"mrr10\": %.3f, \"recall10\": %.3f, \"ndcg10\": %.3f, \"p1\": %.3f}}",
                    half, app.json(), bm25.json(), app.mrr() / bm25.mrr(), app.recall() / bm25.recall(), app.ndcg() / bm25.ndcg(),
                    app.p1() / bm25.p1()));
        }
        long memory = 0;
        try {
            memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 20;
        } catch (ClassCastException | UnsupportedOperationException e) {
            // not a HotSpot JVM: memory unknown
        }
        RankingConfig ranking = RankingConfig.DEFAULT;
        String json = String.format(Locale.ROOT, """
                {
                  "benchmark": "relevance",
                  "date": "%s",
                  "machine": {"nproc": %d, "memoryMiB": %d, "maxHeapMiB": %d, "jdk": "%s", "os": "%s"},
                  "parameters": {"k": %d, "articles": %d, "techniquesWithMitigations": %d, "procedures": %d,
                    "queriesUsed": %d, "queriesDropped": %d, "droppedBecause": "technique and its parent have no mitigation",
                    "split": "CRC-32 of the parent technique id: even = tune, odd = held-out",
                    "escape": {"path": "SecureIndex.search(SearchRequest.of(text).withTypes(ARTICLE)), reader who may read all",
                      "ranking": "%s"},
                    "baseline": {"path": "plain Lucene, one field (title, summary+body, tags), StandardAnalyzer, BM25 defaults, no boosts, classic QueryParser on the escaped text (OR)",
                      "parseFailures": %d}},
                  "timing": {"escapeMsPerQuery": %.3f, "bm25MsPerQuery": %.3f, "totalSeconds": %.1f},
                  "results": {
                    %s
                  }
                }
                """, LocalDate.now(), Runtime.getRuntime().availableProcessors(), memory, Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), System.getProperty("os.name"), K, articles, techniques, lines, used, dropped,
                ranking.toString().replace("\"", "'"), parseFailures, escape.msPerQuery(), baseline.msPerQuery(), seconds, rows);
        Path out = Path.of(System.getProperty("escape.results", "bench/results"), "relevance-" + LocalDate.now() + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        Figures app = escape.figures().get("all");
        Figures bm25 = baseline.figures().get("all");
        System.out.printf(Locale.ROOT, "relevance: %d queries (%d of %d procedures dropped: no mitigation), %d articles | "
                        + "MRR@10 escape %.3f vs bm25 %.3f (x%.2f), recall@10 %.3f vs %.3f (x%.2f) | held-out MRR@10 %.3f vs %.3f | "
                        + "%.2f vs %.2f ms/query | %.1f s | %s%n",
                used, dropped, lines, articles, app.mrr(), bm25.mrr(), app.mrr() / bm25.mrr(), app.recall(), bm25.recall(),
                app.recall() / bm25.recall(), escape.figures().get("held-out").mrr(), baseline.figures().get("held-out").mrr(),
                escape.msPerQuery(), baseline.msPerQuery(), seconds, out);
    }
}
