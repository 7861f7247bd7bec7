package org.escape.identity;

import java.util.Objects;

/**
 * One Keycloak admin event, reduced to what identity sync needs.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id            Keycloak's event id (may be empty on old servers; then the rest identifies it)
 * @param time          when Keycloak recorded it, epoch milliseconds on Keycloak's clock
 * @param resourceType  e.g. {@code USER}, {@code REALM_ROLE_MAPPING}, {@code GROUP_MEMBERSHIP}
 * @param operationType {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code ACTION}
 * @param resourcePath  e.g. {@code users/<id>} or {@code users/<id>/role-mappings/realm}
 */
public record AdminEvent(String id, long time, String resourceType, String operationType, String resourcePath) {

    /** Validates and normalises missing strings to empty ones. */
    public AdminEvent {
        id = id == null ? "" : id;
        resourceType = resourceType == null ? "" : resourceType;
        operationType = operationType == null ? "" : operationType;
        resourcePath = resourcePath == null ? "" : resourcePath;
    }

    /** A key that tells two deliveries of the same event apart from two different events. */
    public String key() {
        return id.isEmpty() ? time + "|" + resourceType + "|" + operationType + "|" + resourcePath : id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AdminEvent event && event.key().equals(key());
    }

    @Override
    public int hashCode() {
        return Objects.hash(key());
    }
}
