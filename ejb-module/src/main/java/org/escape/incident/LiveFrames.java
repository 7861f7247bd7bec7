package org.escape.incident;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Collection;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.identity.Person;

/**
 * The JSON of the live channel (docs/api-incidents.md) and of timeline entries, which REST returns
 * in exactly the same shape: one encoder, so a socket frame and a REST page can never disagree.
 * Only documented fields are written: people without clearances or e-mail, labels with markings.
 *
 * <p>Stateless and thread-safe.
 */
public final class LiveFrames {

    private static final JsonProvider JSON = JsonProvider.provider();

    private LiveFrames() {
    }

    /** A timeline entry as REST lists it and as the {@code message} frame carries it. */
    public static JsonObject entry(TimelineEntry entry) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", entry.id().toString())
                .add("incidentId", entry.incidentId().toString())
                .add("seq", entry.seq());
        nullable(json, "clientId", entry.clientId());
        return json.add("kind", entry.kind().name())
                .add("author", person(entry.author()))
                .add("body", entry.body())
                .add("html", entry.html())
                .add("label", label(entry.label()))
                .add("marking", entry.label().marking())
                .add("createdAt", entry.createdAt().toString())
                .build();
    }

    public static JsonObject person(Person person) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", person.id().toString())
                .add("username", person.username());
        nullable(json, "displayName", person.displayName());
        nullable(json, "country", person.country());
        return json.build();
    }

    public static JsonObject label(Label label) {
        JsonArrayBuilder countries = JSON.createArrayBuilder();
        label.releasableTo().asList().forEach(countries::add);
        return JSON.createObjectBuilder()
                .add("classification", label.classification().name())
                .add("releasableTo", countries)
                .build();
    }

    static String message(TimelineEntry entry) {
        return frame("message").add("incident", entry.incidentId().toString()).add("message", entry(entry)).build().toString();
    }

    static String subscribed(UUID incident, long latestSeq, boolean more) {
        return frame("subscribed").add("incident", incident.toString()).add("latestSeq", latestSeq).add("more", more)
                .build().toString();
    }

    static String unsubscribed(UUID incident) {
        return frame("unsubscribed").add("incident", incident.toString()).build().toString();
    }

    static String status(UUID incident, IncidentStatus status) {
        return frame("status").add("incident", incident.toString()).add("status", status.name()).build().toString();
    }

    static String presence(UUID incident, Collection<Person> online) {
        JsonArrayBuilder people = JSON.createArrayBuilder();
        online.forEach(p -> people.add(person(p)));
        return frame("presence").add("incident", incident.toString()).add("online", people).build().toString();
    }

    static String typing(UUID incident, Person user) {
        return frame("typing").add("incident", incident.toString()).add("user", person(user)).build().toString();
    }

    static String notification(String kind, long unreadCount) {
        return frame("notification").add("kind", kind).add("unreadCount", unreadCount).build().toString();
    }

    /** An {@code ack} for a stored message. */
    public static String ack(TimelineEntry entry) {
        return frame("ack").add("incident", entry.incidentId().toString()).add("clientId", entry.clientId())
                .add("seq", entry.seq()).add("id", entry.id().toString()).build().toString();
    }

    public static String pong() {
        return frame("pong").build().toString();
    }

    /**
     * An {@code error} frame.
     *
     * @param code     one of the documented codes ({@code bad_request}, {@code not_found}, …)
     * @param ref      the clientId of the send it answers, or null
     * @param incident the incident it concerns, or null
     */
    public static String error(String code, String message, String ref, UUID incident) {
        JsonObjectBuilder json = frame("error").add("code", code).add("message", message);
        nullable(json, "ref", ref);
        nullable(json, "incident", incident == null ? null : incident.toString());
        return json.build().toString();
    }

    private static JsonObjectBuilder frame(String type) {
        return JSON.createObjectBuilder().add("type", type);
    }

    private static void nullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
