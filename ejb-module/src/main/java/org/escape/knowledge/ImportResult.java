package org.escape.knowledge;

import java.util.List;
import java.util.UUID;

/** What an import did, per STIX object and in total. */
public record ImportResult(int created, int updated, int skipped, List<Item> articles) {

    /** What happened to one object. */
    public enum Outcome { CREATED, UPDATED, SKIPPED }

    /** One imported object. */
    public record Item(String stixId, UUID id, String title, Outcome result) {
    }

    public ImportResult {
        articles = List.copyOf(articles);
    }
}
