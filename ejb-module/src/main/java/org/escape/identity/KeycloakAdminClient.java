package org.escape.identity;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads users and admin events from Keycloak's admin REST API as the confidential client
 * {@code escape-backend} (client-credentials grant; its service account holds view-users,
 * query-users, view-events and view-realm — read-only).
 *
 * <p>Plain JDK {@link HttpClient} and JSON-P rather than {@code keycloak-admin-client}: see the
 * package documentation. Every failure — connection refused, timeout, 5xx, a refused client, a body
 * that is not the expected JSON — becomes {@link IdentityProviderUnavailableException}; the
 * caller decides what that means (the request path fails closed, the poller waits).
 *
 * <p>Thread-safe: the HTTP client is shared, the service-account token is an immutable value
 * replaced atomically.
 */
@ApplicationScoped
public class KeycloakAdminClient {

    /** Looked up once: {@code Json.create…} searches for a provider on every call. */
    private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(15);

    /** The service-account token and when to stop using it. */
    private record ServiceToken(String value, Instant refreshAfter) {
    }

    @Inject
    @ConfigProperty(name = "escape.keycloak.url", defaultValue = "http://localhost:8180")
    String keycloakUrl;

    @Inject
    @ConfigProperty(name = "escape.keycloak.realm", defaultValue = "escape")
    String realm;

    @Inject
    @ConfigProperty(name = "escape.keycloak.backend-client", defaultValue = "escape-backend")
    String clientId;

    /** Reaches Payara as a password alias ({@code escape-backend-secret}); see dev/payara/domain.asadmin. */
    @Inject
    @ConfigProperty(name = "escape.keycloak.backend-secret")
    Optional<String> clientSecret;

    private final Clock clock = Clock.systemUTC();
    private HttpClient http;
    private volatile ServiceToken token;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** True when a client secret is configured (and not an unresolved alias reference). */
    public boolean configured() {
        return clientSecret.filter(s -> !s.isBlank() && !s.startsWith("${")).isPresent();
    }

    /**
     * One user with their effective realm roles, or empty when Keycloak does not know the id
     * (deleted, or never existed).
     *
     * @throws IdentityProviderUnavailableException when Keycloak cannot be asked
     */
    public Optional<KeycloakUser> user(String id) {
        Optional<JsonStructure> user = get(adminPath("users/" + encode(id)), true);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toUser(asObject(user.get()), realmRoles(id)));
    }

    /**
     * One page of all users with their attributes (no roles: those take one more call per user,
     * see {@link #realmRoles(String)}).
     *
     * @return the raw user objects of the page; fewer than {@code max} means the last page
     */
    public List<JsonObject> userPage(int first, int max) {
        JsonStructure page = get(adminPath("users?briefRepresentation=false&first=" + first + "&max=" + max), false)
                .orElseThrow();
        return asArray(page).getValuesAs(JsonObject.class);
    }

    /** The names of a user's effective realm roles (composite roles expanded, as tokens carry them). */
    public List<String> realmRoles(String id) {
        Optional<JsonStructure> roles = get(adminPath("users/" + encode(id) + "/role-mappings/realm/composite"), true);
        if (roles.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (JsonValue role : asArray(roles.get())) {
            if (role instanceof JsonObject object && object.get("name") instanceof JsonString name) {
                names.add(name.getString());
            }
        }
        return names;
    }

    /**
     * Admin events recorded at or after {@code fromMillis} (Keycloak's clock), oldest first.
     *
     * @param resourceTypes the resource types to ask for
     */
    public List<AdminEvent> adminEvents(long fromMillis, int first, int max, List<String> resourceTypes) {
        StringBuilder query = new StringBuilder("admin-events?dateFrom=").append(fromMillis)
                .append("&first=").append(first).append("&max=").append(max).append("&direction=asc");
        resourceTypes.forEach(type -> query.append("&resourceTypes=").append(encode(type)));
        JsonStructure events = get(adminPath(query.toString()), false).orElseThrow();
        List<AdminEvent> result = new ArrayList<>();
        for (JsonObject event : asArray(events).getValuesAs(JsonObject.class)) {
            result.add(new AdminEvent(event.getString("id", ""),
                    event.getJsonNumber("time") == null ? 0 : event.getJsonNumber("time").longValue(),
                    event.getString("resourceType", ""), event.getString("operationType", ""),
                    event.getString("resourcePath", "")));
        }
        return result;
    }

    /** A raw user object of {@link #userPage} plus its roles, normalised. */
    public static KeycloakUser toUser(JsonObject user, List<String> realmRoles) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        JsonObject raw = user.getJsonObject("attributes");
        if (raw != null) {
            raw.forEach((name, values) -> {
                if (values instanceof JsonArray array) {
                    attributes.put(name, array.getValuesAs(JsonValue.class).stream()
                            .filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList());
                }
            });
        }
        return KeycloakUser.of(user.getString("id"), user.getString("username"),
                user.getString("firstName", null), user.getString("lastName", null), attributes,
                user.getBoolean("enabled", false), realmRoles);
    }

    private String adminPath(String path) {
        return keycloakUrl + "/admin/realms/" + encode(realm) + "/" + path;
    }

    private Optional<JsonStructure> get(String url, boolean notFoundIsEmpty) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + serviceToken())
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 401) {
            token = null; // revoked or expired early: fetch a new one next time
        }
        if (response.statusCode() == 404 && notFoundIsEmpty) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IdentityProviderUnavailableException(
                    new IOException("Keycloak answered " + response.statusCode() + " to GET " + url));
        }
        return Optional.of(parse(response.body()));
    }

    private String serviceToken() {
        ServiceToken current = token;
        if (current != null && clock.instant().isBefore(current.refreshAfter())) {
            return current.value();
        }
        if (!configured()) {
            throw new IdentityProviderUnavailableException(new IllegalStateException(
                    "escape.keycloak.backend-secret is not configured (password alias escape-backend-secret)"));
        }
        Instant asked = clock.instant();
        String form = "grant_type=client_credentials&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret.orElseThrow());
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(keycloakUrl + "/realms/" + encode(realm) + "/protocol/openid-connect/token"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IdentityProviderUnavailableException(new IOException(
                    "Keycloak refused a service-account token for " + clientId + ": " + response.statusCode()));
        }
        JsonObject body = asObject(parse(response.body()));
        long lifetime = body.containsKey("expires_in") ? body.getJsonNumber("expires_in").longValue() : 60;
        Instant refreshAfter = asked.plusSeconds(lifetime).minus(TOKEN_MARGIN);
        ServiceToken fresh = new ServiceToken(body.getString("access_token"), refreshAfter);
        token = fresh;
        return fresh.value();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IdentityProviderUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityProviderUnavailableException(e);
        }
    }

    private static JsonStructure parse(String body) {
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            return reader.read();
        } catch (RuntimeException e) {
            throw new IdentityProviderUnavailableException(e);
        }
    }

    private static JsonObject asObject(JsonStructure json) {
        if (json instanceof JsonObject object) {
            return object;
        }
        throw new IdentityProviderUnavailableException(new IOException("expected a JSON object from Keycloak"));
    }

    private static JsonArray asArray(JsonStructure json) {
        if (json instanceof JsonArray array) {
            return array;
        }
        throw new IdentityProviderUnavailableException(new IOException("expected a JSON array from Keycloak"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
