/**
 * The audit trail: an append-only, hash-chained record of every write, label change, membership
 * or role change, denied request and read of an item above UNCLASSIFIED.
 *
 * <p>Why it is shaped this way:
 * <ul>
 * <li><b>Same transaction.</b> {@link org.escape.audit.AuditTrail#record} requires the caller's
 * transaction, so a change and its record commit or roll back together: there is no change without
 * its record. Denials have no change to join and are written in a transaction of their own.</li>
 * <li><b>Tamper evidence.</b> Each record stores the SHA-256 of its canonical form plus the hash of
 * its predecessor. Editing, deleting or inserting a row anywhere breaks the chain at that point,
 * and {@link org.escape.audit.AuditVerifier} reports the first broken sequence number.</li>
 * <li><b>A linear chain under concurrency.</b> Appends serialize on one row ({@code audit_head},
 * locked pessimistically until the appending transaction ends). That lock is the price of a single
 * chain; its cost is measured under concurrent writers rather than guessed.</li>
 * <li><b>Never content.</b> Records carry ids and a small map of details (field names, labels,
 * counts) — never the text of posts or messages, so the trail itself leaks nothing.</li>
 * </ul>
 */
package org.escape.audit;
