package org.escape.knowledge.stix;

import static org.escape.knowledge.stix.Bundles.bundle;
import static org.escape.knowledge.stix.Bundles.id;
import static org.escape.knowledge.stix.Bundles.mitigates;
import static org.escape.knowledge.stix.Bundles.mitigation;
import static org.escape.knowledge.stix.Bundles.parse;
import static org.escape.knowledge.stix.Bundles.technique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.escape.knowledge.ArticleReference;
import org.junit.jupiter.api.Test;

/** How a mitigation reads as an article: the exact text for a small bundle, and the limits on large ones. */
class MitigationArticleTest {

    @Test
    void aMitigationBecomesThisArticle() throws StixBundleException {
        String coa = mitigation(1, "M1040", "Behavior Prevention on Endpoint",
                "Use capabilities to prevent suspicious behavior patterns.(Citation: Vendor)\n\nOn Windows, use *ASR* rules.",
                "").replace("}]", "},{\"source_name\":\"Vendor\",\"description\":\"Vendor. (2020). Blocking behaviours. Retrieved 2021.\","
                        + "\"url\":\"https://vendor.example/blocking\"},{\"source_name\":\"Long\",\"description\":\"" + "d".repeat(250)
                        + "\",\"url\":\"https://long.example/\"}]");
        List<StixMitigation> parsed = parse(bundle(coa,
                technique(1, "T1059", "Command and Scripting Interpreter", "", "execution"),
                technique(2, "T1059.001", "PowerShell", "", "execution"),
                technique(3, "T1486", "Data Encrypted for Impact", "", "impact"),
                technique(4, "T1055.011", "Extra Window Memory Injection", "", "defense-evasion", "privilege-escalation"),
                mitigates(1, 1, 3, "Block ransomware behaviour. (Citation: Vendor)", ""),
                mitigates(2, 1, 2, "Enable ASR rules for scripts.", ""),
                mitigates(3, 1, 4, null, "")));
        StixMitigation m = parsed.get(0);
        assertEquals("M1040", m.externalId());
        assertEquals("https://attack.mitre.org/mitigations/M1040", m.url());
        assertEquals(Instant.parse("2024-10-17T18:54:36.723Z"), m.modified());
        assertEquals("Use capabilities to prevent suspicious behavior patterns.\n\nOn Windows, use *ASR* rules.", m.description());
        assertEquals(List.of("T1055.011", "T1059.001", "T1486"), m.techniques().stream().map(MitigatedTechnique::externalId).toList());
        MitigatedTechnique powershell = m.techniques().get(1);
        assertEquals("Command and Scripting Interpreter: PowerShell", powershell.name());
        assertEquals("https://attack.mitre.org/techniques/T1059/001", powershell.url());
        assertEquals(List.of("execution"), powershell.tactics());
        assertEquals(id("attack-pattern", 2), powershell.stixId());

        ImportedArticle article = m.toArticle();
        assertEquals(id("course-of-action", 1), article.stixId());
        assertEquals("Behavior Prevention on Endpoint", article.title());
        assertEquals("Use capabilities to prevent suspicious behavior patterns.", article.summary());
        assertEquals("""
                Use capabilities to prevent suspicious behavior patterns.

                On Windows, use *ASR* rules.

                ## Techniques mitigated

                ### T1055.011 Extra Window Memory Injection

                Tactics: Defense Evasion, Privilege Escalation · [ATT&CK T1055.011](https://attack.mitre.org/techniques/T1055/011)

                ### T1059.001 Command and Scripting Interpreter: PowerShell

                Tactic: Execution · [ATT&CK T1059.001](https://attack.mitre.org/techniques/T1059/001)

                Enable ASR rules for scripts.

                ### T1486 Data Encrypted for Impact

                Tactic: Impact · [ATT&CK T1486](https://attack.mitre.org/techniques/T1486)

                Block ransomware behaviour.""", article.body());
        assertEquals(List.of("m1040", "defense-evasion", "execution", "impact", "mitre-attack", "privilege-escalation",
                "t1055.011", "t1059.001", "t1486"), article.tags());
        assertEquals(List.of(
                new ArticleReference("MITRE ATT&CK M1040: Behavior Prevention on Endpoint", "https://attack.mitre.org/mitigations/M1040"),
                new ArticleReference("Vendor. (2020). Blocking behaviours. Retrieved 2021.", "https://vendor.example/blocking"),
                new ArticleReference("Long", "https://long.example/")), article.references());
    }

    @Test
    void aMitigationWithoutDescriptionStartsWithItsTechniques() throws StixBundleException {
        ImportedArticle article = parse(bundle(mitigation(1, "M1", "Name", null, ""), technique(1, "T1", "T", ""),
                mitigates(1, 1, 1, null, ""))).get(0).toArticle();
        assertEquals("## Techniques mitigated\n\n### T1 T\n\n[ATT&CK T1](https://attack.mitre.org/techniques/T1)", article.body());
    }

    @Test
    void theSameBundleGivesEqualArticlesAndAChangeShows() throws StixBundleException {
        String json = bundle(mitigation(1, "M1", "N", "Text.", ""), technique(1, "T1", "T", "", "impact"), mitigates(1, 1, 1, "g", ""));
        assertEquals(parse(json).get(0).toArticle(), parse(json).get(0).toArticle());
        assertEquals(parse(json), parse(json));
        assertNotEquals(parse(json).get(0).toArticle(), parse(json.replace("\"g\"", "\"h\"")).get(0).toArticle());
    }

    @Test
    void aMitigationWithoutDescriptionOrTechniquesSaysSo() throws StixBundleException {
        ImportedArticle article = parse(bundle(mitigation(1, "M1", "Name", null, ""))).get(0).toArticle();
        assertEquals("", article.summary());
        assertEquals("MITRE ATT&CK gives no description of this mitigation and no technique it mitigates.", article.body());
        assertEquals(List.of("m1", "mitre-attack"), article.tags());
    }

    @Test
    void theTechniqueListIsCutToTheBodyLimit() throws StixBundleException {
        List<String> objects = new ArrayList<>();
        objects.add(mitigation(1, "M1", "Huge", "Short description.", ""));
        String guidance = "Guidance that is long. ".repeat(200); // about 4.6 KB per technique
        for (int i = 1; i <= 100; i++) {
            objects.add(technique(i, "T%04d".formatted(i), "Technique " + i, "", "impact"));
            objects.add(mitigates(i, 1, i, guidance, ""));
        }
        ImportedArticle article = parse(bundle(objects.toArray(String[]::new))).get(0).toArticle();
        int bytes = AttackText.utf8Length(article.body());
        assertTrue(bytes <= 256 * 1024, bytes + " bytes");
        assertTrue(bytes > 240 * 1024, bytes + " bytes: the limit should be used, not wasted");
        assertTrue(article.body().matches("(?s).*\\n…and \\d+ more techniques"), article.body().substring(article.body().length() - 200));
        long shown = article.body().lines().filter(l -> l.startsWith("### ")).count();
        assertTrue(article.body().endsWith("…and " + (100 - shown) + " more techniques"));
        // the tags still name every technique
        assertEquals(1 + 1 + 1 + 100, article.tags().size());
    }

    @Test
    void aHugeDescriptionIsCutToo() throws StixBundleException {
        String description = "word ".repeat(60_000);
        ImportedArticle article = parse(bundle(mitigation(1, "M1", "N", description, ""), technique(1, "T1", "T", ""),
                mitigates(1, 1, 1, "g", ""))).get(0).toArticle();
        assertTrue(AttackText.utf8Length(article.body()) <= 256 * 1024);
        assertTrue(article.body().contains("word…\n\n## Techniques mitigated\n\n### T1 T"), "the techniques still follow");
        assertTrue(article.summary().length() <= 1000);
    }

    @Test
    void tagsAreValidDeduplicatedAndAtMost400() throws StixBundleException {
        List<String> objects = new ArrayList<>();
        objects.add(mitigation(1, "M1", "Many", "x", ""));
        for (int i = 1; i <= 450; i++) {
            objects.add(technique(i, "T%04d".formatted(i), "T" + i, "", "impact", "Not A Tag", "x".repeat(41)));
            objects.add(mitigates(i, 1, i, "", ""));
        }
        List<String> tags = parse(bundle(objects.toArray(String[]::new))).get(0).toArticle().tags();
        assertEquals(400, tags.size());
        assertEquals("m1", tags.get(0));
        assertEquals(List.of("impact", "mitre-attack", "t0001"), tags.subList(1, 4));
        assertTrue(tags.stream().allMatch(t -> MitigationArticle.TAG.matcher(t).matches()));
        assertEquals(tags.size(), tags.stream().distinct().count());
    }

    @Test
    void atMost30ReferencesWithShortTitles() throws StixBundleException {
        String refs = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> "{\"source_name\":\"" + "Source " + i + " " + "s".repeat(300) + "\",\"url\":\"https://e.org/" + i + "\"}")
                .reduce((a, b) -> a + "," + b).orElseThrow();
        String coa = mitigation(1, "M1", "N".repeat(200), "x", "").replace("}]", "}," + refs + "]");
        ImportedArticle article = parse(bundle(coa)).get(0).toArticle();
        assertEquals(30, article.references().size());
        assertTrue(article.references().stream().allMatch(r -> r.title().length() <= 200));
        assertTrue(article.references().get(0).title().startsWith("MITRE ATT&CK M1: NNN"));
        assertTrue(article.references().get(0).title().endsWith("…"));
        assertEquals("https://e.org/29", article.references().get(29).url());
    }

    @Test
    void tacticNamesReadAsAttackWritesThem() {
        assertEquals("Command and Control", MitigationArticle.tacticName("command-and-control"));
        assertEquals("Defense Evasion", MitigationArticle.tacticName("defense-evasion"));
        assertEquals("Impact", MitigationArticle.tacticName("impact"));
    }

    @Test
    void duplicateRelationshipsMergeTheirGuidance() throws StixBundleException {
        StixMitigation m = parse(bundle(mitigation(1, "M1", "N", "x", ""), technique(1, "T1", "T", ""),
                mitigates(1, 1, 1, "First.", ""), mitigates(2, 1, 1, "Second.", ""), mitigates(3, 1, 1, "First.", ""))).get(0);
        assertEquals(1, m.techniques().size());
        assertEquals("First.\n\nSecond.", m.techniques().get(0).guidance());
    }

    @Test
    void mitigationsAreOrderedByAttackId() throws StixBundleException {
        List<StixMitigation> ms = parse(bundle(mitigation(1, "M1050", "B", "x", ""), mitigation(2, "M1013", "A", "x", ""),
                "{\"type\":\"course-of-action\",\"id\":\"" + id("course-of-action", 3) + "\",\"name\":\"No id\"}"));
        assertEquals(List.of("M1013", "M1050"), ms.stream().map(StixMitigation::externalId).limit(2).toList());
        assertEquals("No id", ms.get(2).name());
    }
}
