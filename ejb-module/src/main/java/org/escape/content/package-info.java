/**
 * User-written content: how Markdown from forum posts (and later incidents and knowledge
 * articles) becomes HTML that another user's browser can show, and which users a text mentions.
 *
 * <p>How it is shaped, and why:
 * <ul>
 *   <li>Rendering happens on the server, once, with one configuration, so that the API, the
 *       notifications and the search snippets all show the same thing, and a reviewer has one
 *       place to read to know what HTML can reach a page.
 *   <li>Two independent layers, each sufficient on its own. CommonMark escapes raw HTML instead of
 *       rendering it, so the parser never produces markup the author typed; the OWASP sanitizer
 *       then admits only an allowlist of elements and attributes, so a bug or a future option in
 *       the Markdown layer (an extension, a renderer change) still cannot emit a script, a style
 *       or an event handler. The allowlist names what is allowed, never what is forbidden, because
 *       blocklists lose against the next browser quirk.
 *   <li>Escaped rather than stripped: a CERT expert quoting an exploit must see the exploit as
 *       text, not a silently shortened post.
 *   <li>Links only to absolute {@code http}, {@code https} and {@code mailto} URLs, marked
 *       {@code nofollow noopener noreferrer}, so a link can neither run code, nor reach back into
 *       the opener, nor tell the target where the reader came from. Images are turned into links:
 *       loading a remote image would report every reader's address and reading time to whoever
 *       hosts it, which is an unacceptable leak on a platform for incident responders.
 *   <li>Mentions are read from the parsed document, not from the raw source, so that
 *       {@code @name} inside code, URLs or e-mail addresses notifies nobody — the same tree that
 *       decides what is prose when rendering decides it for mentions.
 *   <li>Static functions over strings with no container dependency, so EJBs and any later
 *       feature call them directly and the XSS corpus runs as a plain unit test. The corpus
 *       ({@code src/test/resources/org/escape/content/xss-corpus.txt}) is shared with the browser
 *       tests, which check the same vectors in a real DOM.
 * </ul>
 */
package org.escape.content;
