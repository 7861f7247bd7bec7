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

    /**
     * Walks the whole chain. Appends may continue meanwhile: the walk runs to the last visible record,
     * then compares with the head; when the head has moved on, the walk continues from where it stopped
     * (a few rounds at most), so a concurrent append is never mistaken for a broken chain, while a
     * missing, altered or inserted record is still reported at its sequence number.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AuditVerification verify() {
        long started = System.nanoTime();
        Walk walk = new Walk();
        for (int round = 0; round < CATCH_UP_ROUNDS && walk.broken == null; round++) {
            walkFrom(walk);
            if (walk.broken != null) {
                break;
            }
            Head head = head();
            long lastWalked = walk.expectedSeq - 1;
            if (head.lastSeq() == lastWalked) {
                if (!head.lastHash().equals(walk.expectedPrev)) {
                    walk.broken = lastWalked;
                }
                break;
            }
            if (round == CATCH_UP_ROUNDS - 1) {
                // Still out of step after the catch-up rounds: a record beyond the head cannot come from
                // the application (both change together), and a head past the last record means records
                // were removed.
                walk.broken = head.lastSeq() < lastWalked ? head.lastSeq() + 1 : walk.expectedSeq;
            } else {
                pause();
            }
        }
        AuditVerification result = new AuditVerification(walk.broken == null, walk.checked, walk.broken);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result.ok()) {
            LOG.info(() -> String.format("Audit chain verified: %d entries intact (%d ms)", result.entries(), millis));
        } else {
            LOG.warning(() -> String.format("Audit chain BROKEN at seq %d (%d entries read, %d ms)",
                    result.firstBrokenSeq(), result.entries(), millis));
        }
        return result;
    }

    private static final int CATCH_UP_ROUNDS = 5;

    /** Where a walk stands: the next sequence number and predecessor hash it expects. */
    private static final class Walk {
        long expectedSeq = 1;
        String expectedPrev = AuditChain.GENESIS;
        long checked;
        Long broken;
    }

    private record Head(long lastSeq, String lastHash) {
    }

    private void walkFrom(Walk walk) {
        while (true) {
            List<AuditRecord> batch = em.createQuery(
                            "select r from AuditRecord r where r.seq >= :from order by r.seq", AuditRecord.class)
                    .setParameter("from", walk.expectedSeq)
                    .setMaxResults(BATCH)
                    .getResultList();
            for (AuditRecord record : batch) {
                walk.checked++;
                if (record.seq() != walk.expectedSeq || !record.prevHash().equals(walk.expectedPrev)) {
                    walk.broken = walk.expectedSeq;
                    em.clear();
                    return;
                }
                if (!AuditChain.hash(record).equals(record.hash())) {
                    walk.broken = record.seq();
                    em.clear();
                    return;
                }
                walk.expectedPrev = record.hash();
                walk.expectedSeq++;
            }
            em.clear();
            if (batch.size() < BATCH) {
                return;
            }
        }
    }

    private Head head() {
        AuditHead head = em.find(AuditHead.class, AuditHead.ID);
        em.refresh(head);
        Head snapshot = new Head(head.lastSeq(), head.lastHash());
        em.clear();
        return snapshot;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
