package org.escape.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.escape.access.LabelTokens;
import org.escape.searchindex.ItemType;
import org.escape.searchindex.SearchDocument;

/**
 * Knowledge-base articles as search documents: title, summary and Markdown body under the article's
 * label; its tags; its workflow status as the document status. Published and retired articles
 * carry {@link AccessTokens#OPEN}; drafts and articles in review only their author's token and
 * {@link AccessTokens#MODERATORS} — the index form of {@code AccessRules.mayReadArticle}. A label
 * raise or a status change re-writes the document.
 *
 * <p>Stateless and thread-safe.
 */
public final class ArticleDocuments {

    private ArticleDocuments() {
    }

    public static SearchDocument of(ArticleSnapshot article) {
        String body = article.summary().isBlank() ? article.body() : article.summary() + "\n\n" + article.body();
        return new SearchDocument(ItemType.ARTICLE, article.id().toString(), article.title(), body, article.tags(),
                tokens(article), List.of(), article.status().toLowerCase(Locale.ROOT), article.createdAt(),
                article.updatedAt(), "/kb/" + article.id());
    }

    static Set<String> tokens(ArticleSnapshot article) {
        Set<String> tokens = new LinkedHashSet<>(LabelTokens.forChain(List.of(article.label())));
        if (article.published()) {
            tokens.add(AccessTokens.OPEN);
        } else {
            tokens.add(AccessTokens.user(article.authorId()));
            tokens.add(AccessTokens.MODERATORS);
        }
        return tokens;
    }
}
