package org.escape.forum;

import org.escape.identity.Person;

/** One revision of a post with the person who made it. */
public record RevisionListing(PostRevision revision, Person editor) {
}
