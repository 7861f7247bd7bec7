package org.escape.knowledge;

import java.util.Set;
import org.escape.identity.Person;

/**
 * An article as one caller sees it: the people it names and what the caller may do now.
 *
 * @param withBody whether the view carries the body (a single article) or not (a list)
 */
public record ArticleListing(Article article, Person author, Person publishedBy, Person reviewBy,
                             Set<ArticleAction> actions, boolean withBody) {
}
