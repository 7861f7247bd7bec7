/**
 * MicroProfile Health checks: {@code /health/live} says the application runs, {@code /health/ready}
 * says it can serve requests (the database answers and its schema is migrated). Start-up scripts
 * wait on readiness, not on the server process.
 */
package org.escape.web.health;
