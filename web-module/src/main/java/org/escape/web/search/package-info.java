/**
 * The search boundary: {@code /api/v1/search}, {@code /api/v1/search/suggest} and the
 * administrator's {@code /api/v1/admin/reindex}. Thin by design — parameters go to
 * {@code org.escape.search.SearchService} as sent, which validates them; results come back already
 * filtered by the reader's profile inside the query, so nothing here decides what anyone may see.
 * A hit's marking is its effective (whole-chain) label, the one R1 was decided on.
 */
package org.escape.web.search;
