package org.escape.knowledge.stix;

import static org.escape.knowledge.stix.Bundles.bundle;
import static org.escape.knowledge.stix.Bundles.id;
import static org.escape.knowledge.stix.Bundles.mitigates;
import static org.escape.knowledge.stix.Bundles.mitigation;
import static org.escape.knowledge.stix.Bundles.parse;
import static org.escape.knowledge.stix.Bundles.technique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bundles that must be refused, each with the pointer and message the uploader sees; and what is left out quietly. */
class StixBundleMalformedTest {

    private static final String COA = mitigation(1, "M1040", "Behavior Prevention on Endpoint", "Stop it.", "");

    static Stream<Arguments> refused() {
        String coaId = id("course-of-action", 1);
        return Stream.of(
                Arguments.of("not JSON", "this is not json", "", "The body is not valid JSON: unexpected content at line 1, column"),
                Arguments.of("truncated", bundle(COA).substring(0, 120), "", "The body is not valid JSON: it ends too early at line 1, column"),
                Arguments.of("empty body", "", "", "The body is empty"),
                Arguments.of("blank body", " \n ", "", "The body is empty"),
                Arguments.of("tiny body", "{}", "type", "it has no \"type\""),
                Arguments.of("one character", "{", "", "The body is not valid JSON: it ends too early at line 1, column"),
                Arguments.of("error after blank lines", "\n\n  {x}", "", "unexpected content at line 3, column"),
                Arguments.of("trailing content", bundle(COA) + " {}", "", "The body is not valid JSON"),
                Arguments.of("array top level", "[" + COA + "]", "", "The body is not a STIX bundle: it is an array"),
                Arguments.of("string top level", "\"bundle\"", "", "The body is not a STIX bundle: it is a string"),
                Arguments.of("no type", "{\"objects\":[]}", "type", "type: the body is not a STIX bundle: it has no \"type\": \"bundle\"."),
                Arguments.of("wrong type", "{\"type\":\"report\",\"objects\":[]}", "type", "\"type\" is \"report\", expected \"bundle\""),
                Arguments.of("type not a string", "{\"type\":7,\"objects\":[]}", "type", "\"type\" is not a string"),
                Arguments.of("wrong type after a bad object", "{\"objects\":[{}],\"type\":\"x\"}", "type", "expected \"bundle\""),
                Arguments.of("objects missing", "{\"type\":\"bundle\"}", "objects", "objects: the bundle has no \"objects\" array."),
                Arguments.of("objects an object", "{\"type\":\"bundle\",\"objects\":{}}", "objects", "\"objects\" must be an array, not object"),
                Arguments.of("object not an object", bundle(COA, "42"), "objects[1]", "objects[1] is a number, not a JSON object"),
                Arguments.of("object without type", bundle("{\"id\":\"" + coaId + "\"}"), "objects[0].type", "objects[0].type is missing"),
                Arguments.of("object without id", bundle(COA, "{\"type\":\"identity\",\"name\":\"MITRE\"}"), "objects[1].id",
                        "objects[1].id is missing: every STIX object needs an \"id\" like identity--<uuid>."),
                Arguments.of("id of another type", bundle("{\"type\":\"identity\",\"id\":\"" + coaId + "\"}"), "objects[0].id",
                        "is not a STIX id: expected identity--<uuid>"),
                Arguments.of("id without uuid", bundle("{\"type\":\"identity\",\"id\":\"identity--mitre\"}"), "objects[0].id",
                        "objects[0].id \"identity--mitre\" is not a STIX id"),
                Arguments.of("id not a string", bundle("{\"type\":\"identity\",\"id\":12}"), "objects[0].id", "(not a string) is not a STIX id"),
                Arguments.of("name missing", bundle(COA, "{\"type\":\"course-of-action\",\"id\":\"" + id("course-of-action", 2) + "\"}"),
                        "objects[1].name", "objects[1].name is missing: a course-of-action needs a name."),
                Arguments.of("name blank", bundle(mitigation(1, "M1", " \n\t ", "x", "")), "objects[0].name", "objects[0].name is blank"),
                Arguments.of("name of format characters only", bundle(mitigation(1, "M1", "\u200B\u200D", "x", "")), "objects[0].name",
                        "objects[0].name is blank"),
                Arguments.of("name not a string", bundle("{\"type\":\"course-of-action\",\"id\":\"" + coaId + "\",\"name\":[\"a\"]}"),
                        "objects[0].name", "objects[0].name must be a string."),
                Arguments.of("name too long", bundle(COA, COA.replace("1234", "1235"), mitigation(3, "M3", "n".repeat(201), "x", "")),
                        "objects[2].name", "objects[2].name is 201 characters long; at most 200 are allowed."),
                Arguments.of("description not a string", bundle(mitigation(1, "M1", "Name", null, ",\"description\":{}")),
                        "objects[0].description", "objects[0].description must be a string."),
                Arguments.of("modified not a timestamp", bundle(mitigation(1, "M1", "Name", "x", "").replace("2024-10-17T18:54:36.723Z", "yesterday")),
                        "objects[0].modified", "\"yesterday\" is not a timestamp"),
                Arguments.of("revoked not a boolean", bundle(mitigation(1, "M1", "Name", "x", ",\"revoked\":\"no\"")),
                        "objects[0].revoked", "objects[0].revoked must be true or false."),
                Arguments.of("references not an array", bundle("{\"type\":\"course-of-action\",\"id\":\"" + coaId
                        + "\",\"name\":\"N\",\"external_references\":\"M1\"}"), "objects[0].external_references", "must be an array"),
                Arguments.of("duplicate mitigation", bundle(COA, COA), "objects[1].id", "appears twice in the bundle (also objects[0])"),
                Arguments.of("technique without name", bundle("{\"type\":\"attack-pattern\",\"id\":\"" + id("attack-pattern", 1) + "\"}"),
                        "objects[0].name", "an attack-pattern needs a name"),
                Arguments.of("relationship without target", bundle(COA, "{\"type\":\"relationship\",\"id\":\"" + id("relationship", 1)
                        + "\",\"relationship_type\":\"mitigates\",\"source_ref\":\"" + coaId + "\"}"),
                        "objects[1].target_ref", "objects[1].target_ref is missing"),
                Arguments.of("relationship with a bad ref", bundle(COA, mitigates(1, 1, 1, null, "").replace(id("attack-pattern", 1), "T1059")),
                        "objects[1].target_ref", "must be a STIX id"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refused")
    void isRefusedNamingTheFirstProblem(String what, String json, String pointer, String message) {
        StixBundleException e = assertThrows(StixBundleException.class, () -> parse(json));
        assertEquals(pointer, e.pointer(), e.getMessage());
        assertTrue(e.getMessage().contains(message), () -> "expected \"" + message + "\" in: " + e.getMessage());
        if (!pointer.isEmpty()) {
            assertTrue(e.getMessage().startsWith(pointer), e.getMessage());
        }
    }

    @Test
    void theFirstBadObjectIsReportedNotALaterOne() {
        String json = bundle(COA, "{\"type\":\"identity\"}", "{\"type\":\"course-of-action\",\"id\":\"" + id("course-of-action", 9) + "\"}");
        StixBundleException e = assertThrows(StixBundleException.class, () -> parse(json));
        assertEquals("objects[1].id", e.pointer());
    }

    @Test
    void aJsonErrorAfterABadObjectIsStillAJsonError() {
        String json = bundle("{\"type\":\"identity\"}", COA).replace("]}", "]");
        StixBundleException e = assertThrows(StixBundleException.class, () -> parse(json));
        assertEquals("", e.pointer());
        assertTrue(e.getMessage().startsWith("The body is not valid JSON"), e.getMessage());
    }

    @Test
    void anEmptyBundleHasNoMitigations() throws StixBundleException {
        assertEquals(List.of(), parse("{\"type\":\"bundle\",\"objects\":[]}"));
    }

    @Test
    void revokedAndDeprecatedObjectsAreLeftOut() throws StixBundleException {
        List<StixMitigation> mitigations = parse(bundle(
                mitigation(1, "M1001", "Kept", "x", ",\"revoked\":false,\"x_mitre_deprecated\":false"),
                mitigation(2, "M1002", "Revoked", "x", ",\"revoked\":true"),
                // a deprecated mitigation is left out before its name is checked
                mitigation(3, "M1003", "", "x", ",\"x_mitre_deprecated\":true"),
                technique(1, "T1001", "Live", ""),
                technique(2, "T1002", "Revoked technique", ",\"revoked\":true"),
                technique(3, "T1003", "Deprecated technique", ",\"x_mitre_deprecated\":true"),
                technique(4, "T1004", "Other live", ""),
                mitigates(1, 1, 1, "applies", ""),
                mitigates(2, 1, 2, "to a revoked technique", ""),
                mitigates(3, 1, 3, "to a deprecated technique", ""),
                mitigates(4, 1, 4, "a revoked relationship", ",\"revoked\":true"),
                mitigates(5, 2, 1, "from a revoked mitigation", "")));
        assertEquals(1, mitigations.size());
        StixMitigation kept = mitigations.get(0);
        assertEquals("Kept", kept.name());
        assertEquals(List.of("T1001"), kept.techniques().stream().map(MitigatedTechnique::externalId).toList());
        assertEquals("applies", kept.techniques().get(0).guidance());
    }

    @Test
    void aRelationshipToAMissingTechniqueIsLeftOut() throws StixBundleException {
        List<StixMitigation> mitigations = parse(bundle(COA, technique(1, "T1001", "Present", ""),
                mitigates(1, 1, 1, "here", ""), mitigates(2, 1, 2, "nowhere", ""), mitigates(3, 7, 1, "from nowhere", "")));
        assertEquals(List.of("T1001"), mitigations.get(0).techniques().stream().map(MitigatedTechnique::externalId).toList());
    }

    @Test
    void otherRelationshipsAndObjectsAreIgnored() throws StixBundleException {
        List<StixMitigation> mitigations = parse(bundle(COA, technique(1, "T1001", "T", ""),
                mitigates(1, 1, 1, "x", "").replace("\"mitigates\"", "\"uses\""),
                "{\"type\":\"x-mitre-tactic\",\"id\":\"" + id("x-mitre-tactic", 1) + "\",\"anything\":[1,{\"a\":null}]}"));
        assertEquals(List.of(), mitigations.get(0).techniques());
    }

    @Test
    void urlsOtherThanHttpAreIgnored() throws StixBundleException {
        String coa = "{\"type\":\"course-of-action\",\"id\":\"" + id("course-of-action", 1) + "\",\"name\":\"N\",\"external_references\":["
                + "{\"source_name\":\"mitre-attack\",\"external_id\":\"M1\",\"url\":\"javascript:alert(1)\"},"
                + "{\"source_name\":\"Ftp\",\"url\":\"ftp://example.org/x\"},"
                + "{\"source_name\":\"Relative\",\"url\":\"/mitigations/M1\"},"
                + "{\"source_name\":\"No host\",\"url\":\"https:///path\"},"
                + "{\"source_name\":\"Spaces\",\"url\":\"https://exa mple.org\"},"
                + "{\"source_name\":\"Good\",\"url\":\"HTTPS://example.org/good\"},"
                + "{\"source_name\":\"Same URL again\",\"url\":\"HTTPS://example.org/good\"},"
                + "{\"url\":\"https://example.org/no-source-name\"}]}";
        StixMitigation m = parse(bundle(coa)).get(0);
        assertEquals("M1", m.externalId());
        assertEquals(null, m.url());
        assertEquals(List.of(new org.escape.knowledge.ArticleReference("Good", "HTTPS://example.org/good")), m.sources());
        assertEquals(List.of(new org.escape.knowledge.ArticleReference("Good", "HTTPS://example.org/good")),
                m.toArticle().references());
    }

    @Test
    void withoutAnAttackReferenceIdAndUrlAreNull() throws StixBundleException {
        StixMitigation m = parse(bundle("{\"type\":\"course-of-action\",\"id\":\"" + id("course-of-action", 1)
                + "\",\"name\":\"  Spaced \\n name \"}")).get(0);
        assertEquals(null, m.externalId());
        assertEquals(null, m.url());
        assertEquals(null, m.modified());
        assertEquals("", m.description());
        assertEquals("Spaced name", m.name());
        assertEquals(List.of("mitre-attack"), m.toArticle().tags());
        assertEquals(List.of(), m.toArticle().references());
    }

    @Test
    void theStreamIsNotClosed() throws StixBundleException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(bundle(COA).getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        assertEquals(1, StixBundle.parse(in).size());
        assertEquals(false, closed[0]);
    }

    @Test
    void invalidUtf8IsNotJson() {
        byte[] latin1 = bundle(mitigation(1, "M1", "Überwachung", "ok", "")).getBytes(StandardCharsets.ISO_8859_1);
        StixBundleException e = assertThrows(StixBundleException.class, () -> StixBundle.parse(new ByteArrayInputStream(latin1)));
        assertEquals("The body is not valid JSON: it is not UTF-8 text.", e.getMessage());
    }

    @Test
    void aByteOrderMarkIsAllowed() throws StixBundleException {
        assertEquals("Überwachung", parse("\uFEFF" + bundle(mitigation(1, "M1", "Überwachung", "ok", ""))).get(0).name());
    }

    @Test
    void utf16IsReadToo() throws StixBundleException {
        byte[] utf16 = bundle(mitigation(1, "M1", "Überwachung", "ok", "")).getBytes(StandardCharsets.UTF_16LE);
        assertEquals("Überwachung", StixBundle.parse(new ByteArrayInputStream(utf16)).get(0).name());
    }
}
