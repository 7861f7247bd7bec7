package org.escape.incident;

import java.util.Set;
import java.util.UUID;
import org.escape.access.IncidentAccess;
import org.escape.access.Label;

/**
 * CDI event, fired inside the writing transaction: a chat message mentioning people was written;
 * notifications are made for those of them who may read it.
 */
public record MessageWritten(UUID messageId, UUID incidentId, UUID authorId, Label incidentLabel, IncidentAccess access,
                             Label messageLabel, Set<String> mentions) {
}
