package org.escape.access;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * R1 as a query condition, so that lists, pages and counts are filtered by the database and never
 * contain a row the reader may not read. Built over the {@link StoredLabel} columns:
 *
 * <pre>
 * (e.label.classificationRank &lt;= :r1_rank
 *     and (e.label.releasableTo = 'ALL' or e.label.releasableTo like :r1_country))
 * </pre>
 *
 * with {@code r1_rank} the reader's clearance rank and {@code r1_country} the pattern
 * {@code %,GBR,%}. For a reader without a country the second half is only
 * {@code releasableTo = 'ALL'} and there is no country parameter.
 *
 * <p>The condition is R1 for one label ({@code AccessRules.passes}) spelt in SQL, term by term:
 * "clearance covers classification" is the rank comparison (both sides are {@link Level#rank()}),
 * "releasable to ALL" is the {@code 'ALL'} comparison, and "the country is listed" is the
 * {@linkplain StoredLabel#listingPattern(String) listing pattern} that belongs to the stored
 * encoding. For a chain, pass every label's path and the conditions are joined with {@code and}.
 * The tests run the SQL form against a real database on random data and compare it with
 * {@link AccessRules#mayRead(Reader, List)} row by row.
 *
 * <p>Injection: only three things reach the text — the paths or column names the caller's code
 * supplies (checked to be plain dotted identifiers), the constant {@code 'ALL'}, and parameter
 * markers. The reader's values travel as bound parameters, and were validated anyway (a rank,
 * and a country of three capital letters). Never build a path or column name from request data.
 *
 * <p>Stateless and thread-safe; the returned fragments are immutable.
 */
public final class LabelPredicate {

    /** The attribute of an embedded label that holds {@link StoredLabel#classificationRank()}. */
    public static final String RANK_ATTRIBUTE = "classificationRank";
    /** The attribute of an embedded label that holds {@link StoredLabel#releasableTo()}. */
    public static final String RELEASABLE_TO_ATTRIBUTE = "releasableTo";

    private static final Pattern DOTTED_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern PARAMETER_PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final String ALL_LITERAL = "'" + StoredLabel.ALL + "'";

    private LabelPredicate() {
    }

    /**
     * The JPQL condition that {@code reader} passes R1 on every label at {@code labelPaths}.
     *
     * @param parameterPrefix names the parameters {@code <prefix>_rank} and
     *                        {@code <prefix>_country}; choose one that no other part of the query
     *                        uses (e.g. {@code "r1"})
     * @param labelPaths      paths to embedded labels whose attributes are {@value #RANK_ATTRIBUTE}
     *                        and {@value #RELEASABLE_TO_ATTRIBUTE}, e.g. {@code "p.label"},
     *                        {@code "t.label"}, {@code "f.label"} for a post, its thread and forum
     * @throws IllegalArgumentException when no path is given, or a path or the prefix is not a
     *         plain identifier
     */
    public static Jpql jpql(Reader reader, String parameterPrefix, String... labelPaths) {
        Objects.requireNonNull(reader, "reader");
        if (parameterPrefix == null || !PARAMETER_PREFIX.matcher(parameterPrefix).matches()) {
            throw new IllegalArgumentException("Parameter prefix must be an identifier: "
                    + InvalidLabelException.quote(parameterPrefix));
        }
        String rankParameter = parameterPrefix + "_rank";
        String countryParameter = parameterPrefix + "_country";
        List<String> conditions = new ArrayList<>();
        for (String path : nonEmpty(labelPaths, "label path")) {
            String base = identifier(path);
            conditions.add(condition(reader, base + "." + RANK_ATTRIBUTE, base + "." + RELEASABLE_TO_ATTRIBUTE,
                    ":" + rankParameter, ":" + countryParameter));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(rankParameter, reader.clearance().rank());
        if (reader.hasCountry()) {
            parameters.put(countryParameter, StoredLabel.listingPattern(reader.country()));
        }
        return new Jpql(joined(conditions), parameters);
    }

    /**
     * The plain SQL condition that {@code reader} passes R1 on every label stored in
     * {@code labels}, with JDBC {@code ?} markers.
     *
     * @throws IllegalArgumentException when no label columns are given
     */
    public static Sql sql(Reader reader, LabelColumns... labels) {
        Objects.requireNonNull(reader, "reader");
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (LabelColumns columns : nonEmpty(labels, "label columns")) {
            conditions.add(condition(reader, columns.classificationRank(), columns.releasableTo(), "?", "?"));
            parameters.add(reader.clearance().rank());
            if (reader.hasCountry()) {
                parameters.add(StoredLabel.listingPattern(reader.country()));
            }
        }
        return new Sql(joined(conditions), parameters);
    }

    /** R1 for one stored label; the parameter markers are in the order rank, then country. */
    private static String condition(Reader reader, String rank, String releasableTo, String rankMarker,
                                    String countryMarker) {
        String released = reader.hasCountry()
                ? "(" + releasableTo + " = " + ALL_LITERAL + " or " + releasableTo + " like " + countryMarker + ")"
                : releasableTo + " = " + ALL_LITERAL;
        return "(" + rank + " <= " + rankMarker + " and " + released + ")";
    }

    private static String joined(List<String> conditions) {
        return conditions.size() == 1 ? conditions.get(0) : "(" + String.join(" and ", conditions) + ")";
    }

    private static <T> List<T> nonEmpty(T[] values, String what) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("At least one " + what + " is required.");
        }
        return Arrays.stream(values).map(value -> Objects.requireNonNull(value, what)).toList();
    }

    private static String identifier(String text) {
        if (text == null || !DOTTED_IDENTIFIER.matcher(text).matches()) {
            throw new IllegalArgumentException("Not a plain (dotted) identifier: " + InvalidLabelException.quote(text));
        }
        return text;
    }

    /**
     * A JPQL condition and its named parameters; bind with
     * {@code predicate.parameters().forEach(query::setParameter)}.
     *
     * @param text       the condition, parenthesised, ready to be joined with {@code and}
     * @param parameters parameter name to value: the rank as {@link Integer}, the country
     *                   pattern as {@link String} (absent for a reader without a country)
     */
    public record Jpql(String text, Map<String, Object> parameters) {

        /** Copies the parameters. */
        public Jpql {
            Objects.requireNonNull(text, "text");
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /**
     * A plain SQL condition and the values of its {@code ?} markers, in order.
     *
     * @param text       the condition, parenthesised, ready to be joined with {@code and}
     * @param parameters the value of each marker in order of appearance: ranks as
     *                   {@link Integer}, country patterns as {@link String}
     */
    public record Sql(String text, List<Object> parameters) {

        /** Copies the parameters. */
        public Sql {
            Objects.requireNonNull(text, "text");
            parameters = List.copyOf(parameters);
        }

        /**
         * Binds the parameters to {@code statement}, starting at marker {@code firstIndex}
         * (1-based, as JDBC counts).
         *
         * @return the index of the first marker after this condition's
         */
        public int bind(PreparedStatement statement, int firstIndex) throws SQLException {
            int index = firstIndex;
            for (Object value : parameters) {
                if (value instanceof Integer rank) {
                    statement.setInt(index++, rank);
                } else {
                    statement.setString(index++, (String) value);
                }
            }
            return index;
        }
    }

    /**
     * Where a label is stored in a table: its two column names, plain or qualified identifiers
     * such as {@code t.classification_rank}.
     *
     * @param classificationRank the column holding {@link StoredLabel#classificationRank()}
     * @param releasableTo       the column holding {@link StoredLabel#releasableTo()}
     */
    public record LabelColumns(String classificationRank, String releasableTo) {

        /** The conventional, unqualified column names. */
        public static final LabelColumns CONVENTIONAL =
                new LabelColumns(StoredLabel.CLASSIFICATION_RANK_COLUMN, StoredLabel.RELEASABLE_TO_COLUMN);

        /**
         * @throws IllegalArgumentException when a name is not a plain (dotted) identifier
         */
        public LabelColumns {
            identifier(classificationRank);
            identifier(releasableTo);
        }

        /** The conventional column names qualified by a table alias: {@code t.classification_rank}. */
        public static LabelColumns qualifiedBy(String tableAlias) {
            return new LabelColumns(tableAlias + "." + StoredLabel.CLASSIFICATION_RANK_COLUMN,
                    tableAlias + "." + StoredLabel.RELEASABLE_TO_COLUMN);
        }

        /**
         * Conventional names behind a prefix, for tables that store several labels in one row:
         * {@code prefixed("t", "forum_")} is {@code t.forum_classification_rank} and
         * {@code t.forum_releasable_to}.
         */
        public static LabelColumns prefixed(String tableAlias, String columnPrefix) {
            return new LabelColumns(tableAlias + "." + columnPrefix + StoredLabel.CLASSIFICATION_RANK_COLUMN,
                    tableAlias + "." + columnPrefix + StoredLabel.RELEASABLE_TO_COLUMN);
        }
    }
}
