/**
 * Notifications: mentions and replies, stored per recipient and shown only while the recipient
 * may read what they point at.
 *
 * <p>They are made inside the transaction that writes the post (observing the forum's
 * {@code PostWritten} event synchronously), so a post and its notifications commit together and a
 * refused post notifies nobody. Readability is not stored: every listing and count joins the
 * post's label chain and applies R1 for the recipient's current record, so changes of labels or
 * of the recipient's clearance take effect at the next read without touching stored rows. Live
 * delivery over the socket will observe the same event after commit.
 */
package org.escape.notification;
