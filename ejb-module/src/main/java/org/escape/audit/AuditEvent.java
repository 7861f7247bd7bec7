package org.escape.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What is to be recorded, before it gets its place in the chain.
 *
 * @param actor      who acted
 * @param action     a dotted name, e.g. {@code identity.user.provisioned}, {@code forum.post.created}
 * @param objectType the kind of object acted on, e.g. {@code user}, {@code post}; may be null
 * @param objectId   the object's public id; may be null
 * @param outcome    success or denial
 * @param details    a small map of facts (never content); sorted for a canonical form
 */
public record AuditEvent(AuditActor actor, String action, String objectType, String objectId, Outcome outcome,
                         Map<String, String> details) {

    /** Upper bound of a record's serialized details, so nobody smuggles content into the trail. */
    static final int MAX_DETAILS_LENGTH = 4000;

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    public static AuditEvent success(AuditActor actor, String action, String objectType, String objectId,
                                     Map<String, String> details) {
        return new AuditEvent(actor, action, objectType, objectId, Outcome.SUCCESS, details);
    }

    public static AuditEvent denied(AuditActor actor, String action, String objectType, String objectId,
                                    Map<String, String> details) {
        return new AuditEvent(actor, action, objectType, objectId, Outcome.DENIED, details);
    }
}
