package org.escape.searchindex;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;

/**
 * The analyzer of searchable prose (title, body, tags as text): English stop words removed and
 * Porter stemming, so "mitigations" finds "mitigation" — but identifiers (ATT&amp;CK ids, CVE ids,
 * hashes, IP addresses, domains, e-mail addresses) stay whole, lower-cased and unstemmed, in the
 * same token stream as the words around them. The same analyzer runs at index and query time,
 * which is what makes {@code CVE-2024-3400} typed in any case find exactly that CVE.
 *
 * <p>Values of a multi-valued field are 100 positions apart, so a phrase never spans two tags.
 *
 * <p>Thread-safe, like every {@link Analyzer}: token streams are reused per thread.
 */
public final class ProseAnalyzer extends Analyzer {

    /** Gap between values of a multi-valued field, larger than any phrase we build. */
    public static final int POSITION_GAP = 100;

    /** Creates the analyzer. */
    public ProseAnalyzer() {
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        IdentifierAwareTokenizer tokenizer = new IdentifierAwareTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(tokenizer);
        stream = new LowerCaseFilter(stream);
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
        return POSITION_GAP;
    }
}
