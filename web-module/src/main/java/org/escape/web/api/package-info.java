/**
 * The JAX-RS side of the public API v1: the application (authentication by MicroProfile JWT),
 * the filter that insists on a verified bearer token, and the single mapping of every failure to
 * {@code application/problem+json} — so a client always gets a useful message and never a stack
 * trace, SQL or class name.
 */
package org.escape.web.api;
