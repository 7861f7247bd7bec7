package org.escape.searchindex;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Splits text into {@linkplain Identifiers identifiers}, each kept whole and marked as a keyword
 * so no stemmer touches it, and the prose around them, tokenized by {@link StandardTokenizer}
 * (Unicode word breaks). An e-mail address also yields its domain at the same position, so a
 * search for the domain finds the address.
 *
 * <p>The input is read whole on {@link #reset()}: fields are bounded by
 * {@link SearchDocument#MAX_BODY_LENGTH}, and the identifier pattern needs look-around. Not
 * thread-safe, like every {@link Tokenizer}; analyzers reuse one per thread.
 */
final class IdentifierAwareTokenizer extends Tokenizer {

    private record Token(String text, int start, int end, String type, int increment, boolean keyword) {
    }

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final StandardTokenizer prose = new StandardTokenizer();
    private final CharTermAttribute proseTerm = prose.addAttribute(CharTermAttribute.class);
    private final OffsetAttribute proseOffset = prose.addAttribute(OffsetAttribute.class);
    private final TypeAttribute proseType = prose.addAttribute(TypeAttribute.class);
    private final PositionIncrementAttribute proseIncrement = prose.addAttribute(PositionIncrementAttribute.class);

    private final List<Token> tokens = new ArrayList<>();
    private int next;
    private int length;

    @Override
    public void reset() throws IOException {
        super.reset();
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        for (int read = input.read(buffer); read != -1; read = input.read(buffer)) {
            text.append(buffer, 0, read);
        }
        length = text.length();
        tokens.clear();
        next = 0;
        tokenize(text.toString());
    }

    private void tokenize(String text) throws IOException {
        Matcher matcher = Identifiers.PATTERN.matcher(text);
        int proseFrom = 0;
        while (matcher.find()) {
            Identifiers.Kind kind = Identifiers.kindOf(matcher);
            if (kind == null) {
                continue;
            }
            proseTokens(text, proseFrom, matcher.start());
            tokens.add(new Token(matcher.group(), matcher.start(), matcher.end(), kind.name(), 1, true));
            if (kind == Identifiers.Kind.EMAIL) {
                int at = matcher.group().indexOf('@');
                tokens.add(new Token(matcher.group().substring(at + 1), matcher.start() + at + 1, matcher.end(),
                        Identifiers.Kind.DOMAIN.name(), 0, true));
            }
            proseFrom = matcher.end();
        }
        proseTokens(text, proseFrom, text.length());
    }

    private void proseTokens(String text, int from, int to) throws IOException {
        if (from >= to) {
            return;
        }
        prose.setReader(new StringReader(text.substring(from, to)));
        prose.reset();
        while (prose.incrementToken()) {
            tokens.add(new Token(proseTerm.toString(), from + proseOffset.startOffset(), from + proseOffset.endOffset(),
                    proseType.type(), Math.max(1, proseIncrement.getPositionIncrement()), false));
        }
        prose.end();
        prose.close();
    }

    @Override
    public boolean incrementToken() {
        if (next >= tokens.size()) {
            return false;
        }
        clearAttributes();
        Token token = tokens.get(next++);
        term.setEmpty().append(token.text());
        offset.setOffset(correctOffset(token.start()), correctOffset(token.end()));
        increment.setPositionIncrement(token.increment());
        type.setType(token.type());
        keyword.setKeyword(token.keyword());
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int last = correctOffset(length);
        offset.setOffset(last, last);
    }

    @Override
    public void close() throws IOException {
        super.close();
        tokens.clear();
    }
}
