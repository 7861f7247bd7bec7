/**
 * The knowledge base: articles with a reviewed publication workflow (DRAFT → IN_REVIEW →
 * PUBLISHED → RETIRED, two-person rule), every save a revision with diffs, promotion of resolved
 * incidents to drafts, and the import of MITRE ATT&CK mitigations from STIX bundles
 * ({@code org.escape.knowledge.stix}). The contract is {@code docs/api-articles.md}; every read
 * and write goes through {@code org.escape.access.AccessRules}.
 */
package org.escape.knowledge;
