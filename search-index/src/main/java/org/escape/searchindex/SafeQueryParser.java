package org.escape.searchindex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns what a user typed into a Lucene query over the searchable fields only. User text never
 * reaches Lucene's own query parser, whose syntax can address any field (including the security
 * tokens), build regular expressions and wildcards that enumerate the term dictionary, or throw.
 *
 * <h2>Syntax</h2>
 * <ul>
 *   <li>words, all of which must match (the default operator is AND); a word matches when title,
 *       tags or body contain it after {@linkplain ProseAnalyzer analysis};</li>
 *   <li>a long query — at least {@value #LONG_QUERY_WORDS} searchable words side by side, as text
 *       pasted from a report is — matches documents containing <em>any</em> of them, ranked by how
 *       many and how rare, with a bonus for neighbouring words found near each other
 *       ({@link RankingConfig#proximityBoost()}) and without typo tolerance; words the user
 *       required ({@code +word}, operands of {@code AND}) or excluded ({@code -word}, {@code NOT})
 *       keep their meaning;</li>
 *   <li>{@code "a phrase"}; {@code AND}, {@code OR}, {@code NOT} (upper case; lower-case "and" is a
 *       word), {@code +word}, {@code -word}, and parentheses; OR binds weaker than AND;</li>
 *   <li>{@code title:word}, {@code title:"phrase"}: in the title only; {@code tag:x},
 *       {@code tag:"two words"}: a tag equal to x (case-insensitive); {@code type:article}: items
 *       of that {@link ItemType} (an unknown type matches nothing);</li>
 *   <li>any other {@code name:value} is a plain word, analyzed like any other text;</li>
 *   <li>typo tolerance: a word of letters only, of at least {@value #FUZZY_MIN_LENGTH}
 *       characters after analysis, also matches terms one edit away (two from
 *       {@value #FUZZY_TWO_EDITS_LENGTH} characters) that share its first
 *       {@value #FUZZY_PREFIX_LENGTH} character, for at most {@value #MAX_FUZZY_TERMS} words and
 *       {@value #MAX_EXPANSIONS} expansions each; identifiers are never fuzzy (T1059.001 must not
 *       find T1059.002); when the caller passes the reader's document frequencies
 *       ({@link #parse(String, boolean, ToIntFunction)}), a word found as typed in at least
 *       {@value #FUZZY_SKIP_DOC_FREQ} documents (over the fields it searches) is taken as spelled
 *       as meant and matched exactly, so typo tolerance costs nothing for the common words that
 *       make most queries;</li>
 *   <li>optionally the last word, when the text ends in it, is also a prefix (search as you
 *       type).</li>
 * </ul>
 *
 * <h2>Robustness</h2>
 * Parsing never throws on user input. Text beyond {@value #MAX_QUERY_LENGTH} characters is cut;
 * wildcard, regex, boost and fuzzy characters ({@code * ? / \ ~ ^ [ ] { } ! & |}) separate words;
 * malformed syntax (unbalanced quotes or parentheses, a lone operator, nesting deeper than
 * {@value #MAX_DEPTH}) makes the whole text plain words; words beyond {@value #MAX_TERMS} are
 * ignored. A word that analyzes to nothing (a stop word) is left out of its clause; text that
 * yields no word at all matches nothing, and blank text matches every readable document.
 *
 * <p>The parser does not know about security: the caller adds the reader's filter as a separate
 * {@code FILTER} clause, so nothing a user types can widen it.
 *
 * <p>Immutable and thread-safe.
 */
public final class SafeQueryParser {

    /** Longest text considered, in characters; the rest is ignored. */
    public static final int MAX_QUERY_LENGTH = 1_000;
    /** Most words (and phrases) per query; later ones are ignored. */
    public static final int MAX_TERMS = 64;
    /** Deepest nesting of parentheses and NOTs. */
    public static final int MAX_DEPTH = 8;
    /** Shortest analyzed word that is matched with typo tolerance. */
    public static final int FUZZY_MIN_LENGTH = 5;
    /** Shortest analyzed word that tolerates two edits instead of one. */
    public static final int FUZZY_TWO_EDITS_LENGTH = 8;
    /** Leading characters a fuzzy match must share with the word. */
    public static final int FUZZY_PREFIX_LENGTH = 1;
    /** Most words per query that are matched with typo tolerance. */
    public static final int MAX_FUZZY_TERMS = 8;
    /** Most index terms one fuzzy word expands to, per field. */
    public static final int MAX_EXPANSIONS = 16;
    /**
     * Document frequency (summed over the fields a word searches) from which a word is taken as
     * spelled as meant and not matched with typo tolerance, when frequencies are given.
     */
    public static final int FUZZY_SKIP_DOC_FREQ = 20;
    /** Fewest searchable words, side by side without operators, that make a long query (any of them may match). */
    public static final int LONG_QUERY_WORDS = 4;

    private static final String SEPARATORS = "*?/\\~^[]{}!&|";

    private final RankingConfig ranking;
    private final Analyzer analyzer = new ProseAnalyzer();

    /**
     * Creates a parser weighting fields as {@code ranking} says.
     *
     * @param ranking field boosts to apply; {@link RankingConfig#BASELINE} for unweighted fields
     */
    public SafeQueryParser(RankingConfig ranking) {
        this.ranking = java.util.Objects.requireNonNull(ranking, "ranking");
    }

    /** Same as {@link #parse(String, boolean) parse(text, false)}. */
    public Query parse(String text) {
        return parse(text, false);
    }

    /**
     * The query for {@code text}.
     *
     * @param text           what the user typed; null is blank
     * @param prefixLastWord whether the last word, when the text ends in one, also matches as a
     *                       prefix
     * @return never null; {@link MatchAllDocsQuery} for blank text, {@link MatchNoDocsQuery} when
     *         nothing searchable is left
     */
    public Query parse(String text, boolean prefixLastWord) {
        return parse(text, prefixLastWord, null);
    }

    /**
     * The query for {@code text}, with typo tolerance only for words that are absent or rare in
     * the index.
     *
     * @param text           what the user typed; null is blank
     * @param prefixLastWord whether the last word, when the text ends in one, also matches as a
     *                       prefix
     * @param docFreq        the number of documents holding a term that the searching reader may read
     *                       (counting may stop at {@value #FUZZY_SKIP_DOC_FREQ}; never the whole index's,
     *                       which would tell a reader about documents they cannot read);
     *                       a word whose analyzed term reaches {@value #FUZZY_SKIP_DOC_FREQ} over the
     *                       fields it searches is matched exactly; null: every eligible word is fuzzy
     * @return never null; {@link MatchAllDocsQuery} for blank text, {@link MatchNoDocsQuery} when
     *         nothing searchable is left
     */
    public Query parse(String text, boolean prefixLastWord, ToIntFunction<Term> docFreq) {
        String input = text == null ? "" : text.length() > MAX_QUERY_LENGTH ? text.substring(0, MAX_QUERY_LENGTH) : text;
        if (input.isBlank()) {
            return new MatchAllDocsQuery();
        }
        Node tree;
        try {
            tree = new Grammar(lex(input)).parse();
        } catch (Malformed malformed) {
            tree = plainWords(input);
        }
        Query query = new Builder(prefixLastWord && endsInWord(input), docFreq).build(tree);
        return query == null ? new MatchNoDocsQuery("no searchable words") : query;
    }

    // ---- syntax tree -------------------------------------------------------------------------

    private enum Field { TEXT, TITLE, TAG, TYPE }

    private sealed interface Node permits Leaf, And, Or, Not, Must {
    }

    /** A part the user required explicitly ({@code +word}, or an operand of {@code AND}). */
    private record Must(Node child) implements Node {
    }

    private record Leaf(Field field, String text, boolean phrase) implements Node {
    }

    private record And(List<Node> children) implements Node {
    }

    private record Or(List<Node> children) implements Node {
    }

    private record Not(Node child) implements Node {
    }

    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    // ---- lexer -------------------------------------------------------------------------------

    private enum Kind { LPAREN, RPAREN, WORD, PHRASE, AND, OR, NOT, PLUS, MINUS }

    private record Lexeme(Kind kind, Field field, String text) {
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c) || SEPARATORS.indexOf(c) >= 0;
    }

    private static boolean endsWord(char c) {
        return isSeparator(c) || c == '(' || c == ')' || c == '"';
    }

    private static List<Lexeme> lex(String s) throws Malformed {
        List<Lexeme> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isSeparator(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Lexeme(Kind.LPAREN, null, "("));
                i++;
            } else if (c == ')') {
                out.add(new Lexeme(Kind.RPAREN, null, ")"));
                i++;
            } else if (c == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    throw new Malformed();
                }
                out.add(new Lexeme(Kind.PHRASE, Field.TEXT, s.substring(i + 1, close)));
                i = close + 1;
            } else if ((c == '+' || c == '-') && (i + 1 >= s.length() || endsWord(s.charAt(i + 1)) && s.charAt(i + 1) != '"'
                    && s.charAt(i + 1) != '(')) {
                throw new Malformed();
            } else if (c == '+' || c == '-') {
                out.add(new Lexeme(c == '+' ? Kind.PLUS : Kind.MINUS, null, String.valueOf(c)));
                i++;
            } else {
                int end = i;
                while (end < s.length() && !endsWord(s.charAt(end))) {
                    end++;
                }
                String word = s.substring(i, end);
                i = end;
                switch (word) {
                    case "AND" -> out.add(new Lexeme(Kind.AND, null, word));
                    case "OR" -> out.add(new Lexeme(Kind.OR, null, word));
                    case "NOT" -> out.add(new Lexeme(Kind.NOT, null, word));
                    default -> {
                        int colon = word.indexOf(':');
                        Optional<Field> field = colon < 0 ? Optional.empty() : fieldNamed(word.substring(0, colon));
                        if (field.isEmpty()) {
                            out.add(new Lexeme(Kind.WORD, Field.TEXT, word));
                        } else if (colon + 1 < word.length()) {
                            out.add(new Lexeme(Kind.WORD, field.get(), word.substring(colon + 1)));
                        } else if (i < s.length() && s.charAt(i) == '"') {
                            int close = s.indexOf('"', i + 1);
                            if (close < 0) {
                                throw new Malformed();
                            }
                            out.add(new Lexeme(Kind.PHRASE, field.get(), s.substring(i + 1, close)));
                            i = close + 1;
                        } else {
                            throw new Malformed();
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Optional<Field> fieldNamed(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "title" -> Optional.of(Field.TITLE);
            case "tag" -> Optional.of(Field.TAG);
            case "type" -> Optional.of(Field.TYPE);
            default -> Optional.empty();
        };
    }

    private static boolean endsInWord(String input) {
        String trimmed = input.stripTrailing();
        return !trimmed.isEmpty() && !endsWord(trimmed.charAt(trimmed.length() - 1)) && trimmed.length() == input.length();
    }

    /** The fallback: every word of the text, all required, no operators, no fields. */
    private static Node plainWords(String input) {
        List<Node> words = new ArrayList<>();
        for (String word : input.split("[\\s()\"" + java.util.regex.Pattern.quote(SEPARATORS) + "]+")) {
            String stripped = word.replaceFirst("^[+\\-]+", "");
            if (!stripped.isEmpty() && !stripped.equals("AND") && !stripped.equals("OR") && !stripped.equals("NOT")) {
                words.add(new Leaf(Field.TEXT, stripped, false));
            }
        }
        return new And(words);
    }

    // ---- grammar -----------------------------------------------------------------------------

    private static final class Grammar {
        private final List<Lexeme> lexemes;
        private int at;

        Grammar(List<Lexeme> lexemes) {
            this.lexemes = lexemes;
        }

        Node parse() throws Malformed {
            Node node = or(0);
            if (at != lexemes.size()) {
                throw new Malformed();
            }
            return node;
        }

        private Kind peek() {
            return at < lexemes.size() ? lexemes.get(at).kind() : null;
        }

        private Node or(int depth) throws Malformed {
            List<Node> children = new ArrayList<>(List.of(and(depth)));
            while (peek() == Kind.OR) {
                at++;
                children.add(and(depth));
            }
            return children.size() == 1 ? children.get(0) : new Or(children);
        }

        private Node and(int depth) throws Malformed {
            List<Node> children = new ArrayList<>(List.of(unary(depth)));
            while (peek() != null && peek() != Kind.OR && peek() != Kind.RPAREN) {
                if (peek() == Kind.AND) {
                    at++;
                    children.set(children.size() - 1, must(children.getLast()));
                    children.add(must(unary(depth)));
                } else {
                    children.add(unary(depth));
                }
            }
            return children.size() == 1 ? children.get(0) : new And(children);
        }

        private static Node must(Node node) {
            return node instanceof Must || node instanceof Not ? node : new Must(node);
        }

        private Node unary(int depth) throws Malformed {
            if (depth > MAX_DEPTH) {
                throw new Malformed();
            }
            Kind kind = peek();
            if (kind == Kind.NOT || kind == Kind.MINUS) {
                at++;
                return new Not(unary(depth + 1));
            }
            if (kind == Kind.PLUS) {
                at++;
                return new Must(unary(depth + 1));
            }
            return primary(depth);
        }

        private Node primary(int depth) throws Malformed {
            Kind kind = peek();
            if (kind == Kind.LPAREN) {
                at++;
                Node inner = or(depth + 1);
                if (peek() != Kind.RPAREN) {
                    throw new Malformed();
                }
                at++;
                return inner;
            }
            if (kind == Kind.WORD || kind == Kind.PHRASE) {
                Lexeme lexeme = lexemes.get(at++);
                return new Leaf(lexeme.field(), lexeme.text(), kind == Kind.PHRASE);
            }
            throw new Malformed();
        }
    }

    // ---- Lucene query ------------------------------------------------------------------------

    private record Token(String text, int position, boolean keyword) {
    }

    private List<Token> analyze(String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(IndexSchema.BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            KeywordAttribute keyword = stream.addAttribute(KeywordAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Token(term.toString(), position, keyword.isKeyword()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /** Whether, and with how many edits, an analyzed word is matched with typo tolerance. */
    static int fuzzyEdits(String token, boolean keyword) {
        if (keyword || token.length() < FUZZY_MIN_LENGTH || !token.chars().allMatch(Character::isLetter)) {
            return 0;
        }
        return token.length() >= FUZZY_TWO_EDITS_LENGTH ? 2 : 1;
    }

    private final class Builder {
        private final boolean prefixLastWord;
        private final ToIntFunction<Term> docFreq;
        private int budget = MAX_TERMS;
        private int fuzzyLeft = MAX_FUZZY_TERMS;
        private boolean exact;
        private Leaf last;

        Builder(boolean prefixLastWord, ToIntFunction<Term> docFreq) {
            this.prefixLastWord = prefixLastWord;
            this.docFreq = docFreq;
        }

        Query build(Node tree) {
            if (prefixLastWord) {
                last = lastLeaf(tree);
            }
            return node(tree);
        }

        private Leaf lastLeaf(Node node) {
            return switch (node) {
                case Leaf leaf -> leaf.phrase() || leaf.field() == Field.TAG || leaf.field() == Field.TYPE ? null : leaf;
                case And and -> and.children().isEmpty() ? null : lastLeaf(and.children().getLast());
                case Or or -> lastLeaf(or.children().getLast());
                case Not not -> null;
                case Must must -> lastLeaf(must.child());
            };
        }

        private Query node(Node node) {
            return switch (node) {
                case Leaf leaf -> budget <= 0 ? null : leaf(leaf);
                case Must must -> node(must.child());
                case Not not -> {
                    Query inner = node(not.child());
                    yield inner == null ? null : new BooleanQuery.Builder()
                            .add(new MatchAllDocsQuery(), Occur.MUST)
                            .add(inner, Occur.MUST_NOT)
                            .build();
                }
                case Or or -> {
                    List<Query> children = new ArrayList<>();
                    for (Node child : or.children()) {
                        Query query = node(child);
                        if (query != null) {
                            children.add(query);
                        }
                    }
                    if (children.size() <= 1) {
                        yield children.isEmpty() ? null : children.get(0);
                    }
                    BooleanQuery.Builder builder = new BooleanQuery.Builder();
                    children.forEach(query -> builder.add(query, Occur.SHOULD));
                    yield builder.build();
                }
                case And and -> {
                    List<Query> required = new ArrayList<>();
                    List<Query> prohibited = new ArrayList<>();
                    List<Node> loose = new ArrayList<>();
                    for (Node child : and.children()) {
                        Node inner = child instanceof Must must ? must.child() : child;
                        if (inner instanceof Not not) {
                            Query query = node(not.child());
                            if (query != null) {
                                prohibited.add(query);
                            }
                        } else if (child instanceof Must) {
                            Query query = node(inner);
                            if (query != null) {
                                required.add(query);
                            }
                        } else {
                            loose.add(child);
                        }
                    }
                    if (words(loose) >= LONG_QUERY_WORDS) {
                        Query any = anyOf(loose);
                        if (any != null) {
                            required.add(any);
                        }
                    } else {
                        for (Node child : loose) {
                            Query query = node(child);
                            if (query != null) {
                                required.add(query);
                            }
                        }
                    }
                    if (required.isEmpty() && prohibited.isEmpty()) {
                        yield null;
                    }
                    if (required.size() == 1 && prohibited.isEmpty()) {
                        yield required.get(0);
                    }
                    BooleanQuery.Builder builder = new BooleanQuery.Builder();
                    required.forEach(query -> builder.add(query, Occur.MUST));
                    prohibited.forEach(query -> builder.add(query, Occur.MUST_NOT));
                    if (required.isEmpty()) {
                        builder.add(new MatchAllDocsQuery(), Occur.MUST);
                    }
                    yield builder.build();
                }
            };
        }

        /** How many of these parts hold a searchable word (a stop word alone does not). */
        private int words(List<Node> parts) {
            int count = 0;
            for (Node part : parts) {
                if (!(part instanceof Leaf leaf) || leaf.field() == Field.TAG || leaf.field() == Field.TYPE
                        || !analyze(leaf.text()).isEmpty()) {
                    count++;
                }
            }
            return count;
        }

        /**
         * A long list of words, as pasted text is: any of them may match, at least a share of them
         * must, more and rarer matches rank higher; no typo tolerance; and pairs of neighbouring
         * words near each other in a document add a bonus.
         */
        private Query anyOf(List<Node> parts) {
            boolean wasExact = exact;
            exact = true;
            List<Query> queries = new ArrayList<>();
            List<String> single = new ArrayList<>();
            for (Node part : parts) {
                Query query = node(part);
                if (query == null) {
                    continue;
                }
                queries.add(query);
                if (part instanceof Leaf leaf && leaf.field() == Field.TEXT && !leaf.phrase()) {
                    List<Token> tokens = analyze(leaf.text());
                    single.add(tokens.size() == 1 ? tokens.get(0).text() : null);
                } else {
                    single.add(null);
                }
            }
            exact = wasExact;
            if (queries.isEmpty()) {
                return null;
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            queries.forEach(query -> any.add(query, Occur.SHOULD));
            any.setMinimumNumberShouldMatch(1);
            if (!(ranking.proximityBoost() > 0)) {
                return any.build();
            }
            BooleanQuery.Builder near = new BooleanQuery.Builder();
            int pairs = 0;
            for (int i = 0; i + 1 < single.size(); i++) {
                String a = single.get(i);
                String b = single.get(i + 1);
                if (a != null && b != null && !a.equals(b)) {
                    for (String field : List.of(IndexSchema.TITLE, IndexSchema.HEADINGS, IndexSchema.BODY)) {
                        near.add(new BoostQuery(new PhraseQuery(ranking.proximitySlop(), field, a, b),
                                boost(field) * ranking.proximityBoost()), Occur.SHOULD);
                    }
                    pairs++;
                }
            }
            if (pairs == 0) {
                return any.build();
            }
            return new BooleanQuery.Builder().add(any.build(), Occur.MUST).add(near.build(), Occur.SHOULD).build();
        }

        private Query leaf(Leaf leaf) {
            if (leaf.field() == Field.TAG || leaf.field() == Field.TYPE) {
                budget--;
            }
            return switch (leaf.field()) {
                case TAG -> new BoostQuery(new TermQuery(new Term(IndexSchema.TAG, IndexSchema.normalizeTag(leaf.text()))),
                        ranking.tagBoost());
                case TYPE -> ItemType.fromToken(leaf.text())
                        .<Query>map(type -> new ConstantScoreQuery(new TermQuery(new Term(IndexSchema.TYPE, type.token()))))
                        .orElseGet(() -> new MatchNoDocsQuery("unknown type"));
                case TITLE -> text(leaf, List.of(IndexSchema.TITLE));
                case TEXT -> text(leaf, List.of(IndexSchema.TITLE, IndexSchema.TAGS, IndexSchema.HEADINGS, IndexSchema.BODY));
            };
        }

        private Query text(Leaf leaf, List<String> fields) {
            List<Token> tokens = analyze(leaf.text());
            if (tokens.size() > budget) {
                tokens = tokens.subList(0, budget);
            }
            budget -= Math.max(1, tokens.size());
            boolean prefix = leaf == last;
            if (tokens.isEmpty() && !prefix) {
                return null;
            }
            int edits = 0;
            if (tokens.size() == 1 && !leaf.phrase() && !exact) {
                edits = fuzzyEdits(tokens.get(0).text(), tokens.get(0).keyword());
                if (edits > 0 && isFrequent(tokens.get(0).text(), fields)) {
                    edits = 0;
                }
                if (edits > 0 && fuzzyLeft-- <= 0) {
                    edits = 0;
                }
            }
            String rawPrefix = leaf.text().toLowerCase(Locale.ROOT);
            if (prefix && rawPrefix.isEmpty()) {
                return null;
            }
            BooleanQuery.Builder perField = new BooleanQuery.Builder();
            for (String field : fields) {
                Query query = tokens.isEmpty() ? null : tokens.size() == 1 ? term(field, tokens.get(0).text(), edits) : phrase(field, tokens);
                if (prefix) {
                    BooleanQuery.Builder either = new BooleanQuery.Builder();
                    if (query != null) {
                        either.add(query, Occur.SHOULD);
                    }
                    either.add(new PrefixQuery(new Term(field, rawPrefix)), Occur.SHOULD);
                    if (tokens.size() == 1 && !tokens.get(0).text().equals(rawPrefix)) {
                        either.add(new PrefixQuery(new Term(field, tokens.get(0).text())), Occur.SHOULD);
                    }
                    query = either.build();
                }
                perField.add(new BoostQuery(query, boost(field)), Occur.SHOULD);
            }
            return perField.build();
        }

        /** Whether the word, as typed, is in at least {@value #FUZZY_SKIP_DOC_FREQ} documents over these fields. */
        private boolean isFrequent(String token, List<String> fields) {
            if (docFreq == null) {
                return false;
            }
            long documents = 0;
            for (String field : fields) {
                documents += docFreq.applyAsInt(new Term(field, token));
                if (documents >= FUZZY_SKIP_DOC_FREQ) {
                    return true;
                }
            }
            return false;
        }

        private Query term(String field, String token, int edits) {
            Term term = new Term(field, token);
            return edits == 0 ? new TermQuery(term) : new FuzzyQuery(term, edits, FUZZY_PREFIX_LENGTH, MAX_EXPANSIONS, true);
        }

        private Query phrase(String field, List<Token> tokens) {
            PhraseQuery.Builder builder = new PhraseQuery.Builder();
            int first = tokens.get(0).position();
            for (Token token : tokens) {
                builder.add(new Term(field, token.text()), token.position() - first);
            }
            return builder.build();
        }

        private float boost(String field) {
            return switch (field) {
                case IndexSchema.TITLE -> ranking.titleBoost();
                case IndexSchema.TAGS -> ranking.tagBoost();
                case IndexSchema.HEADINGS -> ranking.headingBoost();
                default -> ranking.bodyBoost();
            };
        }
    }
}
