package org.escape.searchindex;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * The fields of an indexed document, in one place. Text fields are analyzed by
 * {@link ProseAnalyzer}; exact fields (type, tag, status, security tokens, ids) are indexed
 * untokenized and, where they are faceted, also as sorted-set doc values. The text of the body's
 * Markdown headings is indexed once more in a field of its own, so that ranking can weigh it like a
 * title. Only the four text fields and the {@code tag}/{@code type} fields are reachable from user
 * query text
 * ({@link SafeQueryParser}); the security field is reachable only through
 * {@link ProfileFilterQuery} and the level filter of a {@link SearchRequest}.
 *
 * <p>Stateless and thread-safe.
 */
final class IndexSchema {

    static final String ID = "id";
    static final String TYPE = "type";
    static final String TITLE = "title";
    static final String BODY = "body";
    static final String HEADINGS = "headings";
    /** A Markdown ATX heading line ("## Title"), its text in group 1. */
    private static final Pattern HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+(.+?)[ \\t#]*$");
    static final String TAGS = "tags";
    static final String TAG = "tag";
    static final String SECURITY = "security";
    static final String CONTAINER = "container";
    static final String STATUS = "status";
    static final String CREATED = "created";
    static final String UPDATED = "updated";
    static final String PUBLISHED_ARTICLE = "published_article";
    static final String URL = "url";
    static final String SUGGEST_TITLE = "suggest_title";
    static final String SUGGEST_TAG = "suggest_tag";

    private IndexSchema() {
    }

    /** The analyzer of the index writer and of the highlighter. */
    static Analyzer analyzer() {
        return new PerFieldAnalyzerWrapper(new ProseAnalyzer(), Map.of(
                SUGGEST_TITLE, SuggestAnalyzers.titlePrefixes(),
                SUGGEST_TAG, SuggestAnalyzers.tagPrefixes()));
    }

    static String normalizeTag(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT);
    }

    static Document toDocument(SearchDocument item) {
        Document doc = new Document();
        doc.add(new StringField(ID, item.id(), Field.Store.YES));
        doc.add(new StringField(TYPE, item.type().token(), Field.Store.YES));
        doc.add(new SortedSetDocValuesField(TYPE, new BytesRef(item.type().token())));
        doc.add(new TextField(TITLE, item.title(), Field.Store.YES));
        doc.add(new TextField(BODY, item.body(), Field.Store.YES));
        Matcher heading = HEADING.matcher(item.body());
        while (heading.find()) {
            doc.add(new TextField(HEADINGS, heading.group(1), Field.Store.NO));
        }
        doc.add(new TextField(SUGGEST_TITLE, item.title(), Field.Store.NO));
        for (String tag : item.tags()) {
            doc.add(new TextField(TAGS, tag, Field.Store.YES));
            doc.add(new StringField(TAG, normalizeTag(tag), Field.Store.NO));
            doc.add(new SortedSetDocValuesField(TAG, new BytesRef(normalizeTag(tag))));
            doc.add(new TextField(SUGGEST_TAG, tag, Field.Store.NO));
        }
        for (String token : item.securityTokens()) {
            doc.add(new StringField(SECURITY, token, Field.Store.YES));
            doc.add(new SortedSetDocValuesField(SECURITY, new BytesRef(token)));
        }
        for (String container : item.containerIds()) {
            doc.add(new StringField(CONTAINER, container, Field.Store.YES));
        }
        if (item.normalizedStatus() != null) {
            doc.add(new StringField(STATUS, item.normalizedStatus(), Field.Store.YES));
            doc.add(new SortedSetDocValuesField(STATUS, new BytesRef(item.normalizedStatus())));
        }
        doc.add(new StoredField(CREATED, item.createdAt().toEpochMilli()));
        long updated = item.updatedAt().toEpochMilli();
        doc.add(new LongPoint(UPDATED, updated));
        doc.add(new NumericDocValuesField(UPDATED, updated));
        doc.add(new StoredField(UPDATED, updated));
        doc.add(new NumericDocValuesField(PUBLISHED_ARTICLE, item.isPublishedArticle() ? 1 : 0));
        doc.add(new StoredField(URL, item.url()));
        return doc;
    }
}
