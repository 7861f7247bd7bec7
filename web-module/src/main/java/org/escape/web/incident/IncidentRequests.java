package org.escape.web.incident;

import org.escape.web.api.LabelView;

/**
 * The request bodies of the incident API. Unknown fields ({@code author}, {@code seq},
 * {@code createdAt}, {@code country}, …) are ignored: nothing but these fields is ever read.
 */
final class IncidentRequests {

    private IncidentRequests() {
    }

    /** {@code POST /incidents}. */
    public record NewIncident(String title, String summary, String severity, LabelView label, String access) {
    }

    /** {@code PATCH /incidents/{id}}. */
    public record IncidentPatch(String status, String title, String summary, String severity, LabelView label) {
    }

    /** {@code POST /incidents/{id}/members}. */
    public record NewMember(String username, String role) {
    }

    /** {@code POST /incidents/{id}/messages}. */
    public record NewMessage(String body, String clientId, LabelView label) {
    }

    /** {@code POST /incidents/{id}/promote}. */
    public record Promotion(String title, String summary, java.util.List<Long> messages, LabelView label) {
    }
}
