package org.escape.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.escape.access.LabelPredicate;

/**
 * Builds a native SQL query from fragments and their values, numbering the {@code ?} markers as
 * it goes so that R1 conditions from {@link LabelPredicate#sql} can be used several times in one
 * statement. Used where JPQL cannot say it: per-reader counts in correlated subqueries.
 *
 * <p>Not thread-safe; one instance per query.
 */
public final class NativeSql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> values = new ArrayList<>();

    /** Appends {@code fragment}, whose {@code ?} markers take {@code markerValues} in order. */
    public NativeSql append(String fragment, Object... markerValues) {
        int expected = (int) fragment.chars().filter(c -> c == '?').count();
        if (expected != markerValues.length) {
            throw new IllegalArgumentException("markers and values differ in " + fragment);
        }
        int next = 0;
        for (char c : fragment.toCharArray()) {
            if (c == '?') {
                values.add(bindable(markerValues[next++]));
                text.append('?').append(values.size());
            } else {
                text.append(c);
            }
        }
        return this;
    }

    public NativeSql append(LabelPredicate.Sql condition) {
        return append(condition.text(), condition.parameters().toArray());
    }

    public Query build(EntityManager em) {
        Query query = em.createNativeQuery(text.toString());
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query;
    }

    private static Object bindable(Object value) {
        return value instanceof UUID uuid ? uuid.toString() : value;
    }

    public static UUID uuid(Object column) {
        return column == null ? null : UUID.fromString(column.toString());
    }

    public static long count(Object column) {
        return column == null ? 0 : ((Number) column).longValue();
    }

    public static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (column instanceof LocalDateTime local) {
            return local.atZone(ZoneId.systemDefault()).toInstant();
        }
        if (column instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("not a timestamp column: " + column.getClass().getSimpleName());
    }
}
