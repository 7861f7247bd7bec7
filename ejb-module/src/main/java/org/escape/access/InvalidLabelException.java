package org.escape.access;

import java.io.Serial;

/**
 * A label, releasability list, marking or stored label that is not well formed. The message is
 * written for the API user who sent it ("KEN appears twice in releasableTo") and names the
 * offending part; it never contains anything the sender did not send.
 *
 * <p>It extends {@link IllegalArgumentException} because this package has no dependency on the
 * application's exception hierarchy. A service that receives a label from a request catches it
 * and answers 400, for example as a field error on {@link #field()}; an instance escaping
 * uncaught means a caller forgot to validate its input.
 *
 * <p>Immutable and thread-safe.
 */
public class InvalidLabelException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** {@link #field()} when the classification is wrong. */
    public static final String CLASSIFICATION = "classification";
    /** {@link #field()} when the releasability list is wrong. */
    public static final String RELEASABLE_TO = "releasableTo";
    /** {@link #field()} when a marking string is wrong. */
    public static final String MARKING = "marking";

    private final String field;

    /**
     * @param field   which part of the label is wrong, in the API's JSON field names:
     *                {@link #CLASSIFICATION}, {@link #RELEASABLE_TO} or {@link #MARKING}
     * @param message what is wrong, in words for the API user
     */
    public InvalidLabelException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The API field that is wrong: {@code classification}, {@code releasableTo} or {@code marking}. */
    public String field() {
        return field;
    }

    /**
     * Quotes a piece of the sender's input for a message: at most 40 characters, control
     * characters replaced, so a hostile value can neither flood a log line nor forge one.
     */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        StringBuilder quoted = new StringBuilder(shown.length() + 2).append('"');
        shown.codePoints().forEach(c -> quoted.appendCodePoint(isPrintable(c) ? c : '?'));
        return quoted.append('"').toString();
    }

    private static boolean isPrintable(int codePoint) {
        int type = Character.getType(codePoint);
        return !Character.isISOControl(codePoint) && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.FORMAT
                && type != Character.SURROGATE && type != Character.UNASSIGNED;
    }
}
