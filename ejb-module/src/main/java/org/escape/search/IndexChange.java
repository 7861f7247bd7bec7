package org.escape.search;

import java.util.ArrayList;
import java.util.List;
import org.escape.searchindex.SearchDocument;

/**
 * What to write to the index for one change: documents to add or replace, ids to remove.
 *
 * @param upserts documents to add or replace
 * @param deletes ids of documents to remove (removing an absent id is harmless)
 */
public record IndexChange(List<SearchDocument> upserts, List<String> deletes) {

    /** Nothing to do. */
    public static final IndexChange NONE = new IndexChange(List.of(), List.of());

    /** Copies. */
    public IndexChange {
        upserts = List.copyOf(upserts);
        deletes = List.copyOf(deletes);
    }

    /** Only deletions. */
    public static IndexChange deleting(List<String> ids) {
        return new IndexChange(List.of(), ids);
    }

    /** This change followed by {@code other}. */
    public IndexChange and(IndexChange other) {
        List<SearchDocument> up = new ArrayList<>(upserts);
        up.addAll(other.upserts);
        List<String> del = new ArrayList<>(deletes);
        del.addAll(other.deletes);
        return new IndexChange(up, del);
    }
}
