package org.escape.web.knowledge;

import java.time.Instant;
import java.util.List;
import org.escape.knowledge.ArticleContent;
import org.escape.knowledge.ArticleReference;
import org.escape.knowledge.RevisionListing;
import org.escape.web.api.LabelView;
import org.escape.web.api.PersonView;

/** A revision as the API shows it; the list leaves the content out (null). */
public record RevisionView(int number, String kind, PersonView editor, Instant at, String comment, String title,
                           LabelView label, String marking, String summary, String body, String html, List<String> tags,
                           List<ArticleReference> references) {

    static RevisionView of(RevisionListing listing, boolean withContent, String html) {
        var r = listing.revision();
        ArticleContent c = withContent ? r.content() : null;
        return new RevisionView(r.number(), r.kind().name(), PersonView.of(listing.editor()), r.recordedAt(),
                r.note().orElse(null), r.title(), LabelView.of(r.label()), r.label().marking(),
                c == null ? null : c.summary(), c == null ? null : c.body(), html, c == null ? null : c.tags(),
                c == null ? null : c.references());
    }
}
