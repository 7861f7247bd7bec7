package org.escape.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.escape.access.LabelTokens;
import org.escape.access.Reader;
import org.escape.searchindex.ReaderProfile;

/**
 * The index's view of a reader: R1 as {@code LabelTokens.readerFilter} gives it (roles play no
 * part in R1) plus the access group of {@link AccessTokens}: open items, the reader's incidents,
 * their own unpublished articles and, for moderators, everyone's.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReaderProfiles {

    private ReaderProfiles() {
    }

    /** The profile of {@code reader}, who may use open items only (no incident memberships yet). */
    public static ReaderProfile of(Reader reader) {
        return of(reader, Set.of());
    }

    /**
     * The profile of {@code reader} who additionally holds the given access tokens (e.g. the
     * {@link AccessTokens#incidentMembers} tokens of their incidents).
     */
    public static ReaderProfile of(Reader reader, Set<String> memberships) {
        Objects.requireNonNull(reader, "reader");
        List<Set<String>> groups = new ArrayList<>(LabelTokens.readerFilter(reader).requiredAnyOf());
        Set<String> access = new LinkedHashSet<>();
        access.add(AccessTokens.OPEN);
        for (String token : Objects.requireNonNull(memberships, "memberships")) {
            if (!token.startsWith(AccessTokens.INCIDENT_PREFIX)) {
                throw new IllegalArgumentException("Not a membership token: " + token);
            }
            access.add(token);
        }
        if (reader.id() != null) {
            access.add(AccessTokens.user(reader.id()));
        }
        if (reader.hasRole(org.escape.access.Role.MODERATOR)) {
            access.add(AccessTokens.MODERATORS);
        }
        groups.add(access);
        return new ReaderProfile(groups);
    }
}
