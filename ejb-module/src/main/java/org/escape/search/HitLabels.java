package org.escape.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.escape.access.Label;
import org.escape.access.LabelTokens;
import org.escape.access.Level;

/**
 * Reads the effective label back from a hit's security tokens, so that every hit shows the
 * marking of its whole chain (the label R1 was decided on), not merely the item's own.
 *
 * <p>Stateless and thread-safe.
 */
public final class HitLabels {

    private HitLabels() {
    }

    /**
     * The label the tokens encode; empty when they do not encode one a reader could hold (no level,
     * {@link LabelTokens#NOBODY}, no releasability) — such a document matches no reader filter, so
     * an empty answer for a hit is a bug the caller must not paper over.
     */
    public static Optional<Label> labelOf(Set<String> tokens) {
        Level level = null;
        List<String> countries = new ArrayList<>();
        for (String token : tokens) {
            if (token.startsWith(LabelTokens.LEVEL_PREFIX)) {
                level = Level.parse(token.substring(LabelTokens.LEVEL_PREFIX.length())).orElse(null);
            } else if (token.equals(LabelTokens.NOBODY)) {
                return Optional.empty();
            } else if (token.startsWith(LabelTokens.RELEASABILITY_PREFIX)) {
                countries.add(token.substring(LabelTokens.RELEASABILITY_PREFIX.length()));
            }
        }
        if (level == null || countries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Label.of(level, countries));
    }
}
