package org.escape.knowledge.stix;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.escape.knowledge.ArticleReference;

/**
 * Reads a STIX 2.0/2.1 bundle of ATT&CK data and returns its mitigations.
 *
 * <p>What is checked (each failure a {@link StixBundleException} naming the first problem): the body
 * is JSON; it is an object with {@code "type": "bundle"} and an {@code "objects"} array; every object is
 * a JSON object with a string {@code type} and an {@code id} of the form {@code <type>--<uuid>}; a
 * {@code course-of-action} in use has a name of 1–200 characters and a string description if any; the
 * fields an import reads have the JSON type STIX gives them. Problems with the bundle itself are
 * reported before problems with its objects; among objects, the first in bundle order.
 *
 * <p>What is left out without an error: revoked or deprecated objects ({@code "revoked": true},
 * {@code "x_mitre_deprecated": true}); {@code mitigates} relationships whose mitigation or technique
 * is not in the bundle or left out; URLs other than absolute http(s) ones; objects of other types.
 *
 * <p>Stateless and thread-safe; {@link #parse} reads the stream once, to its end, and does not close it.
 */
public final class StixBundle {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
    private static final String MITRE_ATTACK = "mitre-attack";
    private static final int MAX_NAME = 200;
    private static final int MAX_URL = 2_000;
    private static final int MAX_SOURCE_TITLE = 200;

    private StixBundle() {
    }

    /**
     * Parses and validates a whole STIX 2.x bundle; throws on the first problem, before anything is returned.
     *
     * @param json the bundle: UTF-8 (a byte-order mark is allowed), or UTF-16/32 as JSON-P detects them; read to the end, not closed
     * @return the mitigations that are neither revoked nor deprecated, ordered by ATT&CK id (those without
     *         one last, by name), each with the techniques it mitigates
     * @throws StixBundleException when the body is not JSON, not a bundle, or an object in use is malformed;
     *         its message is meant for the person who uploaded the bundle
     */
    public static List<StixMitigation> parse(InputStream json) throws StixBundleException {
        Objects.requireNonNull(json, "json");
        Reading reading = new Reading();
        try (JsonParser parser = BodyStart.parser(json)) {
            reading.readBody(parser);
        } catch (JsonParsingException e) {
            throw notJson(e);
        } catch (JsonException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new StixBundleException("", "The body is not valid JSON: it is not UTF-8 text.");
            }
            throw new StixBundleException("", "The body could not be read as JSON: " + e.getMessage());
        } catch (IOException e) {
            throw new StixBundleException("", "The body could not be read: " + e.getMessage());
        }
        return reading.mitigations();
    }

    private static StixBundleException notJson(JsonParsingException e) {
        JsonLocation at = e.getLocation();
        String message = String.valueOf(e.getMessage());
        String what = message.contains("EOF") || message.contains("char -1") ? "it ends too early" : "unexpected content";
        String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
        return new StixBundleException("", "The body is not valid JSON: " + what + where + ".");
    }

    /** The state of one parse: the bundle's own members, the first object problem, the objects kept. */
    private static final class Reading {

        private boolean typeSeen;
        private String type;
        private boolean objectsSeen;
        private JsonValue.ValueType objectsType;
        private StixBundleException firstObjectProblem;

        private final Map<String, Mitigation> mitigations = new LinkedHashMap<>();
        private final Map<String, Technique> techniques = new LinkedHashMap<>();
        private final Map<String, String> idOfIndex = new HashMap<>(); // kept id -> "objects[i]"
        private final List<Link> links = new ArrayList<>();

        void readBody(JsonParser parser) throws StixBundleException {
            if (parser == null || !parser.hasNext()) {
                throw new StixBundleException("", "The body is empty: expected a STIX bundle (a JSON object with "
                        + "\"type\": \"bundle\" and an \"objects\" array).");
            }
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT) {
                throw new StixBundleException("", "The body is not a STIX bundle: it is " + describe(first)
                        + ", not a JSON object with \"type\": \"bundle\" and an \"objects\" array.");
            }
            JsonParser.Event event;
            while ((event = parser.next()) != JsonParser.Event.END_OBJECT) {
                String key = parser.getString(); // event is KEY_NAME
                JsonParser.Event value = parser.next();
                switch (key) {
                    case "type" -> {
                        typeSeen = true;
                        type = value == JsonParser.Event.VALUE_STRING ? parser.getString() : null;
                        consume(parser, value);
                    }
                    case "objects" -> {
                        if (objectsSeen) {
                            throw new StixBundleException("objects", "objects: the bundle has two \"objects\" members.");
                        }
                        objectsSeen = true;
                        if (value == JsonParser.Event.START_ARRAY) {
                            objectsType = JsonValue.ValueType.ARRAY;
                            readObjects(parser);
                        } else {
                            objectsType = consume(parser, value).getValueType();
                        }
                    }
                    default -> consume(parser, value);
                }
            }
            if (parser.hasNext()) {
                parser.next(); // the parser reports content after the bundle as invalid JSON
                throw new StixBundleException("", "The body is not valid JSON: more content follows the bundle.");
            }
            if (!typeSeen) {
                throw new StixBundleException("type", "type: the body is not a STIX bundle: it has no \"type\": \"bundle\".");
            }
            if (!"bundle".equals(type)) {
                throw new StixBundleException("type", "type: the body is not a STIX bundle: \"type\" is "
                        + (type == null ? "not a string" : quote(type)) + ", expected \"bundle\".");
            }
            if (!objectsSeen) {
                throw new StixBundleException("objects", "objects: the bundle has no \"objects\" array.");
            }
            if (objectsType != JsonValue.ValueType.ARRAY) {
                throw new StixBundleException("objects", "objects: \"objects\" must be an array, not "
                        + objectsType.name().toLowerCase(Locale.ROOT) + ".");
            }
            if (firstObjectProblem != null) {
                throw firstObjectProblem;
            }
        }

        /** Reads every element; after the first problem, elements are still parsed (for JSON errors) but not checked. */
        private void readObjects(JsonParser parser) {
            int index = 0;
            JsonParser.Event event;
            while ((event = parser.next()) != JsonParser.Event.END_ARRAY) {
                String at = "objects[" + index + "]";
                if (event == JsonParser.Event.START_OBJECT) {
                    JsonObject object = parser.getObject();
                    if (firstObjectProblem == null) {
                        try {
                            accept(object, at);
                        } catch (StixBundleException e) {
                            firstObjectProblem = e;
                        }
                    }
                } else {
                    consume(parser, event);
                    if (firstObjectProblem == null) {
                        firstObjectProblem = new StixBundleException(at, at + " is " + describe(event)
                                + ", not a JSON object: every STIX object is an object with a \"type\" and an \"id\".");
                    }
                }
                index++;
            }
        }

        private void accept(JsonObject o, String at) throws StixBundleException {
            JsonValue typeValue = o.get("type");
            if (typeValue == null || typeValue.getValueType() == JsonValue.ValueType.NULL) {
                throw problem(at, "type", "is missing: every STIX object needs a \"type\".");
            }
            if (!(typeValue instanceof JsonString typeString) || typeString.getString().isBlank()) {
                throw problem(at, "type", "must be a non-empty string.");
            }
            String objectType = typeString.getString();
            JsonValue idValue = o.get("id");
            if (idValue == null || idValue.getValueType() == JsonValue.ValueType.NULL) {
                throw problem(at, "id", "is missing: every STIX object needs an \"id\" like " + objectType + "--<uuid>.");
            }
            if (!(idValue instanceof JsonString idString) || !isIdOf(objectType, idString.getString())) {
                throw problem(at, "id", (idValue instanceof JsonString s ? quote(s.getString()) : "(not a string)")
                        + " is not a STIX id: expected " + objectType + "--<uuid>.");
            }
            String id = idString.getString();
            switch (objectType) {
                case "course-of-action" -> acceptMitigation(o, at, id);
                case "attack-pattern" -> acceptTechnique(o, at, id);
                case "relationship" -> acceptRelationship(o, at);
                default -> {
                    // identity, marking-definition, x-mitre-tactic, malware, …: not used by an import
                }
            }
        }

        private void acceptMitigation(JsonObject o, String at, String id) throws StixBundleException {
            if (isLeftOut(o, at)) {
                return;
            }
            String name = requiredName(o, at, "a course-of-action");
            String description = AttackText.clean(optionalString(o, at, "description"));
            Instant modified = optionalInstant(o, at);
            References refs = references(o, at, true);
            remember(id, at);
            mitigations.put(id, new Mitigation(id, refs.externalId, name, description, refs.url, modified, refs.sources));
        }

        private void acceptTechnique(JsonObject o, String at, String id) throws StixBundleException {
            if (isLeftOut(o, at)) {
                return;
            }
            String name = requiredName(o, at, "an attack-pattern");
            References refs = references(o, at, false);
            LinkedHashSet<String> tactics = new LinkedHashSet<>();
            JsonValue phases = o.get("kill_chain_phases");
            if (phases != null && phases.getValueType() != JsonValue.ValueType.NULL) {
                if (!(phases instanceof JsonArray array)) {
                    throw problem(at, "kill_chain_phases", "must be an array.");
                }
                for (int i = 0; i < array.size(); i++) {
                    if (!(array.get(i) instanceof JsonObject phase)) {
                        throw problem(at, "kill_chain_phases[" + i + "]", "must be an object.");
                    }
                    String chain = phase.getString("kill_chain_name", null);
                    String phaseName = phase.getString("phase_name", null);
                    if (MITRE_ATTACK.equals(chain) && phaseName != null && !phaseName.isBlank()) {
                        tactics.add(phaseName.strip());
                    }
                }
            }
            remember(id, at);
            techniques.put(id, new Technique(id, refs.externalId, name, refs.url, List.copyOf(tactics)));
        }

        private void acceptRelationship(JsonObject o, String at) throws StixBundleException {
            if (!"mitigates".equals(o.getString("relationship_type", null)) || isLeftOut(o, at)) {
                return;
            }
            String source = requiredRef(o, at, "source_ref");
            String target = requiredRef(o, at, "target_ref");
            String guidance = AttackText.clean(optionalString(o, at, "description"));
            links.add(new Link(source, target, guidance));
        }

        private void remember(String id, String at) throws StixBundleException {
            String earlier = idOfIndex.putIfAbsent(id, at);
            if (earlier != null) {
                throw problem(at, "id", quote(id) + " appears twice in the bundle (also " + earlier + ").");
            }
        }

        /** Revoked or deprecated: left out. The flags must be booleans when present. */
        private static boolean isLeftOut(JsonObject o, String at) throws StixBundleException {
            return flag(o, at, "revoked") | flag(o, at, "x_mitre_deprecated");
        }

        private static boolean flag(JsonObject o, String at, String member) throws StixBundleException {
            JsonValue value = o.get(member);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return false;
            }
            if (value.getValueType() == JsonValue.ValueType.TRUE) {
                return true;
            }
            if (value.getValueType() == JsonValue.ValueType.FALSE) {
                return false;
            }
            throw problem(at, member, "must be true or false.");
        }

        private static String requiredName(JsonObject o, String at, String kind) throws StixBundleException {
            JsonValue value = o.get("name");
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                throw problem(at, "name", "is missing: " + kind + " needs a name.");
            }
            if (!(value instanceof JsonString string)) {
                throw problem(at, "name", "must be a string.");
            }
            // Control and format characters (zero-width spaces, …) are dropped as the knowledge base drops them.
            String name = AttackText.oneLine(CONTROL.matcher(string.getString()).replaceAll(""));
            if (name.isEmpty()) {
                throw problem(at, "name", "is blank: " + kind + " needs a name.");
            }
            if (name.length() > MAX_NAME) {
                throw problem(at, "name", "is " + name.length() + " characters long; at most " + MAX_NAME + " are allowed.");
            }
            return name;
        }

        private static String optionalString(JsonObject o, String at, String member) throws StixBundleException {
            JsonValue value = o.get(member);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return "";
            }
            if (!(value instanceof JsonString string)) {
                throw problem(at, member, "must be a string.");
            }
            return string.getString();
        }

        private static Instant optionalInstant(JsonObject o, String at) throws StixBundleException {
            String text = optionalString(o, at, "modified");
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw problem(at, "modified", quote(text) + " is not a timestamp like 2024-10-17T18:54:36.723Z.");
            }
        }

        private static String requiredRef(JsonObject o, String at, String member) throws StixBundleException {
            JsonValue value = o.get(member);
            if (!(value instanceof JsonString string) || !isId(string.getString())) {
                throw problem(at, member, value == null ? "is missing: a relationship needs a " + member + "."
                        : "must be a STIX id like course-of-action--<uuid>.");
            }
            return string.getString();
        }

        /** The ATT&CK id and page from the {@code mitre-attack} reference, and the other, cited, sources. */
        private static References references(JsonObject o, String at, boolean withSources) throws StixBundleException {
            References refs = new References();
            JsonValue value = o.get("external_references");
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return refs;
            }
            if (!(value instanceof JsonArray array)) {
                throw problem(at, "external_references", "must be an array.");
            }
            boolean attackSeen = false;
            LinkedHashSet<String> urls = new LinkedHashSet<>();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof JsonObject ref)) {
                    throw problem(at, "external_references[" + i + "]", "must be an object.");
                }
                String sourceName = AttackText.oneLine(text(ref, "source_name"));
                if (MITRE_ATTACK.equals(sourceName)) {
                    if (!attackSeen) {
                        attackSeen = true;
                        String externalId = text(ref, "external_id").strip();
                        refs.externalId = externalId.isEmpty() ? null : externalId;
                        refs.url = httpUrl(text(ref, "url"));
                    }
                    continue;
                }
                String url = withSources && !sourceName.isEmpty() ? httpUrl(text(ref, "url")) : null;
                if (url != null && urls.add(url)) {
                    String description = AttackText.oneLine(text(ref, "description"));
                    String title = !description.isEmpty() && description.length() < MAX_SOURCE_TITLE
                            ? description : AttackText.cut(sourceName, MAX_SOURCE_TITLE);
                    refs.sources.add(new ArticleReference(title, url));
                }
            }
            return refs;
        }

        /** A string member, or "" when absent or of another type (references are read leniently). */
        private static String text(JsonObject o, String member) {
            return o.get(member) instanceof JsonString s ? s.getString() : "";
        }

        List<StixMitigation> mitigations() {
            Map<String, String> nameByExternalId = new HashMap<>();
            for (Technique t : techniques.values()) {
                if (t.externalId != null) {
                    nameByExternalId.putIfAbsent(t.externalId, t.name);
                }
            }
            Map<String, Map<String, MitigatedTechnique>> byMitigation = new HashMap<>();
            for (Link link : links) {
                Technique t = techniques.get(link.target);
                if (t == null || !mitigations.containsKey(link.source)) {
                    continue; // absent, revoked or deprecated: left out
                }
                byMitigation.computeIfAbsent(link.source, k -> new LinkedHashMap<>())
                        .merge(t.id, t.mitigated(displayName(t, nameByExternalId), link.guidance), Reading::sameTechnique);
            }
            List<StixMitigation> result = new ArrayList<>(mitigations.size());
            for (Mitigation m : mitigations.values()) {
                List<MitigatedTechnique> mitigated = new ArrayList<>(
                        byMitigation.getOrDefault(m.id, Map.of()).values());
                mitigated.sort(Comparator.comparing(MitigatedTechnique::externalId, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(MitigatedTechnique::name).thenComparing(MitigatedTechnique::stixId));
                result.add(new StixMitigation(m.id, m.externalId, m.name, m.description, m.url, m.modified, mitigated,
                        m.sources));
            }
            result.sort(Comparator.comparing(StixMitigation::externalId, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(StixMitigation::name).thenComparing(StixMitigation::stixId));
            return List.copyOf(result);
        }

        /** Two {@code mitigates} between the same pair: one technique, both guidances (each once). */
        private static MitigatedTechnique sameTechnique(MitigatedTechnique a, MitigatedTechnique b) {
            if (b.guidance().isEmpty() || a.guidance().contains(b.guidance())) {
                return a;
            }
            String guidance = a.guidance().isEmpty() ? b.guidance() : a.guidance() + "\n\n" + b.guidance();
            return new MitigatedTechnique(a.stixId(), a.externalId(), a.name(), a.url(), a.tactics(), guidance);
        }

        /** "Parent: Sub" for a sub-technique (T1059.001) whose parent (T1059) is in the bundle, as ATT&CK shows it. */
        private static String displayName(Technique t, Map<String, String> nameByExternalId) {
            if (t.externalId == null) {
                return t.name;
            }
            int dot = t.externalId.indexOf('.');
            String parent = dot > 0 ? nameByExternalId.get(t.externalId.substring(0, dot)) : null;
            return parent == null || t.name.startsWith(parent + ":") ? t.name : parent + ": " + t.name;
        }
    }

    private record Mitigation(String id, String externalId, String name, String description, String url,
            Instant modified, List<ArticleReference> sources) {
    }

    private record Technique(String id, String externalId, String name, String url, List<String> tactics) {

        MitigatedTechnique mitigated(String displayName, String guidance) {
            return new MitigatedTechnique(id, externalId, displayName, url, tactics, guidance);
        }
    }

    private record Link(String source, String target, String guidance) {
    }

    private static final class References {
        String externalId;
        String url;
        final List<ArticleReference> sources = new ArrayList<>();
    }

    private static StixBundleException problem(String at, String member, String what) {
        String pointer = at + "." + member;
        return new StixBundleException(pointer, pointer + " " + what);
    }

    private static boolean isIdOf(String type, String id) {
        return id.length() == type.length() + 2 + 36 && id.startsWith(type) && id.startsWith("--", type.length())
                && UUID.matcher(id).region(type.length() + 2, id.length()).matches();
    }

    private static boolean isId(String id) {
        int separator = id.indexOf("--");
        return separator > 0 && isIdOf(id.substring(0, separator), id);
    }

    /** An absolute http(s) URL with a host, at most 2,000 characters, or null. */
    static String httpUrl(String text) {
        String url = text == null ? "" : text.strip();
        if (url.isEmpty() || url.length() > MAX_URL) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getHost().isEmpty()) {
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String describe(JsonParser.Event event) {
        return switch (event) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "not an object";
        };
    }

    /** Parses (and so checks) whatever value the parser stands on, and returns it. */
    private static JsonValue consume(JsonParser parser, JsonParser.Event event) {
        return switch (event) {
            case START_OBJECT -> parser.getObject();
            case START_ARRAY -> parser.getArray();
            default -> parser.getValue();
        };
    }

    private static String quote(String text) {
        return "\"" + AttackText.cut(text, 80) + "\"";
    }
}
