/**
 * The secure search index of ESCAPE, in plain Java over Apache Lucene: no Jakarta, no JPA, so it
 * can be tested against a brute-force oracle and benchmarked without a server.
 *
 * <p>It will own the document schema, the analyzers, the safe query front, the per-reader-profile
 * security filter (a cached bitset per segment inside the query, never a filter applied to hits
 * afterwards), facets, highlighting and suggestions. The search feature fills it; until then the
 * module only fixes its place in the build and the EAR.
 */
package org.escape.searchindex;
