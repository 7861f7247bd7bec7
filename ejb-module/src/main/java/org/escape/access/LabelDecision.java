package org.escape.access;

import java.util.Objects;
import java.util.function.Function;

/**
 * The answer of a combined label check in {@link AccessRules}: allowed, or refused by one rule
 * with a message for the user.
 *
 * <p>Typical use in a service:
 * <pre>{@code
 * switch (AccessRules.checkNewItem(reader, thread.label(), proposed)) {
 *     case LabelDecision.Allowed allowed -> { }
 *     case LabelDecision.Refused(SecurityRule rule, String message) when rule == SecurityRule.R1_READ ->
 *             throw new ItemNotFoundException();
 *     case LabelDecision.Refused refused -> throw new InvalidRequestException(refused.message());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface LabelDecision permits LabelDecision.Allowed, LabelDecision.Refused {

    /** The one allowed decision. */
    static LabelDecision allowed() {
        return Allowed.ALLOWED;
    }

    /** A refusal by {@code rule}. */
    static LabelDecision refused(SecurityRule rule, String message) {
        return new Refused(rule, message);
    }

    /** True when the check passed. */
    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    /**
     * Does nothing when allowed; otherwise throws the exception {@code toException} makes of the
     * refusal. Lets a service state its mapping once:
     * {@code decision.orThrow(refused -> ...)}.
     */
    default void orThrow(Function<? super Refused, ? extends RuntimeException> toException) {
        if (this instanceof Refused refused) {
            throw toException.apply(refused);
        }
    }

    /** The check passed. */
    enum Allowed implements LabelDecision {
        /** The only value: an allowed decision carries nothing, so one instance serves every caller. */
        ALLOWED
    }

    /**
     * The check failed.
     *
     * @param rule    the rule that refused; see {@link SecurityRule} for how to answer each
     * @param message what is wrong and how to fix it, in words for the user who made the request;
     *                it mentions only labels that user may read and the user's own clearance and
     *                country. For {@link SecurityRule#R1_READ} it is deliberately uninformative
     */
    record Refused(SecurityRule rule, String message) implements LabelDecision {

        /** Both parts are required. */
        public Refused {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
        }
    }
}
