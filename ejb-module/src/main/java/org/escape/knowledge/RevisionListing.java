package org.escape.knowledge;

import org.escape.identity.Person;

/** A revision with its editor, for the history list and a single revision's view. */
public record RevisionListing(ArticleRevision revision, Person editor) {
}
