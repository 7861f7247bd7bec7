package org.escape.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.escape.access.Label;
import org.escape.access.LabelDecision;
import org.escape.access.Level;
import org.escape.access.Reader;
import org.escape.access.SecurityRule;
import org.escape.platform.ConflictException;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.ItemNotFoundException;
import org.escape.platform.RateLimitedException;
import org.escape.platform.WriteRateLimiter;

/**
 * How every feature answers, and records, a security decision — one place, so forums, incidents
 * and the knowledge base refuse alike:
 * <ul>
 *   <li>a refused label decision: R1 → as missing (nothing recorded with the label: the caller must
 *       learn nothing), W1/W2 → 400 naming {@code label.classification} or {@code label.releasableTo},
 *       W3 → 409; W1–W3 refusals recorded;</li>
 *   <li>a rate-limited write: the first refusal of a user in each window recorded, with how many
 *       went unrecorded;</li>
 *   <li>a read that returned anything above UNCLASSIFIED: recorded with the highest level.</li>
 * </ul>
 * Thread-safe (stateless).
 */
@ApplicationScoped
public class Accountability {

    @Inject
    private AuditTrail audit;

    /**
     * Throws the answer a refused decision calls for; does nothing for an allowed one.
     *
     * @param floor the container's label (for W1's field), or null
     */
    public void enforce(AuditActor actor, Reader reader, LabelDecision decision, String action, String objectType,
                        String objectId, Label proposed, Label floor) {
        if (!(decision instanceof LabelDecision.Refused refused)) {
            return;
        }
        if (refused.rule() == SecurityRule.R1_READ) {
            throw new ItemNotFoundException();
        }
        audit.recordDenial(AuditEvent.denied(actor, action, objectType, objectId,
                Map.of("rule", refused.rule().name(), "label", proposed.marking())));
        if (refused.rule() == SecurityRule.W3_NO_WRITE_DOWN) {
            throw new ConflictException(refused.message());
        }
        boolean classification = refused.rule() == SecurityRule.W2_NO_WRITE_UP_BLINDNESS
                ? proposed.classification().rank() > reader.clearance().rank()
                : floor != null && proposed.classification().rank() < floor.classification().rank();
        String field = "label." + (classification ? "classification" : "releasableTo");
        throw new InvalidRequestException(refused.message(),
                List.of(new InvalidRequestException.FieldError(field, refused.message())));
    }

    /** Takes a write from {@code limiter} for the actor's user; the first refusal in a window is recorded as {@code action}. */
    public void throttle(WriteRateLimiter limiter, AuditActor actor, java.util.UUID userId, String action) {
        try {
            limiter.acquire(userId);
        } catch (RateLimitedException limited) {
            if (limited.firstInWindow()) {
                audit.recordDenial(AuditEvent.denied(actor, action, null, null,
                        Map.of("unrecordedBefore", Long.toString(limited.refusedSinceLastRecord()))));
            }
            throw limited;
        }
    }

    /** Records a read when anything it returned is labelled above UNCLASSIFIED. */
    public void recordRead(AuditActor actor, String action, String objectType, String objectId, Collection<Label> labels) {
        Optional<Level> highest = labels.stream().map(Label::classification).max(Comparator.comparingInt(Level::rank));
        if (highest.isPresent() && highest.get().rank() > Level.UNCLASSIFIED.rank()) {
            audit.record(AuditEvent.success(actor, action, objectType, objectId, Map.of("highest", highest.get().name())));
        }
    }
}
