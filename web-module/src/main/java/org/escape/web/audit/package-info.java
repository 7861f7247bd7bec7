/** {@code /api/v1/audit}: the audit trail for auditors — filtered pages and chain verification. */
package org.escape.web.audit;
