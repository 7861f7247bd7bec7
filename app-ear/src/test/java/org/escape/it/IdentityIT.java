package org.escape.it;

import static org.escape.it.TestServers.BASE_URL;
import static org.escape.it.TestServers.KEYCLOAK_URL;
import static org.escape.it.TestServers.getWithToken;
import static org.escape.it.TestServers.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in on the server side: real Keycloak tokens reach {@code /api/v1/me}, which answers from
 * the caller's local record; every kind of bad token is refused with 401 problem+json.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdentityIT {

    private static final String ME = BASE_URL + "/api/v1/me";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestServers.ear();
    }

    @Test
    void meAnswersWithAlicesAttributesAndRoles() {
        HttpResponse<String> response = getWithToken(ME, Keycloak.accessToken("alice"));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject me = json(response.body());
        assertEquals("alice", me.getString("username"));
        assertEquals("Alice Hartley", me.getString("displayName"));
        assertEquals("GBR", me.getString("country"));
        assertEquals("SECRET", me.getString("clearance"));
        assertEquals(List.of("member", "moderator"), strings(me, "roles"));
        UUID.fromString(me.getString("id"));
    }

    @Test
    void meAnswersWithChensAttributesAndRoles() {
        JsonObject me = json(getWithToken(ME, Keycloak.accessToken("chen")).body());

        assertEquals("chen", me.getString("username"));
        assertEquals("MYS", me.getString("country"));
        assertEquals("RESTRICTED", me.getString("clearance"));
        assertEquals(List.of("member"), strings(me, "roles"));
    }

    @Test
    void theLocalRecordIsProvisionedOnceAndKeepsItsId() {
        String first = json(getWithToken(ME, Keycloak.accessToken("deepa")).body()).getString("id");
        String second = json(getWithToken(ME, Keycloak.accessToken("deepa")).body()).getString("id");

        assertEquals(first, second);
        assertEquals(first, json(getWithToken(ME, Keycloak.accessToken("deepa")).body()).getString("id"));
    }

    @Test
    void keycloakPutsCountryClearanceRolesAndAudienceIntoTheToken() {
        JsonObject claims = Keycloak.claims(Keycloak.accessToken("audrey"));

        assertEquals(TestServers.ISSUER, claims.getString("iss"));
        assertEquals("CHE", claims.getString("country"));
        assertEquals("SECRET", claims.getString("clearance"));
        assertTrue(strings(claims, "groups").containsAll(List.of("auditor", "member")), claims.toString());
        assertTrue(audiences(claims).contains("escape-backend"), claims.toString());
    }

    @Test
    void noTokenIsRefusedWithProblemJsonAndABearerChallenge() {
        HttpResponse<String> response = TestServers.get(ME);

        assertUnauthenticated(response);
        assertEquals("Bearer realm=\"escape\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String token = Keycloak.accessToken("alice");
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x5A;
        String tampered = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        assertUnauthenticated(getWithToken(ME, tampered));
    }

    @Test
    void changedClaimsUnderTheOriginalSignatureAreRefused() {
        String token = Keycloak.accessToken("chen");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"RESTRICTED\"", "\"TOP_SECRET\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertUnauthenticated(getWithToken(ME, forged));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        String genuine = Keycloak.accessToken("alice");
        JsonObject claims = Keycloak.claims(genuine);
        String kid = SignedJWT.parse(genuine).getHeader().getKeyID();
        RSAKey foreignKey = new RSAKeyGenerator(2048).keyID(kid).generate();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(),
                JWTClaimsSet.parse(claims.toString()));
        forged.sign(new RSASSASigner(foreignKey));

        assertUnauthenticated(getWithToken(ME, forged.serialize()));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedEvenWithAValidSignature() {
        // Keycloak writes the host it was called on into "iss": the same realm and key, another issuer.
        String otherIssuer = KEYCLOAK_URL.replace("localhost", "127.0.0.1");
        String token = Keycloak.accessToken(otherIssuer, "escape-cli", "alice");
        assertEquals(otherIssuer + "/realms/escape", Keycloak.claims(token).getString("iss"));

        assertUnauthenticated(getWithToken(ME, token));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        // admin-cli exists in every realm and allows the password grant, but is not our API's audience.
        String token = Keycloak.accessToken(KEYCLOAK_URL, "admin-cli", "alice");
        assertFalse(audiences(Keycloak.claims(token)).contains("escape-backend"));

        assertUnauthenticated(getWithToken(ME, token));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String token = Keycloak.accessToken("alice");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String unsigned = header + "." + token.split("\\.")[1] + ".";

        assertUnauthenticated(getWithToken(ME, unsigned));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = ShortLivedClient.tokenFor("eve");
        long expiresAt = Keycloak.claims(token).getJsonNumber("exp").longValue();
        assertEquals(200, getWithToken(ME, token).statusCode(), "the token is valid before it expires");

        // Past expiry plus the server's configured clock skew (5 s).
        long waitMillis = (expiresAt + 6) * 1000 - System.currentTimeMillis();
        Thread.sleep(Math.max(0, waitMillis));
        assertTrue(Instant.now().getEpochSecond() > expiresAt + 5);

        assertUnauthenticated(getWithToken(ME, token));
    }

    @Test
    void garbageInTheAuthorizationHeaderIsRefused() {
        assertUnauthenticated(getWithToken(ME, "not-a-token"));
        assertUnauthenticated(TestServers.get(ME, "Authorization", "Basic YWxpY2U6YWxpY2U="));
    }

    @Test
    void aSelfSignedTokenWithTheRightClaimsIsRefused() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("attacker").generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TestServers.ISSUER).subject(UUID.randomUUID().toString()).audience("escape-backend")
                .claim("preferred_username", "mallory").claim("upn", "mallory").claim("country", "GBR")
                .claim("clearance", "TOP_SECRET").claim("groups", List.of("admin"))
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 300_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(), claims);
        jwt.sign(new RSASSASigner(key));

        assertUnauthenticated(getWithToken(ME, jwt.serialize()));
    }

    static void assertUnauthenticated(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "problem+json expected, got " + response.headers().firstValue("Content-Type"));
        JsonObject problem = json(response.body());
        assertEquals(401, problem.getInt("status"));
        assertEquals("Authentication required", problem.getString("title"));
        assertFalse(response.body().contains("Exception"), response.body());
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).sorted().toList();
    }

    private static List<String> audiences(JsonObject claims) {
        if (!claims.containsKey("aud")) {
            return List.of();
        }
        return claims.get("aud") instanceof JsonString single ? List.of(single.getString()) : strings(claims, "aud");
    }
}
