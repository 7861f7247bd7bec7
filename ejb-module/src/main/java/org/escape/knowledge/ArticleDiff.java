package org.escape.knowledge;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The difference between two revisions of an article (docs/api-articles.md, "Diff"): the fields
 * that changed, and the Markdown body as side-by-side line rows computed by java-diff-utils, with
 * long unchanged runs folded to {@value #CONTEXT} lines of context.
 */
public record ArticleDiff(int from, int to, List<FieldChange> fields, List<Row> lines, int added, int removed) {

    /** Lines of context kept around a change when an unchanged run is folded. */
    static final int CONTEXT = 3;

    /** A field whose value differs. */
    public record FieldChange(String field, String from, String to) {
    }

    /** One side-by-side row. */
    public enum Kind { EQUAL, CHANGE, DELETE, INSERT, SKIP }

    /**
     * A row: numbers are 1-based line numbers of each side (null where the side is empty); a SKIP
     * row stands for {@code count} unchanged lines starting at those numbers.
     */
    public record Row(Kind kind, Integer oldNumber, Integer newNumber, String oldText, String newText, Integer count) {
    }

    public ArticleDiff {
        fields = List.copyOf(fields);
        lines = List.copyOf(lines);
    }

    /** The diff from revision {@code from} (content {@code a}) to revision {@code to} (content {@code b}). */
    public static ArticleDiff between(int from, ArticleContent a, int to, ArticleContent b) {
        List<FieldChange> fields = new ArrayList<>();
        field(fields, "title", a.title(), b.title());
        field(fields, "summary", a.summary(), b.summary());
        field(fields, "tags", String.join(", ", a.tags()), String.join(", ", b.tags()));
        field(fields, "references", references(a.references()), references(b.references()));
        field(fields, "marking", a.label().marking(), b.label().marking());
        List<String> oldLines = lines(a.body());
        List<String> newLines = lines(b.body());
        List<Row> rows = new ArrayList<>();
        int added = 0;
        int removed = 0;
        int oldAt = 0;
        int newAt = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(oldLines, newLines).getDeltas()) {
            Chunk<String> source = delta.getSource();
            Chunk<String> target = delta.getTarget();
            while (oldAt < source.getPosition()) {
                rows.add(new Row(Kind.EQUAL, oldAt + 1, newAt + 1, oldLines.get(oldAt), newLines.get(newAt), null));
                oldAt++;
                newAt++;
            }
            int paired = Math.min(source.size(), target.size());
            for (int i = 0; i < Math.max(source.size(), target.size()); i++) {
                if (i < paired) {
                    rows.add(new Row(Kind.CHANGE, oldAt + 1, newAt + 1, source.getLines().get(i), target.getLines().get(i), null));
                    oldAt++;
                    newAt++;
                } else if (i < source.size()) {
                    rows.add(new Row(Kind.DELETE, oldAt + 1, null, source.getLines().get(i), null, null));
                    oldAt++;
                } else {
                    rows.add(new Row(Kind.INSERT, null, newAt + 1, null, target.getLines().get(i), null));
                    newAt++;
                }
            }
            removed += source.size();
            added += target.size();
        }
        while (oldAt < oldLines.size()) {
            rows.add(new Row(Kind.EQUAL, oldAt + 1, newAt + 1, oldLines.get(oldAt), newLines.get(newAt), null));
            oldAt++;
            newAt++;
        }
        return new ArticleDiff(from, to, fields, fold(rows), added, removed);
    }

    /** Folds every unchanged run longer than two contexts, keeping context next to changes. */
    static List<Row> fold(List<Row> rows) {
        List<Row> out = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            if (rows.get(i).kind() != Kind.EQUAL) {
                out.add(rows.get(i++));
                continue;
            }
            int end = i;
            while (end < rows.size() && rows.get(end).kind() == Kind.EQUAL) {
                end++;
            }
            int keepBefore = i == 0 ? 0 : CONTEXT;
            int keepAfter = end == rows.size() ? 0 : CONTEXT;
            int run = end - i;
            if (run > keepBefore + keepAfter + 1 && run > 2 * CONTEXT) {
                out.addAll(rows.subList(i, i + keepBefore));
                Row first = rows.get(i + keepBefore);
                out.add(new Row(Kind.SKIP, first.oldNumber(), first.newNumber(), null, null, run - keepBefore - keepAfter));
                out.addAll(rows.subList(end - keepAfter, end));
            } else {
                out.addAll(rows.subList(i, end));
            }
            i = end;
        }
        return out;
    }

    private static List<String> lines(String body) {
        return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n", -1));
    }

    private static String references(List<ArticleReference> references) {
        return String.join("\n", references.stream().map(r -> r.title() + " <" + r.url() + ">").toList());
    }

    private static void field(List<FieldChange> fields, String name, String a, String b) {
        if (!Objects.equals(a, b)) {
            fields.add(new FieldChange(name, a, b));
        }
    }
}
