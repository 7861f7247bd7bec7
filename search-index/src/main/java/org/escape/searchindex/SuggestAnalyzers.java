package org.escape.searchindex;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;

/**
 * Analyzers of the suggestion fields. Titles are split into words exactly as prose is (so
 * identifiers stay whole) but neither stemmed nor stripped of stop words, since suggestions
 * complete what the user literally typed; each word is indexed as all its prefixes up to
 * {@value #MAX_GRAM} characters, so "suggest while typing" is one term lookup. Tags are indexed
 * whole, lower-cased, as prefixes.
 *
 * <p>Stateless; the analyzers are thread-safe.
 */
final class SuggestAnalyzers {

    /** Longest indexed prefix; longer typed prefixes are looked up by their first characters and checked. */
    static final int MAX_GRAM = 20;

    private SuggestAnalyzers() {
    }

    /** Words of a title (or of typed text), lower-cased, unstemmed. */
    static Analyzer words() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                IdentifierAwareTokenizer tokenizer = new IdentifierAwareTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
    }

    /** Prefixes of the words of a title. */
    static Analyzer titlePrefixes() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                IdentifierAwareTokenizer tokenizer = new IdentifierAwareTokenizer();
                TokenStream stream = new EdgeNGramTokenFilter(new LowerCaseFilter(tokenizer), 1, MAX_GRAM, false);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    /** Prefixes of a whole tag. */
    static Analyzer tagPrefixes() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                KeywordTokenizer tokenizer = new KeywordTokenizer();
                TokenStream stream = new EdgeNGramTokenFilter(new LowerCaseFilter(tokenizer), 1, MAX_GRAM, false);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }
}
