/**
 * The import of MITRE ATT&CK mitigations from STIX 2.0/2.1 bundles: reading a bundle, checking it,
 * and turning each mitigation into the article the knowledge base stores.
 *
 * <p>How it is shaped, and why:
 * <ul>
 *   <li>Pure Java over JSON-P, with no container dependency: the knowledge-base service calls
 *       {@link org.escape.knowledge.stix.StixBundle#parse} inside its import transaction, and every
 *       rule here runs as a plain unit test against hand-written bundles and MITRE's real one.
 *   <li>All or nothing. The whole bundle is read and checked before a single mitigation is
 *       returned, so the import either sees a complete, valid set or a
 *       {@link org.escape.knowledge.stix.StixBundleException} naming the first problem by its
 *       place in the bundle ({@code objects[12].name}) — the 400 the administrator sees. Nothing
 *       is half imported.
 *   <li>Streamed, not loaded: the bundle is read once with a pull parser and only the objects an
 *       import uses (mitigations, techniques, {@code mitigates} relationships, tactics) are kept,
 *       so a full ATT&CK release costs the memory of its mitigations, not of its 20,000 objects.
 *   <li>Strict about what it uses, lenient about the rest. A mitigation without a name, an object
 *       without a well-formed id or a field of the wrong JSON type is an error; what STIX allows
 *       and an article cannot use — revoked or deprecated objects, a relationship to a technique
 *       the bundle does not hold, a reference with a {@code javascript:} or {@code ftp:} URL — is
 *       left out silently, as MITRE's own tools do.
 *   <li>Deterministic: the same bundle always gives equal
 *       {@link org.escape.knowledge.stix.ImportedArticle}s, to the byte, because the service
 *       decides "unchanged, skip" versus "changed, new revision" by their equality. Nothing here
 *       reads a clock, a locale or a hash order.
 *   <li>Text is cleaned, not rendered: ATT&CK's {@code (Citation: …)} markers are removed and the
 *       Markdown is kept; HTML sanitizing is the job of {@code org.escape.content}, once, for every
 *       article alike.
 * </ul>
 */
package org.escape.knowledge.stix;
