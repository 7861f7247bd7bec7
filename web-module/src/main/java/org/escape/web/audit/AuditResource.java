package org.escape.web.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.escape.access.Role;
import org.escape.audit.AuditPage;
import org.escape.audit.AuditQuery;
import org.escape.audit.AuditTrail;
import org.escape.audit.AuditVerifier;
import org.escape.platform.InvalidRequestException;
import org.escape.web.api.PageView;
import org.escape.web.identity.Caller;

/** {@code /api/v1/audit}: read and verify the audit trail (role {@code auditor}, from the local record). */
@Path("audit")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    private Caller caller;

    @Inject
    private AuditTrail trail;

    @Inject
    private AuditVerifier verifier;

    @GET
    @Operation(summary = "Audit records, newest first",
            description = "Filters: actor (username), action (name or dotted prefix), object (id or type),"
                    + " from/to (ISO-8601 instants). Auditors only.")
    public PageView<AuditEntryView> search(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                           @QueryParam("object") String object, @QueryParam("from") String from,
                                           @QueryParam("to") String to,
                                           @QueryParam("page") @DefaultValue("0") int page,
                                           @QueryParam("size") @DefaultValue("20") int size) {
        caller.requireRole(Role.AUDITOR, "audit.read");
        if (page < 0 || size < 1 || size > 100) {
            throw new InvalidRequestException("page must be 0 or more and size between 1 and 100.",
                    List.of(new InvalidRequestException.FieldError(page < 0 ? "page" : "size", "out of range")));
        }
        AuditPage result = trail.search(new AuditQuery(actor, action, object, instant("from", from),
                instant("to", to), page, size));
        return new PageView<>(result.items().stream().map(AuditEntryView::of).toList(), result.total(),
                result.page(), result.size());
    }

    @GET
    @Path("verify")
    @Operation(summary = "Verify the whole hash chain", description = "Reports the first broken sequence number, if any.")
    public AuditVerificationView verify() {
        caller.requireRole(Role.AUDITOR, "audit.verify");
        return AuditVerificationView.of(verifier.verify());
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field + " must be an ISO-8601 instant such as 2026-11-23T10:00:00Z.",
                    List.of(new InvalidRequestException.FieldError(field, "not an ISO-8601 instant")));
        }
    }
}
