package org.escape.knowledge.stix;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.escape.knowledge.ArticleReference;

/**
 * An ATT&CK mitigation (a STIX {@code course-of-action}) that is neither revoked nor deprecated,
 * with the techniques it mitigates.
 *
 * @param stixId      its STIX id ({@code course-of-action--…}), what the import keys articles by
 * @param externalId  its ATT&CK id ({@code M1040}), or null when the bundle gives none
 * @param name        its name, trimmed, whitespace runs as one space; 1–200 characters
 * @param description its description, citations removed, Markdown kept; empty when it has none
 * @param url         its ATT&CK page (http or https), or null
 * @param modified    when MITRE last changed it, or null
 * @param techniques  the techniques it mitigates, ordered by ATT&CK id (then name)
 * @param sources     the external references it cites (not its ATT&CK page): the source's description
 *                    as title when shorter than 200 characters, else its source name; http(s) URLs only,
 *                    one per URL, in bundle order
 */
public record StixMitigation(String stixId, String externalId, String name, String description, String url,
        Instant modified, List<MitigatedTechnique> techniques, List<ArticleReference> sources) {

    public StixMitigation {
        Objects.requireNonNull(stixId, "stixId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        techniques = List.copyOf(techniques);
        sources = List.copyOf(sources);
    }

    /** The article this mitigation becomes; equal for equal mitigations. */
    public ImportedArticle toArticle() {
        return MitigationArticle.of(this);
    }
}
