package org.escape.knowledge.stix;

import java.util.List;
import java.util.Objects;
import org.escape.knowledge.ArticleReference;

/**
 * The content of the article an imported mitigation becomes; within the knowledge base's limits
 * (title ≤ 200, summary ≤ 1,000, body ≤ 256 KiB in UTF-8, tags of {@code [a-z0-9][a-z0-9._-]{0,39}},
 * ≤ 30 references with an http(s) URL). Equal for the same bundle: the import compares it with the
 * stored revision to decide whether anything changed.
 *
 * @param stixId     the mitigation's STIX id, the article's source ref
 * @param title      the mitigation's name
 * @param summary    the first paragraph of its description (cut at a sentence or word if long); may be empty
 * @param body       Markdown: the description, then "Techniques mitigated"
 * @param tags       the mitigation id first ({@code m1040}), then {@code mitre-attack}, tactics and technique ids, sorted
 * @param references the ATT&CK page first, then the mitigation's cited sources
 */
public record ImportedArticle(String stixId, String title, String summary, String body, List<String> tags,
        List<ArticleReference> references) {

    public ImportedArticle {
        Objects.requireNonNull(stixId, "stixId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(body, "body");
        tags = List.copyOf(tags);
        references = List.copyOf(references);
    }
}
