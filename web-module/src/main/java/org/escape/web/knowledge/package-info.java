/** The REST resources of the knowledge base (docs/api-articles.md); the rules live in {@code org.escape.knowledge}. */
package org.escape.web.knowledge;
