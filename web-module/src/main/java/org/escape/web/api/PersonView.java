package org.escape.web.api;

import org.escape.identity.Person;

/** A person next to what they wrote: {@code {id, username, displayName, country}}, never a clearance. */
public record PersonView(String id, String username, String displayName, String country) {

    public static PersonView of(Person person) {
        return new PersonView(person.id().toString(), person.username(), person.displayName(), person.country());
    }
}
