/**
 * The security model of PRODUCT.md, in one place: classification levels, labels, markings and the
 * rules R1 (read), W1 (containment), W2 (no write-up blindness) and W3 (no write-down).
 *
 * <p>Everything here is pure Java with no container dependency, so the rules can be tested as
 * tables. Every other place that decides what a user may see — SQL predicates, the Lucene filter,
 * socket fan-out, notifications — derives from these types or is checked against them by a test.
 * A second, independent implementation of "may read" is the bug class that leaks data.
 *
 * <p>How it is shaped, and why:
 * <ul>
 *   <li>{@link org.escape.access.AccessRules} holds the rules as static pure functions over
 *       values ({@link org.escape.access.Reader}, {@link org.escape.access.Label}); nothing here
 *       loads, caches or remembers, so a changed clearance applies on the next call.
 *   <li>A label's releasability is "every country" or a non-empty list, as two types
 *       ({@link org.escape.access.Releasability}); "empty means all" is not representable, because
 *       that shortcut is how forgotten lists turn into leaks.
 *   <li>R1 exists in three forms — the Java rule, a database condition
 *       ({@link org.escape.access.StoredLabel}, {@link org.escape.access.LabelPredicate}) and
 *       search-index tokens ({@link org.escape.access.LabelTokens}) — because lists and search
 *       must filter inside the query to keep pages full and counts honest. The query forms are
 *       spelt term by term from the rule and the tests compare each with the rule on random data
 *       (the SQL form on a real database).
 *   <li>Input that does not make a valid label fails with
 *       {@link org.escape.access.InvalidLabelException}, whose message is written for the API user;
 *       the combined write checks answer a {@link org.escape.access.LabelDecision} naming the rule
 *       that refused, so a service can answer 404, 400 or 409 as that rule requires.
 * </ul>
 */
package org.escape.access;
