package org.escape.search;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.escape.incident.ChatMessage;
import org.escape.incident.Incident;
import org.escape.incident.TimelineKind;

/**
 * Reads the current state of incidents for the index, each call in a transaction of its own (see
 * {@link ForumSource} for why). Read-only.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class IncidentSource {

    @PersistenceContext(unitName = "escape")
    private EntityManager em;

    /** The incident with all its chat messages, or with only {@code onlyMessage} when not null. */
    public Optional<IncidentSnapshot> incident(UUID incidentId, UUID onlyMessage) {
        Incident incident = em.find(Incident.class, incidentId);
        if (incident == null) {
            return Optional.empty();
        }
        List<ChatMessage> messages;
        if (onlyMessage == null) {
            messages = em.createQuery("SELECT m FROM ChatMessage m WHERE m.incidentId = :id AND m.kind = :kind"
                            + " ORDER BY m.seq", ChatMessage.class)
                    .setParameter("id", incidentId).setParameter("kind", TimelineKind.MESSAGE).getResultList();
        } else {
            ChatMessage message = em.find(ChatMessage.class, onlyMessage);
            messages = message == null || message.kind() != TimelineKind.MESSAGE
                    || !message.incidentId().equals(incidentId) ? List.of() : List.of(message);
        }
        return Optional.of(new IncidentSnapshot(incident.id(), incident.title(), incident.summary(),
                incident.severity().name(), incident.status().name(), incident.access(), incident.label(),
                incident.createdAt(), incident.updatedAt(), messages.stream()
                .map(m -> new IncidentSnapshot.MessageSnapshot(m.id(), m.seq(), m.body(), m.label(), m.createdAt()))
                .toList()));
    }

    /** One batch of all incident ids, in a stable order, for a rebuild. */
    public List<UUID> incidentIds(int offset, int limit) {
        return em.createQuery("SELECT i.id FROM Incident i ORDER BY i.createdAt, i.id", UUID.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** Incidents and chat messages: what a rebuild writes at most. */
    public long documentEstimate() {
        return em.createQuery("SELECT COUNT(i) FROM Incident i", Long.class).getSingleResult()
                + em.createQuery("SELECT COUNT(m) FROM ChatMessage m WHERE m.kind = :kind", Long.class)
                .setParameter("kind", TimelineKind.MESSAGE).getSingleResult();
    }

    /** Whether any incident exists. */
    public boolean hasIncidents() {
        return !em.createQuery("SELECT i.id FROM Incident i", UUID.class).setMaxResults(1).getResultList().isEmpty();
    }

    /** Ids of the incidents a user is a member of: their {@code acc:INC-…} tokens. */
    public List<UUID> membershipsOf(UUID userId) {
        return em.createQuery("SELECT m.incidentId FROM Membership m WHERE m.userId = :user", UUID.class)
                .setParameter("user", userId).getResultList();
    }
}
