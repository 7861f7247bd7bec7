/**
 * Search over everything a reader may read: the bridge between the application's source of truth
 * (the database, via the feature services' entities) and the Lucene index of {@code search-index}.
 *
 * <h2>Why it is shaped this way</h2>
 * The index is a derived view. Nothing is written to it inside a business transaction: feature
 * services fire events in their transaction ({@code ForumContentChanged}), and
 * {@link org.escape.search.ForumIndexing} observes them {@code AFTER_SUCCESS}, re-reads the current
 * state in a transaction of its own ({@link org.escape.search.ForumSource}) and upserts or deletes
 * documents. The event says only <em>where</em> something changed, never what the index should
 * contain, so a rolled-back change never reaches the index and a late event can only re-apply the
 * newest state.
 *
 * <h2>Security comes from {@code access}, once</h2>
 * A document's security tokens are {@code LabelTokens.forChain} of its whole label chain (forum,
 * thread, post) plus an access token ({@link org.escape.search.AccessTokens}); a reader's filter
 * is {@code LabelTokens.readerFilter} of the caller's local record plus the access group
 * ({@link org.escape.search.ReaderProfiles}). The index applies that filter inside every query:
 * hits, totals, facets, snippets and suggestions. Roles never widen it; hidden threads, hidden and
 * deleted posts are simply not in the index.
 *
 * <h2>Life cycle</h2>
 * {@link org.escape.search.SearchIndexService} owns the one open index: opens it at start-up
 * (rebuilding from the database when it is empty but forums hold posts), commits it on a timer,
 * and rebuilds it on an administrator's request into a new generation that replaces the live one
 * atomically, replaying every change that happened meanwhile.
 */
package org.escape.search;
