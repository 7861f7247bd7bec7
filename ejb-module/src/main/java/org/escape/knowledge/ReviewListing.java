package org.escape.knowledge;

import org.escape.identity.Person;

/** A workflow step with its actor. */
public record ReviewListing(ArticleReview review, Person actor) {
}
