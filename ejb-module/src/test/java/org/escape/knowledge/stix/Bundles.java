package org.escape.knowledge.stix;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test-data builders: small STIX bundles written as JSON text, so a test reads like the bundle it feeds. */
final class Bundles {

    private Bundles() {
    }

    static List<StixMitigation> parse(String json) throws StixBundleException {
        return StixBundle.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A bundle of the given objects (each a JSON object's text). */
    static String bundle(String... objects) {
        return "{\"type\":\"bundle\",\"id\":\"bundle--" + uuid(0) + "\",\"objects\":[" + String.join(",", objects) + "]}";
    }

    /** A fixed, readable UUID per number, so ids are stable across runs. */
    static String uuid(int n) {
        return new UUID(0x1234_5678_9abc_4defL, 0x8000_0000_0000_0000L | n).toString();
    }

    static String id(String type, int n) {
        return type + "--" + uuid(n);
    }

    /** A course-of-action with an ATT&CK reference; {@code extra} is appended inside the object (",\"revoked\":true"). */
    static String mitigation(int n, String externalId, String name, String description, String extra) {
        return "{\"type\":\"course-of-action\",\"id\":\"" + id("course-of-action", n) + "\",\"name\":" + json(name)
                + (description == null ? "" : ",\"description\":" + json(description))
                + ",\"modified\":\"2024-10-17T18:54:36.723Z\""
                + ",\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"" + externalId
                + "\",\"url\":\"https://attack.mitre.org/mitigations/" + externalId + "\"}]" + extra + "}";
    }

    static String technique(int n, String externalId, String name, String extra, String... tactics) {
        List<String> phases = new ArrayList<>();
        for (String tactic : tactics) {
            phases.add("{\"kill_chain_name\":\"mitre-attack\",\"phase_name\":\"" + tactic + "\"}");
        }
        return "{\"type\":\"attack-pattern\",\"id\":\"" + id("attack-pattern", n) + "\",\"name\":" + json(name)
                + ",\"kill_chain_phases\":[" + String.join(",", phases) + "]"
                + ",\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"" + externalId
                + "\",\"url\":\"https://attack.mitre.org/techniques/" + externalId.replace('.', '/') + "\"}]" + extra + "}";
    }

    static String mitigates(int n, int mitigation, int technique, String guidance, String extra) {
        return "{\"type\":\"relationship\",\"id\":\"" + id("relationship", n) + "\",\"relationship_type\":\"mitigates\""
                + ",\"source_ref\":\"" + id("course-of-action", mitigation) + "\",\"target_ref\":\""
                + id("attack-pattern", technique) + "\"" + (guidance == null ? "" : ",\"description\":" + json(guidance))
                + extra + "}";
    }

    static String json(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
