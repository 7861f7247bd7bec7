package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.escape.access.ReferenceModel.LabelSpec;
import org.escape.access.ReferenceModel.ReaderSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL form of R1 against a real database (H2 in PostgreSQL mode): random labels are stored
 * with {@link StoredLabel}, queried with {@link LabelPredicate} for many readers, and the ids the
 * database returns must be exactly the ids {@link AccessRules#mayRead(Reader, List)} and the
 * reference accept. The JPQL text is run too: for this fragment JPQL is also valid SQL when the
 * embedded path {@code e.label} is read as schema {@code e}, table {@code label}.
 */
class LabelPredicateDatabaseTest {

    private static final int ITEMS = 2_000;
    private static final int RANDOM_READERS = 300;

    private static Connection connection;
    private static final List<LabelSpec> ITEM_SPECS = new ArrayList<>();
    private static final List<Label> ITEM_LABELS = new ArrayList<>();
    private static final List<List<Label>> POST_CHAINS = new ArrayList<>();

    @BeforeAll
    static void storeRandomLabels() throws SQLException {
        RandomSpecs.announce(LabelPredicateDatabaseTest.class);
        connection = DriverManager.getConnection("jdbc:h2:mem:access_" + System.nanoTime() + ";MODE=PostgreSQL");
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create table item (id int primary key, classification_rank int not null,"
                    + " releasable_to varchar(" + StoredLabel.RELEASABLE_TO_MAX_LENGTH + ") not null)");
            ddl.execute("create table post (id int primary key,"
                    + " forum_classification_rank int not null, forum_releasable_to varchar(1025) not null,"
                    + " thread_classification_rank int not null, thread_releasable_to varchar(1025) not null,"
                    + " classification_rank int not null, releasable_to varchar(1025) not null)");
            ddl.execute("create schema e");
            ddl.execute("create table e.label (id int primary key, classificationRank int not null,"
                    + " releasableTo varchar(1025) not null)");
        }
        RandomSpecs specs = new RandomSpecs(RandomSpecs.SEED);
        List<LabelSpec> itemSpecs = new ArrayList<>(ReferenceModel.tableLabels());
        while (itemSpecs.size() < ITEMS) {
            itemSpecs.add(specs.label());
        }
        try (PreparedStatement item = connection.prepareStatement("insert into item values (?, ?, ?)");
             PreparedStatement jpqlShaped = connection.prepareStatement("insert into e.label values (?, ?, ?)")) {
            for (int id = 0; id < itemSpecs.size(); id++) {
                Label label = itemSpecs.get(id).toLabel();
                ITEM_SPECS.add(itemSpecs.get(id));
                ITEM_LABELS.add(label);
                StoredLabel stored = StoredLabel.from(label);
                for (PreparedStatement insert : List.of(item, jpqlShaped)) {
                    insert.setInt(1, id);
                    insert.setInt(2, stored.classificationRank());
                    insert.setString(3, stored.releasableTo());
                    insert.addBatch();
                }
            }
            item.executeBatch();
            jpqlShaped.executeBatch();
        }
        try (PreparedStatement post = connection.prepareStatement("insert into post values (?, ?, ?, ?, ?, ?, ?)")) {
            for (int id = 0; id < ITEMS; id++) {
                List<LabelSpec> chain = new ArrayList<>();
                chain.add(specs.label());
                while (chain.size() < 3) {
                    chain.add(specs.random().nextInt(3) == 0 ? specs.label() : specs.narrowed(chain.get(chain.size() - 1)));
                }
                List<Label> labels = ReferenceModel.labels(chain);
                POST_CHAINS.add(labels);
                post.setInt(1, id);
                int column = 2;
                for (Label label : labels) {
                    StoredLabel stored = StoredLabel.from(label);
                    post.setInt(column++, stored.classificationRank());
                    post.setString(column++, stored.releasableTo());
                }
                post.addBatch();
            }
            post.executeBatch();
        }
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    static List<ReaderSpec> readers() {
        RandomSpecs specs = new RandomSpecs(RandomSpecs.SEED + 1);
        List<ReaderSpec> readers = new ArrayList<>(ReferenceModel.tableReaders());
        while (readers.size() < ReferenceModel.tableReaders().size() + RANDOM_READERS) {
            readers.add(specs.reader());
        }
        return readers;
    }

    @Test
    void storedLabelsReadBackUnchanged() throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("select id, classification_rank, releasable_to from item")) {
            int count = 0;
            while (rows.next()) {
                Label read = new StoredLabel(rows.getInt(2), rows.getString(3)).toLabel();
                assertEquals(ITEM_LABELS.get(rows.getInt(1)), read, RandomSpecs.seedMessage());
                count++;
            }
            assertEquals(ITEM_LABELS.size(), count);
        }
    }

    @Test
    void theSqlFormSelectsExactlyTheReadableItems() throws SQLException {
        for (ReaderSpec readerSpec : readers()) {
            Reader reader = readerSpec.toReader();
            LabelPredicate.Sql predicate = LabelPredicate.sql(reader, LabelPredicate.LabelColumns.qualifiedBy("t"));
            TreeSet<Integer> selected = ids("select t.id from item t where " + predicate.text(), predicate);
            TreeSet<Integer> expected = new TreeSet<>();
            for (int id = 0; id < ITEM_LABELS.size(); id++) {
                boolean mayRead = AccessRules.mayRead(reader, ITEM_LABELS.get(id));
                assertEquals(ReferenceModel.mayRead(readerSpec.toReference(), List.of(ITEM_SPECS.get(id).toReference())),
                        mayRead, readerSpec + " " + ITEM_SPECS.get(id) + "; " + RandomSpecs.seedMessage());
                if (mayRead) {
                    expected.add(id);
                }
            }
            assertEquals(expected, selected, readerSpec + "; " + RandomSpecs.seedMessage());
            assertEquals(expected.size(), count("select count(*) from item t where " + predicate.text(), predicate),
                    "counts are honest; " + RandomSpecs.seedMessage());
        }
    }

    @Test
    void theSqlFormOverAChainSelectsExactlyTheReadablePosts() throws SQLException {
        int readable = 0;
        for (ReaderSpec readerSpec : readers()) {
            Reader reader = readerSpec.toReader();
            LabelPredicate.Sql predicate = LabelPredicate.sql(reader,
                    LabelPredicate.LabelColumns.prefixed("p", "forum_"),
                    LabelPredicate.LabelColumns.prefixed("p", "thread_"),
                    LabelPredicate.LabelColumns.qualifiedBy("p"));
            TreeSet<Integer> selected = ids("select p.id from post p where " + predicate.text(), predicate);
            TreeSet<Integer> expected = new TreeSet<>();
            for (int id = 0; id < POST_CHAINS.size(); id++) {
                if (AccessRules.mayRead(reader, POST_CHAINS.get(id))) {
                    expected.add(id);
                }
            }
            readable += expected.size();
            assertEquals(expected, selected, readerSpec + "; " + RandomSpecs.seedMessage());
        }
        assertTrue(readable > 0, "the random world should leave something readable");
    }

    @Test
    void theJpqlTextSelectsExactlyTheReadableItemsToo() throws SQLException {
        for (ReaderSpec readerSpec : readers()) {
            Reader reader = readerSpec.toReader();
            LabelPredicate.Jpql predicate = LabelPredicate.jpql(reader, "r1", "e.label");
            List<Object> positional = new ArrayList<>();
            String sql = positional(predicate.text(), predicate.parameters(), positional);
            TreeSet<Integer> selected = new TreeSet<>();
            try (PreparedStatement query = connection.prepareStatement("select e.label.id from e.label where " + sql)) {
                new LabelPredicate.Sql(sql, positional).bind(query, 1);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        selected.add(rows.getInt(1));
                    }
                }
            }
            TreeSet<Integer> expected = new TreeSet<>();
            for (int id = 0; id < ITEM_LABELS.size(); id++) {
                if (AccessRules.mayRead(reader, ITEM_LABELS.get(id))) {
                    expected.add(id);
                }
            }
            assertEquals(expected, selected, readerSpec + "; " + RandomSpecs.seedMessage());
        }
    }

    /** Replaces each {@code :name} with {@code ?} and lists the values in order. */
    private static String positional(String jpql, Map<String, Object> parameters, List<Object> values) {
        Matcher named = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)").matcher(jpql);
        StringBuilder sql = new StringBuilder();
        while (named.find()) {
            assertTrue(parameters.containsKey(named.group(1)), "unbound parameter " + named.group(1));
            values.add(parameters.get(named.group(1)));
            named.appendReplacement(sql, "?");
        }
        named.appendTail(sql);
        return sql.toString();
    }

    private static TreeSet<Integer> ids(String sql, LabelPredicate.Sql predicate) throws SQLException {
        TreeSet<Integer> ids = new TreeSet<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            assertEquals(predicate.parameters().size() + 1, predicate.bind(query, 1));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getInt(1));
                }
            }
        }
        return ids;
    }

    private static int count(String sql, LabelPredicate.Sql predicate) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            predicate.bind(query, 1);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

}
