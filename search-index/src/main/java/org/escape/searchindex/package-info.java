/**
 * The secure search index of ESCAPE, in plain Java over Apache Lucene: no Jakarta, no JPA, and
 * no dependency on the application core, so that it can be tested against a brute-force oracle
 * and benchmarked without a server. It speaks in its own small types: {@link
 * org.escape.searchindex.SearchDocument} in, {@link org.escape.searchindex.ReaderProfile} and
 * {@link org.escape.searchindex.SearchRequest} for a query, {@link
 * org.escape.searchindex.SearchResult} and {@link org.escape.searchindex.Suggestion} out.
 *
 * <h2>Security lives inside the query</h2>
 * The access module states the read rule once and hands this module its result as plain
 * strings: the security tokens of each item's effective label ({@code lvl:SECRET rel:GBR
 * rel:KEN}, {@code acc:…} for incident membership) and, per reader, a conjunction of "any-of"
 * token groups. This module never interprets the tokens; it indexes them untokenized and turns
 * the groups into one non-scoring {@code FILTER} clause of every query that finds, counts,
 * facets, highlights or suggests. Hits are never filtered afterwards: pages are full, totals
 * exact, facet counts honest, and an unreadable document contributes nothing — not a hit, a
 * count, a snippet or a suggestion ("invisible means absent"); the typo-tolerance hint (is a word
 * frequent enough to be taken as spelled?) is counted inside the filter too. One residue is
 * known and accepted, as in other document-level security systems: BM25's term statistics are
 * the whole index's, so the <em>order</em> of readable hits can shift slightly with unreadable
 * documents; the set of hits, their counts and their text cannot. User text cannot reach the security field: {@link
 * org.escape.searchindex.SafeQueryParser} builds queries over the searchable fields only and
 * never hands user input to Lucene's own parser.
 *
 * <h2>The filter is cached per segment and profile</h2>
 * Readers with the same clearance and country share a profile, and there are few profiles, so
 * the documents each profile may read are kept as one bitset per index segment, built from the
 * postings of a handful of tokens on first use and dropped when the segment is merged away. The
 * cost of security is then one bitset intersection per query instead of a disjunction over
 * postings lists. Deletions are applied by Lucene's live docs, and an edited label rewrites the
 * document into a new segment, so a cached bitset is never stale.
 *
 * <h2>Text and identifiers</h2>
 * Prose is stemmed English, but the identifiers responders search for — ATT&amp;CK ids, CVE ids,
 * hashes, IP addresses, domains, e-mail addresses — are kept whole, lower-cased and unstemmed in
 * the same token stream, so {@code T1059.001} finds exactly that sub-technique and typo tolerance
 * never turns one id into its neighbour.
 *
 * <h2>Near real time, rebuild without downtime</h2>
 * Changes are searchable within a second without a commit; callers that must read their own
 * write wait for the generation the write returned. A full rebuild writes a new index generation
 * beside the live one and atomically repoints to it.
 *
 * <p>Public types document their thread-safety; the index itself is safe for concurrent use.
 */
package org.escape.searchindex;
