package org.escape.knowledge.stix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.escape.knowledge.ArticleReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MITRE's real ATT&CK Enterprise bundle (v18.1 extract: 44 mitigations, 691 techniques, 1,445
 * {@code mitigates}), read from the shared data folder beside the repository — never copied into it.
 * Skipped, saying why, when that folder is absent.
 */
class AttackEnterpriseBundleTest {

    private static final String BUNDLE = "shared/data/attack-enterprise/enterprise-attack-mitigations.json";

    private static Path bundle;
    private static List<StixMitigation> mitigations;

    @BeforeAll
    static void parseOnce() throws IOException, StixBundleException {
        bundle = locate();
        Assumptions.assumeTrue(bundle != null, "The ATT&CK bundle ../" + BUNDLE + " (beside the repository root) is absent: "
                + "the tests on MITRE's real data are skipped. Put the shared data folder next to the repository to run them.");
        mitigations = read(bundle);
    }

    /** {@code ../shared/…} relative to the repository root, the parent of this module's directory. */
    private static Path locate() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = module; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && dir.getParent() != null) {
                Path candidate = dir.getParent().resolve(BUNDLE);
                return Files.isReadable(candidate) ? candidate : null;
            }
        }
        return null;
    }

    private static List<StixMitigation> read(Path file) throws IOException, StixBundleException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            return StixBundle.parse(in);
        }
    }

    @Test
    void has44MitigationsEachWithAnAttackIdAndPage() {
        assertEquals(44, mitigations.size());
        for (StixMitigation m : mitigations) {
            assertTrue(m.externalId().matches("M1\\d{3}"), m.externalId());
            assertEquals("https://attack.mitre.org/mitigations/" + m.externalId(), m.url());
            assertNotNull(m.modified(), m.externalId());
            assertFalse(m.name().isBlank(), m.externalId());
            assertTrue(m.stixId().startsWith("course-of-action--"));
        }
        assertEquals(44, mitigations.stream().map(StixMitigation::externalId).distinct().count());
        assertEquals(mitigations.stream().map(StixMitigation::externalId).sorted().toList(),
                mitigations.stream().map(StixMitigation::externalId).toList());
    }

    @Test
    void mostMitigationsMitigateTechniquesAndAll1445LinksArrive() {
        long withTechniques = mitigations.stream().filter(m -> !m.techniques().isEmpty()).count();
        assertTrue(withTechniques >= 40, withTechniques + " of 44 mitigate a technique");
        assertEquals(1_445, mitigations.stream().mapToInt(m -> m.techniques().size()).sum());
        for (StixMitigation m : mitigations) {
            for (MitigatedTechnique t : m.techniques()) {
                assertTrue(t.externalId().matches("T\\d{4}(\\.\\d{3})?"), t.externalId());
                assertTrue(t.url().startsWith("https://attack.mitre.org/techniques/T"), t.url());
                assertFalse(t.tactics().isEmpty(), t.externalId());
            }
        }
    }

    @Test
    void subTechniquesAreNamedWithTheirParent() {
        MitigatedTechnique powershell = mitigations.stream().flatMap(m -> m.techniques().stream())
                .filter(t -> "T1059.001".equals(t.externalId())).findFirst().orElseThrow();
        assertEquals("Command and Scripting Interpreter: PowerShell", powershell.name());
    }

    @Test
    void articlesAreWithinTheKnowledgeBaseLimits() {
        for (StixMitigation m : mitigations) {
            ImportedArticle a = m.toArticle();
            String who = m.externalId();
            assertTrue(a.title().length() >= 1 && a.title().length() <= 200, who);
            assertTrue(a.summary().length() <= 1_000, who);
            assertFalse(a.summary().isBlank(), who);
            assertTrue(AttackText.utf8Length(a.body()) <= 256 * 1024, who);
            assertTrue(a.tags().size() <= 400, who);
            assertEquals(m.externalId().toLowerCase(), a.tags().get(0));
            assertTrue(a.tags().contains("mitre-attack"), who);
            assertTrue(a.tags().stream().allMatch(t -> MitigationArticle.TAG.matcher(t).matches()), who);
            assertEquals(a.tags().size(), Set.copyOf(a.tags()).size(), who);
            for (MitigatedTechnique t : m.techniques()) {
                assertTrue(a.tags().contains(t.externalId().toLowerCase()), who + " " + t.externalId());
                assertTrue(a.tags().containsAll(t.tactics()), who + " " + t.externalId());
            }
            assertTrue(a.references().size() >= 1 && a.references().size() <= 30, who);
            assertEquals(new ArticleReference("MITRE ATT&CK " + who + ": " + m.name(), m.url()), a.references().get(0));
            assertTrue(a.references().stream().allMatch(r -> r.title().length() <= 200 && r.url().startsWith("http")), who);
            assertEquals(a.references().size(), a.references().stream().map(ArticleReference::url).distinct().count(), who);
            if (!m.techniques().isEmpty()) {
                assertTrue(a.body().contains("## Techniques mitigated\n\n### "), who);
            }
        }
    }

    @Test
    void noCitationMarkerIsLeft() {
        for (StixMitigation m : mitigations) {
            ImportedArticle a = m.toArticle();
            assertFalse(a.body().contains("(Citation:"), m.externalId());
            assertFalse(a.summary().contains("(Citation:"), m.externalId());
            assertFalse(Pattern.compile(" [.,;](\\s|$)").matcher(a.body()).find(), m.externalId() + ": a space before punctuation");
        }
    }

    @Test
    void theCitedSourcesBecomeReferences() {
        StixMitigation m1057 = mitigations.stream().filter(m -> "M1057".equals(m.externalId())).findFirst().orElseThrow();
        assertEquals("https://purplesec.us/data-loss-prevention/", m1057.toArticle().references().get(1).url());
    }

    @Test
    void readingItAgainGivesTheSameArticles() throws IOException, StixBundleException {
        List<ImportedArticle> first = mitigations.stream().map(StixMitigation::toArticle).toList();
        List<ImportedArticle> second = read(bundle).stream().map(StixMitigation::toArticle).toList();
        assertEquals(first, second);
        assertEquals(first.stream().map(ImportedArticle::body).collect(Collectors.joining("\u0000")),
                second.stream().map(ImportedArticle::body).collect(Collectors.joining("\u0000")));
    }

    @Test
    void parsesWellUnderASecond() throws IOException, StixBundleException {
        read(bundle); // warm up once, as a running server is
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            List<StixMitigation> again = read(bundle);
            again.forEach(StixMitigation::toArticle);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("AttackEnterpriseBundleTest: %s (%,d bytes) parsed and turned into articles in %.1f ms%n",
                bundle.getFileName(), bundle.toFile().length(), best / 1e6);
        assertTrue(best < 1_000_000_000L, "parsing took " + best / 1_000_000 + " ms");
    }
}
