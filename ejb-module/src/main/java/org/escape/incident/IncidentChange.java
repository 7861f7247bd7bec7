package org.escape.incident;

import org.escape.access.Label;

/** A change to an incident: any of status, title, summary, severity, label (raise only); null = unchanged. */
public record IncidentChange(String status, String title, String summary, String severity, Label label) {

    boolean isEmpty() {
        return status == null && title == null && summary == null && severity == null && label == null;
    }
}
