package org.escape.web.api;

import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.escape.access.InvalidLabelException;
import org.escape.platform.ConflictException;
import org.escape.platform.EscapeException;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.ItemNotFoundException;
import org.escape.platform.PayloadTooLargeException;
import org.escape.platform.RateLimitedException;
import org.escape.platform.NotPermittedException;
import org.escape.platform.UnavailableException;

/**
 * The one place where failures become HTTP answers: every exception ends as
 * {@code application/problem+json} with a message written for the caller. Unexpected failures
 * are logged with a reference the user can quote; the response carries only that reference, never
 * a stack trace, SQL or class name.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        Response response = ProblemResponses.of(problemFor(cause));
        if (cause instanceof RateLimitedException limited) {
            response.getHeaders().putSingle("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        return response;
    }

    private Problem problemFor(Throwable cause) {
        if (cause instanceof InvalidRequestException invalid) {
            List<Problem.FieldError> errors = invalid.errors().stream()
                    .map(e -> new Problem.FieldError(e.field(), e.message()))
                    .toList();
            return new Problem(ProblemKind.INVALID_REQUEST.type(), ProblemKind.INVALID_REQUEST.title(), 400,
                    invalid.getMessage(), errors.isEmpty() ? null : errors);
        }
        if (cause instanceof InvalidLabelException label) {
            return new Problem(ProblemKind.INVALID_REQUEST.type(), ProblemKind.INVALID_REQUEST.title(), 400,
                    label.getMessage(), List.of(new Problem.FieldError("label." + label.field(), label.getMessage())));
        }
        if (cause instanceof ItemNotFoundException) {
            return Problem.of(ProblemKind.NOT_FOUND, ItemNotFoundException.MESSAGE);
        }
        if (cause instanceof PayloadTooLargeException) {
            return Problem.of(ProblemKind.TOO_LARGE, cause.getMessage());
        }
        if (cause instanceof RateLimitedException) {
            return Problem.of(ProblemKind.RATE_LIMITED, cause.getMessage());
        }
        if (cause instanceof ConflictException) {
            return Problem.of(ProblemKind.CONFLICT, cause.getMessage());
        }
        if (cause instanceof NotPermittedException) {
            return Problem.of(ProblemKind.NOT_PERMITTED, cause.getMessage());
        }
        if (cause instanceof UnavailableException) {
            LOG.log(Level.WARNING, "Dependency unavailable: {0}", cause.getMessage());
            return Problem.of(ProblemKind.UNAVAILABLE, cause.getMessage());
        }
        if (cause instanceof EscapeException) {
            return Problem.of(ProblemKind.INVALID_REQUEST, cause.getMessage());
        }
        if (cause instanceof ConstraintViolationException violations) {
            List<Problem.FieldError> errors = violations.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                    .toList();
            return new Problem(ProblemKind.INVALID_REQUEST.type(), ProblemKind.INVALID_REQUEST.title(), 400,
                    "Some fields are invalid.", errors);
        }
        if (cause instanceof JsonbException || cause instanceof JsonParsingException
                || cause instanceof ProcessingException) {
            return Problem.of(ProblemKind.INVALID_REQUEST, "The request body is not valid JSON of the expected shape.");
        }
        if (cause instanceof NotAuthorizedException) {
            return Problem.of(ProblemKind.UNAUTHENTICATED,
                    "Send a valid access token of the realm 'escape' as 'Authorization: Bearer <token>'.");
        }
        if (cause instanceof NotFoundException) {
            return Problem.of(ProblemKind.NOT_FOUND, ItemNotFoundException.MESSAGE);
        }
        if (cause instanceof NotAllowedException) {
            return Problem.of(ProblemKind.METHOD_NOT_ALLOWED, "This method is not allowed on this resource.");
        }
        if (cause instanceof jakarta.ws.rs.ForbiddenException) {
            return Problem.of(ProblemKind.NOT_PERMITTED, "Your role does not allow this function.");
        }
        if (cause instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            ProblemKind kind = ProblemKind.forStatus(web.getResponse().getStatus());
            return new Problem(kind.type(), kind.title(), web.getResponse().getStatus(), kind.title() + ".", null);
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, cause);
        return Problem.of(ProblemKind.INTERNAL,
                "Something went wrong on our side. Quote reference " + reference + " when you report it.");
    }

    private static Throwable unwrap(Throwable thrown) {
        // an application exception may arrive wrapped by the container or the JSON reader
        for (Throwable link = thrown; link != null; link = link.getCause()) {
            if (link instanceof EscapeException) {
                return link;
            }
        }
        Throwable current = thrown;
        while ((current instanceof EJBException || current instanceof jakarta.transaction.RollbackException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
