package org.escape.web.knowledge;

import java.time.Instant;
import java.util.List;
import org.escape.knowledge.ArticleAction;
import org.escape.knowledge.ArticleListing;
import org.escape.knowledge.ArticleReference;
import org.escape.web.api.LabelView;
import org.escape.web.api.PersonView;

/** An article as the API shows it (docs/api-articles.md); lists carry no body and no html. */
public record ArticleView(String id, String title, String summary, String body, String html, List<String> tags,
                          List<ArticleReference> references, LabelView label, String marking, String status, int revision,
                          PersonView author, Instant createdAt, Instant updatedAt, Instant publishedAt,
                          PersonView publishedBy, Instant retiredAt, String retiredReason, ReviewComment reviewComment,
                          Source source, List<String> actions) {

    /** The last send-back's comment. */
    public record ReviewComment(String comment, PersonView by, Instant at) {
    }

    /** Where the article came from. */
    public record Source(String kind, String ref, String url) {
    }

    public static ArticleView of(ArticleListing listing) {
        var a = listing.article();
        boolean body = listing.withBody();
        return new ArticleView(a.id().toString(), a.title(), a.summary(), body ? a.body() : null, body ? a.html() : null,
                a.tags(), a.references(), LabelView.of(a.label()), a.label().marking(), a.status().name(), a.revision(),
                PersonView.of(listing.author()), a.createdAt(), a.updatedAt(), a.publishedAt().orElse(null),
                listing.publishedBy() == null ? null : PersonView.of(listing.publishedBy()), a.retiredAt().orElse(null),
                a.retiredReason().orElse(null),
                a.reviewComment().map(c -> new ReviewComment(c,
                        listing.reviewBy() == null ? null : PersonView.of(listing.reviewBy()), a.reviewAt().orElse(null)))
                        .orElse(null),
                a.sourceKind().map(k -> new Source(k.name(), a.sourceRef().orElse(null), a.sourceUrl().orElse(null)))
                        .orElse(null),
                listing.actions().stream().map(ArticleAction::apiName).toList());
    }
}
