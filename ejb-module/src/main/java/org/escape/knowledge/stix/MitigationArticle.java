package org.escape.knowledge.stix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.escape.knowledge.ArticleReference;

/**
 * How a mitigation reads as an article. The limits are the knowledge base's, so an import never
 * produces an article the service would refuse: title ≤ 200 (guaranteed by the parser), summary
 * ≤ 1,000, body ≤ 256 KiB in UTF-8 (imports may carry up to 400 tags, hand-written articles 20),
 * ≤ 30 references with titles ≤ 200.
 */
final class MitigationArticle {

    static final int MAX_SUMMARY = 1_000;
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_TAGS = 400;
    static final int MAX_REFERENCES = 30;
    static final int MAX_REFERENCE_TITLE = 200;
    static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");
    static final String MITRE_ATTACK_TAG = "mitre-attack";
    /** The knowledge base refuses an empty body; a mitigation with neither description nor technique says so. */
    static final String EMPTY_BODY = "MITRE ATT&CK gives no description of this mitigation and no technique it mitigates.";

    private MitigationArticle() {
    }

    static ImportedArticle of(StixMitigation m) {
        return new ImportedArticle(m.stixId(), m.name(), AttackText.summary(m.description(), MAX_SUMMARY), body(m),
                tags(m), references(m));
    }

    private static String body(StixMitigation m) {
        String description = m.description();
        List<MitigatedTechnique> techniques = m.techniques();
        String heading = "## Techniques mitigated\n\n";
        // Keep room for the heading and a final "…and N more techniques" line whatever happens.
        int reserve = AttackText.utf8Length(heading) + 200;
        if (AttackText.utf8Length(description) > MAX_BODY_BYTES - reserve) {
            description = AttackText.cutToBytes(description, MAX_BODY_BYTES - reserve);
        }
        StringBuilder body = new StringBuilder(description);
        if (techniques.isEmpty()) {
            return description.isEmpty() ? EMPTY_BODY : description;
        }
        if (!body.isEmpty()) {
            body.append("\n\n");
        }
        body.append(heading);
        int budget = MAX_BODY_BYTES - AttackText.utf8Length(body) - 100;
        int used = 0;
        for (int i = 0; i < techniques.size(); i++) {
            String section = section(techniques.get(i));
            int size = AttackText.utf8Length(section);
            if (used + size > budget) {
                int more = techniques.size() - i;
                body.append("…and ").append(more).append(more == 1 ? " more technique" : " more techniques");
                return body.toString();
            }
            body.append(section);
            used += size;
        }
        body.setLength(body.length() - 2); // the last section's blank line
        return body.toString();
    }

    /** One technique: heading, tactics and ATT&CK link, guidance; ends with a blank line. */
    private static String section(MitigatedTechnique t) {
        StringBuilder s = new StringBuilder(256 + t.guidance().length());
        s.append("### ");
        if (t.externalId() != null) {
            s.append(t.externalId()).append(' ');
        }
        s.append(t.name()).append("\n\n");
        List<String> facts = new ArrayList<>(2);
        if (!t.tactics().isEmpty()) {
            facts.add((t.tactics().size() == 1 ? "Tactic: " : "Tactics: ")
                    + String.join(", ", t.tactics().stream().map(MitigationArticle::tacticName).toList()));
        }
        if (t.url() != null) {
            String destination = t.url().indexOf('(') >= 0 || t.url().indexOf(')') >= 0 ? "<" + t.url() + ">" : t.url();
            facts.add("[ATT&CK " + (t.externalId() != null ? t.externalId() : "technique") + "](" + destination + ")");
        }
        if (!facts.isEmpty()) {
            s.append(String.join(" · ", facts)).append("\n\n");
        }
        if (!t.guidance().isEmpty()) {
            s.append(t.guidance()).append("\n\n");
        }
        return s.toString();
    }

    private static final Set<String> MINOR_WORDS = Set.of("and", "or", "of", "the", "to", "in", "for");

    /** "command-and-control" → "Command and Control", as ATT&CK names its tactics. */
    static String tacticName(String phase) {
        StringBuilder name = new StringBuilder(phase.length());
        for (String word : phase.split("[-_ ]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!name.isEmpty()) {
                name.append(' ');
            }
            name.append(!name.isEmpty() && MINOR_WORDS.contains(word) ? word
                    : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1));
        }
        return name.isEmpty() ? phase : name.toString();
    }

    private static List<String> tags(StixMitigation m) {
        String first = m.externalId() == null ? null : tag(m.externalId());
        TreeSet<String> rest = new TreeSet<>();
        rest.add(MITRE_ATTACK_TAG);
        for (MitigatedTechnique t : m.techniques()) {
            for (String tactic : t.tactics()) {
                addTag(rest, tactic);
            }
            if (t.externalId() != null) {
                addTag(rest, t.externalId());
            }
        }
        List<String> tags = new ArrayList<>(Math.min(MAX_TAGS, rest.size() + 1));
        if (first != null) {
            tags.add(first);
            rest.remove(first);
        }
        for (String tag : rest) {
            if (tags.size() == MAX_TAGS) {
                break;
            }
            tags.add(tag);
        }
        return tags;
    }

    private static void addTag(TreeSet<String> tags, String value) {
        String tag = tag(value);
        if (tag != null) {
            tags.add(tag);
        }
    }

    /** The tag for a value, or null when it cannot be one ("Defense Evasion" cannot; "defense-evasion" can). */
    private static String tag(String value) {
        String tag = value.strip().toLowerCase(Locale.ROOT);
        return TAG.matcher(tag).matches() ? tag : null;
    }

    private static List<ArticleReference> references(StixMitigation m) {
        Map<String, ArticleReference> byUrl = new LinkedHashMap<>();
        if (m.url() != null) {
            String title = (m.externalId() != null ? "MITRE ATT&CK " + m.externalId() + ": " : "MITRE ATT&CK: ") + m.name();
            byUrl.put(m.url(), new ArticleReference(AttackText.cut(title, MAX_REFERENCE_TITLE), m.url()));
        }
        for (ArticleReference source : m.sources()) {
            if (byUrl.size() == MAX_REFERENCES) {
                break;
            }
            byUrl.putIfAbsent(source.url(),
                    new ArticleReference(AttackText.cut(source.title(), MAX_REFERENCE_TITLE), source.url()));
        }
        return List.copyOf(byUrl.values());
    }
}
