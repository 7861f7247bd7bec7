/**
 * Who is calling: turns a verified MicroProfile JWT into the caller's local user record, and the
 * {@code /me} and client-configuration endpoints the single-page app starts with.
 */
package org.escape.web.identity;
