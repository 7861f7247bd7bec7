/**
 * Incident rooms: an incident, its members and its timeline, and the live delivery of that timeline
 * to open sockets.
 *
 * <p>Two promises shape this package. <b>Nothing is delivered that is not stored</b>: a message gets
 * its per-incident {@code seq} from {@code incident.last_seq} under the incident row's lock, is
 * written with its audit record in one transaction, and only after that commit is it acknowledged
 * and pushed ({@link org.escape.incident.TimelineCommitted}, observed after success). Because the
 * lock orders the commits, seqs are gap-free and a committed seq implies every lower one is
 * committed — which lets {@link org.escape.incident.RoomRegistry} deliver every entry once, in
 * order, filling any hole from the database, and lets a client that resumes "after N" get exactly
 * what it missed. <b>Nothing is delivered that may not be read</b>: every delivery decision, REST or
 * socket, is {@link org.escape.access.AccessRules#mayReadIncidentMessage} with the reader's
 * <em>current</em> record and the room's current membership; access changes and membership changes
 * re-check open subscriptions at once.
 *
 * <p>The registry speaks to sockets through {@link org.escape.incident.LiveConnection}, so the
 * web module owns the WebSocket API and this package owns the rules and the ordering.
 */
package org.escape.incident;
