package org.escape.web.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Builds problem+json responses; shared by the exception mapper and the authentication filter. */
final class ProblemResponses {

    /** Tells a client without a valid token how to authenticate. */
    static final String BEARER_CHALLENGE = "Bearer realm=\"escape\"";

    private ProblemResponses() {
    }

    static Response of(ProblemKind kind, String detail) {
        return of(Problem.of(kind, detail));
    }

    static Response of(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        return builder.build();
    }
}
