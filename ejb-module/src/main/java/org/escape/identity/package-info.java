/**
 * Who the caller is, as ESCAPE knows them: the local user record that follows the identity
 * provider (Keycloak). A record is provisioned the first time a user calls the API with a valid
 * token; authorization decisions read this record, so that the platform — not a token that may
 * outlive a change — has the last word on a user's country, clearance, roles and enabled flag.
 *
 * <p>Keeping the record current from Keycloak's admin events and a periodic reconciliation is
 * added by the identity-sync work; until then a record is refreshed from a token only when that
 * token was issued after the record was last synchronised, so an old token never rolls a record
 * back.
 */
package org.escape.identity;
