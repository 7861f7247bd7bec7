package org.escape.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Appends to the audit chain and reads it back for auditors.
 *
 * <p>{@link #record} joins the caller's transaction (it refuses to run without one), so the record
 * commits exactly when the change does. {@link #recordDenial} writes in a transaction of its own,
 * because a denied request has no transaction worth joining — it is about to roll back.
 */
@Stateless
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
    /** Looked up once: {@code Json.create…} searches for a provider on every call, which costs more than the append. */
    private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    @PersistenceContext(unitName = "escape")
    private EntityManager em;

    /** Records a change in the caller's transaction: no change without its record. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public AuditRecord record(AuditEvent event) {
        return append(event);
    }

    /** Records a refused request in a transaction of its own, so it survives the refusal's rollback. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AuditRecord recordDenial(AuditEvent event) {
        if (event.outcome() != Outcome.DENIED) {
            throw new IllegalArgumentException("only denials are recorded outside the change's transaction");
        }
        AuditRecord record = append(event);
        LOG.info(() -> String.format("Denied: %s by %s on %s %s (audit #%d)", event.action(),
                event.actor().username(), event.objectType(), event.objectId(), record.seq()));
        return record;
    }

    private AuditRecord append(AuditEvent event) {
        String details = detailsJson(event.details());
        if (details.length() > AuditEvent.MAX_DETAILS_LENGTH) {
            throw new IllegalArgumentException("audit details too large for " + event.action());
        }
        AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
        AuditRecord record = new AuditRecord(head.lastSeq() + 1, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                event, details, head.lastHash());
        em.persist(record);
        head.advanceTo(record);
        return record;
    }

    static String detailsJson(Map<String, String> details) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        details.forEach((key, value) -> {
            if (value == null) {
                json.addNull(key);
            } else {
                json.add(key, value);
            }
        });
        return json.build().toString();
    }

    /** A page of records matching the query, newest first, and how many match in all. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AuditPage search(AuditQuery query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Map.Entry<String, Object>> parameters = new ArrayList<>();
        if (query.actor() != null) {
            where.append(" and r.actorName = :actor");
            parameters.add(Map.entry("actor", query.actor()));
        }
        if (query.action() != null) {
            where.append(" and r.action like :action");
            parameters.add(Map.entry("action", query.action().replace("%", "") + "%"));
        }
        if (query.object() != null) {
            where.append(" and (r.objectId = :object or r.objectType = :object)");
            parameters.add(Map.entry("object", query.object()));
        }
        if (query.from() != null) {
            where.append(" and r.recordedAt >= :from");
            parameters.add(Map.entry("from", query.from()));
        }
        if (query.to() != null) {
            where.append(" and r.recordedAt < :to");
            parameters.add(Map.entry("to", query.to()));
        }
        TypedQuery<Long> count = em.createQuery("select count(r) from AuditRecord r" + where, Long.class);
        TypedQuery<AuditRecord> page = em.createQuery(
                "select r from AuditRecord r" + where + " order by r.seq desc", AuditRecord.class);
        for (Map.Entry<String, Object> parameter : parameters) {
            count.setParameter(parameter.getKey(), parameter.getValue());
            page.setParameter(parameter.getKey(), parameter.getValue());
        }
        page.setFirstResult(query.page() * query.size()).setMaxResults(query.size());
        return new AuditPage(page.getResultList(), count.getSingleResult(), query.page(), query.size());
    }
}
