package org.escape.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.escape.access.IncidentAccess;
import org.escape.access.Label;
import org.escape.access.LabelTokens;
import org.escape.searchindex.ItemType;
import org.escape.searchindex.SearchDocument;

/**
 * Incidents and their chat messages as search documents.
 *
 * <ul>
 *   <li>An <b>incident</b> document holds the title and summary under the incident's label; its
 *       severity is its tag and its status the document status (the "incident status" filter).</li>
 *   <li>A <b>message</b> document holds the message's Markdown source, with the incident's title
 *       (guarded by the incident's label, which the message's chain dominates), under the chain
 *       incident → message.</li>
 *   <li>Access beyond the label: a {@code CLEARED} incident's documents carry
 *       {@link AccessTokens#OPEN}; a {@code MEMBERS} incident's carry only its members' token
 *       {@link AccessTokens#incidentMembers}, which a reader's profile holds while they are a
 *       member — so a non-member with the right clearance finds nothing.</li>
 * </ul>
 * A label raise, status change or access change re-writes every document of the incident.
 *
 * <p>Stateless and thread-safe.
 */
public final class IncidentDocuments {

    private IncidentDocuments() {
    }

    public static IndexChange of(IncidentSnapshot snapshot) {
        List<SearchDocument> upserts = new ArrayList<>();
        upserts.add(incident(snapshot));
        for (IncidentSnapshot.MessageSnapshot message : snapshot.messages()) {
            upserts.add(message(snapshot, message));
        }
        return new IndexChange(upserts, List.of());
    }

    public static SearchDocument incident(IncidentSnapshot snapshot) {
        return new SearchDocument(ItemType.INCIDENT, snapshot.id().toString(), snapshot.title(), snapshot.summary(),
                tags(snapshot), tokens(snapshot, List.of(snapshot.label())), List.of(), status(snapshot),
                snapshot.createdAt(), snapshot.updatedAt(), url(snapshot));
    }

    public static SearchDocument message(IncidentSnapshot snapshot, IncidentSnapshot.MessageSnapshot message) {
        return new SearchDocument(ItemType.MESSAGE, message.id().toString(), snapshot.title(), message.body(),
                tags(snapshot), tokens(snapshot, List.of(snapshot.label(), message.label())),
                List.of(snapshot.id().toString()), status(snapshot), message.createdAt(), message.createdAt(),
                url(snapshot) + "#seq-" + message.seq());
    }

    /** The label tokens of the chain plus the incident's access token. */
    static Set<String> tokens(IncidentSnapshot snapshot, List<Label> chain) {
        Set<String> tokens = new LinkedHashSet<>(LabelTokens.forChain(chain));
        tokens.add(snapshot.access() == IncidentAccess.CLEARED ? AccessTokens.OPEN
                : AccessTokens.incidentMembers(snapshot.id()));
        return tokens;
    }

    private static List<String> tags(IncidentSnapshot snapshot) {
        return snapshot.severity() == null ? List.of() : List.of(snapshot.severity().toLowerCase(Locale.ROOT));
    }

    private static String status(IncidentSnapshot snapshot) {
        return snapshot.status().toLowerCase(Locale.ROOT);
    }

    private static String url(IncidentSnapshot snapshot) {
        return "/incidents/" + snapshot.id();
    }
}
