package org.escape.incident;

import org.escape.access.Label;

/** What a user asks for when opening an incident; checked by {@link IncidentService#create}. */
public record IncidentDraft(String title, String summary, String severity, Label label, String access) {
}
