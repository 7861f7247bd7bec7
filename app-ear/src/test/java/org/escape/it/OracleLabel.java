package org.escape.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A label as the integration tests write and read it, with the security model's rules re-stated
 * from PRODUCT.md — deliberately <em>not</em> the production {@code org.escape.access} classes, so
 * that the server is checked against an independent reading of the model (a shared bug cannot
 * hide itself).
 *
 * <ul>
 *   <li>R1: a reader may read a label when clearance ≥ classification and (the label is releasable
 *       to ALL, or the reader has a country and it is in the list); an item is readable when every
 *       label of its chain (forum → thread → post) is.</li>
 *   <li>Dominance: A dominates B when A.classification ≥ B.classification and A.releasableTo ⊆
 *       B.releasableTo, ALL being every country.</li>
 *   <li>Marking: {@code LEVEL} for ALL, else {@code LEVEL//REL TO A, B} with sorted countries.</li>
 * </ul>
 */
record OracleLabel(String classification, SortedSet<String> releasableTo) {

    static final List<String> LEVELS = List.of("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP_SECRET");
    static final String ALL = "ALL";

    OracleLabel {
        if (!LEVELS.contains(classification)) {
            throw new IllegalArgumentException(classification);
        }
        releasableTo = new TreeSet<>(releasableTo);
        if (releasableTo.isEmpty() || (releasableTo.contains(ALL) && releasableTo.size() > 1)) {
            throw new IllegalArgumentException(releasableTo.toString());
        }
    }

    static OracleLabel of(String classification, String... releasableTo) {
        return new OracleLabel(classification,
                new TreeSet<>(releasableTo.length == 0 ? List.of(ALL) : List.of(releasableTo)));
    }

    static int rank(String level) {
        int rank = LEVELS.indexOf(level);
        if (rank < 0) {
            throw new IllegalArgumentException(level);
        }
        return rank;
    }

    boolean toAll() {
        return releasableTo.contains(ALL);
    }

    /** R1 for one label. */
    boolean readableBy(String country, String clearance) {
        return rank(clearance) >= rank(classification) && (toAll() || (country != null && releasableTo.contains(country)));
    }

    /** R1 for a chain of labels (container first). */
    static boolean chainReadableBy(Collection<OracleLabel> chain, String country, String clearance) {
        return chain.stream().allMatch(label -> label.readableBy(country, clearance));
    }

    boolean dominates(OracleLabel other) {
        if (rank(classification) < rank(other.classification)) {
            return false;
        }
        if (other.toAll()) {
            return true;
        }
        return !toAll() && other.releasableTo.containsAll(releasableTo);
    }

    String marking() {
        return toAll() ? classification : classification + "//REL TO " + String.join(", ", releasableTo);
    }

    JsonObject json() {
        JsonArrayBuilder countries = Json.createArrayBuilder();
        releasableTo.forEach(countries::add);
        return Json.createObjectBuilder().add("classification", classification).add("releasableTo", countries).build();
    }

    static OracleLabel parse(JsonObject label) {
        TreeSet<String> countries = new TreeSet<>();
        label.getJsonArray("releasableTo").getValuesAs(JsonString.class).forEach(c -> countries.add(c.getString()));
        return new OracleLabel(label.getString("classification"), countries);
    }

    @Override
    public String toString() {
        return marking();
    }
}
