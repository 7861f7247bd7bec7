package org.escape.audit;

/**
 * The result of walking the whole chain.
 *
 * @param ok             true when every record's hash and link check out and nothing is missing
 * @param entries        how many records were checked
 * @param firstBrokenSeq the first sequence number at which the chain is broken, or null
 */
public record AuditVerification(boolean ok, long entries, Long firstBrokenSeq) {
}
