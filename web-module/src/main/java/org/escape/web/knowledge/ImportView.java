package org.escape.web.knowledge;

import java.util.List;
import org.escape.knowledge.ImportResult;

/** What an import did (docs/api-articles.md). */
public record ImportView(int created, int updated, int skipped, List<Item> articles) {

    /** One imported object. */
    public record Item(String stixId, String id, String title, String result) {
    }

    static ImportView of(ImportResult result) {
        return new ImportView(result.created(), result.updated(), result.skipped(), result.articles().stream()
                .map(i -> new Item(i.stixId(), i.id().toString(), i.title(), i.result().name())).toList());
    }
}
