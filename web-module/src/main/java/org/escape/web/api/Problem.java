package org.escape.web.api;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer.
 *
 * @param type   a URI naming the kind of problem
 * @param title  a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong with this request, for a person
 * @param errors the offending fields (400 only), otherwise absent
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "errors"})
@JsonbNillable(false)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(ProblemKind kind, String detail) {
        return new Problem(kind.type(), kind.title(), kind.status(), detail, null);
    }
}
