package org.escape.access;

/**
 * The rules of the security model, named so that a refusal can say which one refused. Each
 * constant documents how a service should answer a refusal by it.
 *
 * <p>Immutable and thread-safe.
 */
public enum SecurityRule {
    /**
     * R1 read: the user does not pass the label of something the request touches. Answer exactly
     * as for an item that does not exist (404 with the shared not-found body), never with the
     * refusal's message: "invisible means absent".
     */
    R1_READ,
    /** W1 containment: a new item's label does not dominate its container's. Answer 400. */
    W1_CONTAINMENT,
    /** W2 no write-up blindness: the user assigns a label they could not read. Answer 400. */
    W2_NO_WRITE_UP_BLINDNESS,
    /**
     * W3 no write-down: a relabel would loosen a label, or content would move to a label that does
     * not dominate its source. Answer 409 (the request is well formed, the state forbids it).
     */
    W3_NO_WRITE_DOWN
}
