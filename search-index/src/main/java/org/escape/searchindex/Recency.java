package org.escape.searchindex;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The windows of last-change time that the date facet counts: updated in the past day, week
 * (7 days), month (30 days) or year (365 days) before the search, or longer ago than a year.
 *
 * <p>The four "past" windows are nested, as a reader asks for them ("anything from the past
 * week"): an item changed an hour ago counts in all four. {@link #OLDER} is the complement of
 * {@link #PAST_YEAR}, so {@code PAST_YEAR + OLDER} is the total. Each window is exactly the
 * documents that the request filter {@link #from(Instant)}…{@link #to(Instant)} keeps (both ends
 * inclusive, either may be null), so selecting a window with the {@code from}/{@code to} filters
 * finds what its count promised, give or take what changed in between.
 *
 * <p>Immutable and thread-safe.
 */
public enum Recency {
    /** Changed within the past 24 hours. */
    PAST_DAY(Duration.ofDays(1)),
    /** Changed within the past 7 days. */
    PAST_WEEK(Duration.ofDays(7)),
    /** Changed within the past 30 days. */
    PAST_MONTH(Duration.ofDays(30)),
    /** Changed within the past 365 days. */
    PAST_YEAR(Duration.ofDays(365)),
    /** Last changed more than 365 days ago. */
    OLDER(Duration.ofDays(365));

    private final Duration age;
    private final String token;

    Recency(Duration age) {
        this.age = age;
        this.token = switch (name()) {
            case "PAST_DAY" -> "day";
            case "PAST_WEEK" -> "week";
            case "PAST_MONTH" -> "month";
            case "PAST_YEAR" -> "year";
            default -> "older";
        };
    }

    /** The facet value: {@code day}, {@code week}, {@code month}, {@code year} or {@code older}. */
    public String token() {
        return token;
    }

    /** The window for a facet value, in any case; empty when it names none. Never throws. */
    public static Optional<Recency> fromToken(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (Recency recency : values()) {
            if (recency.token.equals(wanted)) {
                return Optional.of(recency);
            }
        }
        return Optional.empty();
    }

    /** The earliest last change in the window, inclusive, for a search at {@code now}; null for {@link #OLDER}. */
    public Instant from(Instant now) {
        return this == OLDER ? null : now.minus(age);
    }

    /** The latest last change in the window, inclusive, for a search at {@code now}; null for the "past" windows. */
    public Instant to(Instant now) {
        return this == OLDER ? now.minus(age).minusMillis(1) : null;
    }

    /** Whether a last change at {@code updatedMillis} is in the window of a search at {@code nowMillis}. */
    public boolean contains(long updatedMillis, long nowMillis) {
        long boundary = nowMillis - age.toMillis();
        return this == OLDER ? updatedMillis < boundary : updatedMillis >= boundary;
    }
}
