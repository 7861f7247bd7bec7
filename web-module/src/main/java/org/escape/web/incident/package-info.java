/**
 * {@code /api/v1/incidents} and {@code /api/v1/ws-tickets}: the REST boundary of incident rooms
 * (docs/api-incidents.md). Thin: parse, call {@link org.escape.incident.IncidentService}, map. Timeline
 * entries are written by {@link org.escape.incident.LiveFrames}, the same encoder as the socket's,
 * so REST pages and live frames have one shape.
 */
package org.escape.web.incident;
