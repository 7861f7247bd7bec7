package org.escape.searchindex;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Test-data builder of {@link SearchDocument}s with sensible defaults. */
final class Docs {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private ItemType type = ItemType.FORUM_POST;
    private final String id;
    private String title = "";
    private String body = "";
    private List<String> tags = List.of();
    private Set<String> tokens = Set.of("lvl:UNCLASSIFIED", "rel:ALL");
    private String status;
    private Instant updated = T0;

    private Docs(String id) {
        this.id = id;
    }

    static Docs doc(String id) {
        return new Docs(id);
    }

    Docs type(ItemType value) {
        type = value;
        return this;
    }

    Docs title(String value) {
        title = value;
        return this;
    }

    Docs body(String value) {
        body = value;
        return this;
    }

    Docs tags(String... values) {
        tags = List.of(values);
        return this;
    }

    Docs tokens(String... values) {
        tokens = Set.of(values);
        return this;
    }

    Docs status(String value) {
        status = value;
        return this;
    }

    Docs updated(Instant value) {
        updated = value;
        return this;
    }

    SearchDocument build() {
        return new SearchDocument(type, id, title, body, tags, tokens, List.of(), status, T0.minusSeconds(86_400 * 800L), updated,
                "/items/" + id);
    }

    /** A reader of {@code level} and below (of the five ESCAPE levels) from {@code country}, no incidents. */
    static ReaderProfile reader(String level, String country) {
        List<String> levels = List.of("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP_SECRET");
        Set<String> allowed = new java.util.TreeSet<>();
        for (String l : levels.subList(0, levels.indexOf(level) + 1)) {
            allowed.add("lvl:" + l);
        }
        Set<String> rel = country == null ? Set.of("rel:ALL") : Set.of("rel:ALL", "rel:" + country);
        return ReaderProfile.of(allowed, rel);
    }
}
