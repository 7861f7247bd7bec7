/**
 * The live socket {@code /ws} (docs/api-incidents.md): the handshake's Origin check, ticket
 * redemption, frame parsing and limits, and the outbound queue of each socket. The rules and the
 * ordering of deliveries live in {@link org.escape.incident.RoomRegistry}; this package only turns
 * frames into calls and calls into frames.
 */
package org.escape.web.live;
