package org.escape.audit;

/** How an audited request ended. */
public enum Outcome {
    /** The action happened. */
    SUCCESS,
    /** The action was refused by an authorization rule. */
    DENIED
}
