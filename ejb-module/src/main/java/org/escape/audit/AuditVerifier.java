package org.escape.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;

/**
 * Walks the chain from the first record and reports the first place it is broken: a record whose
 * stored hash does not match its fields, whose predecessor hash does not match the previous
 * record's hash, a missing sequence number, or a head that points past the last record. Records are
 * read in batches so the walk needs little memory however long the trail.
 */
@Stateless
public class AuditVerifier {

    private static final Logger LOG = Logger.getLogger(AuditVerifier.class.getName());
    private static final int BATCH = 1_000;

    @PersistenceContext(unitName = "escape")
    private EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AuditVerification verify() {
        long started = System.nanoTime();
        AuditHead head = em.find(AuditHead.class, AuditHead.ID);
        em.refresh(head);
        long expectedSeq = 1;
        String expectedPrev = AuditChain.GENESIS;
        long checked = 0;
        Long broken = null;
        while (broken == null) {
            List<AuditRecord> batch = em.createQuery(
                            "select r from AuditRecord r where r.seq >= :from order by r.seq", AuditRecord.class)
                    .setParameter("from", expectedSeq)
                    .setMaxResults(BATCH)
                    .getResultList();
            for (AuditRecord record : batch) {
                checked++;
                if (record.seq() != expectedSeq || !record.prevHash().equals(expectedPrev)) {
                    broken = expectedSeq;
                    break;
                }
                if (!AuditChain.hash(record).equals(record.hash())) {
                    broken = record.seq();
                    break;
                }
                expectedPrev = record.hash();
                expectedSeq++;
            }
            em.clear();
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (broken == null && (head.lastSeq() != expectedSeq - 1 || !head.lastHash().equals(expectedPrev))) {
            broken = expectedSeq;
        }
        AuditVerification result = new AuditVerification(broken == null, checked, broken);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result.ok()) {
            LOG.info(() -> String.format("Audit chain verified: %d entries intact (%d ms)", result.entries(), millis));
        } else {
            LOG.warning(() -> String.format("Audit chain BROKEN at seq %d (%d entries read, %d ms)",
                    result.firstBrokenSeq(), result.entries(), millis));
        }
        return result;
    }
}
