package org.escape.web.api;

/** The kinds of problem the API answers with; each has one type URI, title and status. */
public enum ProblemKind {
    INVALID_REQUEST(400, "Invalid request"),
    UNAUTHENTICATED(401, "Authentication required"),
    NOT_PERMITTED(403, "Not permitted"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    TOO_LARGE(413, "Request too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL(500, "Internal error"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ProblemKind(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String type() {
        return "https://escape.example.org/problems/" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The kind for an HTTP status the container produced on its own (unknown statuses are internal). */
    public static ProblemKind forStatus(int status) {
        for (ProblemKind kind : values()) {
            if (kind.status == status) {
                return kind;
            }
        }
        return status >= 500 ? INTERNAL : INVALID_REQUEST;
    }
}
