/**
 * The integration and browser tiers: the real EAR deployed by Arquillian on a real Payara Server,
 * with a real Keycloak started from the project's realm file, driven over HTTP with real tokens and
 * through Debian's headless Chromium. The servers are started and stopped by the build through
 * {@code ./escape} on their own ports (see app-ear/pom.xml).
 */
package org.escape.it;
