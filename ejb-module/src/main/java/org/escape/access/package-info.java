/**
 * The security model of PRODUCT.md, in one place: classification levels, labels, markings and the
 * rules R1 (read), W1 (containment), W2 (no write-up blindness) and W3 (no write-down).
 *
 * <p>Everything here is pure Java with no container dependency, so the rules can be tested as
 * tables. Every other place that decides what a user may see — SQL predicates, the Lucene filter,
 * socket fan-out, notifications — derives from these types or is checked against them by a test.
 * A second, independent implementation of "may read" is the bug class that leaks data.
 */
package org.escape.access;
