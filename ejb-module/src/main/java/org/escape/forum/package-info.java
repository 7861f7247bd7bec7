/**
 * Forums: labelled forums hold labelled threads hold labelled posts; a reader must pass R1 on the
 * whole chain to see a post, and anything they may not read is absent — not listed, not counted,
 * not hinted at (a reply to an unreadable post shows no reply link, a thread's counts and last
 * activity cover only readable posts, so even the sort order reveals nothing).
 *
 * <p>{@link org.escape.forum.ForumService} is the one entry point: a stateless bean whose methods
 * each run in one transaction with the audit record of the change. Per-reader figures come from
 * native SQL with correlated subqueries because they depend on the reader's label filter; the
 * filter itself always comes from {@code access.LabelPredicate}, never written here by hand.
 *
 * <p>Posts store their sanitized HTML next to the Markdown (rendered on write, so reads stay
 * cheap) and every change becomes a {@link org.escape.forum.PostRevision}: deletion leaves a
 * tombstone in the thread and the content in the history, visible to the author, moderators and
 * auditors who may read the post. Labels only go up (W3); raising one is audited.
 */
package org.escape.forum;
