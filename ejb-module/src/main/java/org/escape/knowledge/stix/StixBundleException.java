package org.escape.knowledge.stix;

import java.util.Objects;

/**
 * A STIX bundle that cannot be imported, with the first problem found. Checked, because a bad
 * upload is an expected outcome the caller must map (to a 400 naming {@link #pointer()}), not a bug.
 */
public final class StixBundleException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String pointer;

    /**
     * @param pointer where the problem is, as {@code objects[12].name}; empty for the body as a whole
     * @param message what is wrong, for the user; it names the pointer when there is one
     */
    StixBundleException(String pointer, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.pointer = Objects.requireNonNull(pointer, "pointer");
    }

    /** Where the problem is, as {@code objects[12].name} or {@code type}; empty for the body as a whole. */
    public String pointer() {
        return pointer;
    }
}
