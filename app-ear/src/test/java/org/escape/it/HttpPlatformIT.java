package org.escape.it;

import static org.escape.it.TestServers.BASE_URL;
import static org.escape.it.TestServers.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every HTTP client meets: security headers, health, OpenAPI, the app's pages and error shapes. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpPlatformIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestServers.ear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/forums", "/api/v1/me", "/api/v1/client-config", "/assets/missing.js", "/api/v1/nothing"})
    void everyResponseCarriesTheSecurityHeaders(String path) {
        HttpResponse<String> response = TestServers.get(BASE_URL + path);

        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("connect-src 'self' " + TestServers.KEYCLOAK_URL), csp);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(response.headers().firstValue("Server").isEmpty(), "no Server header");
        assertTrue(response.headers().firstValue("X-Powered-By").isEmpty(), "no X-Powered-By header");
    }

    @Test
    void readinessAndLivenessAreUp() {
        JsonObject ready = json(TestServers.get(BASE_URL + "/health/ready").body());
        assertEquals("UP", ready.getString("status"));
        assertTrue(ready.toString().contains("escape-database"), ready.toString());

        HttpResponse<String> live = TestServers.get(BASE_URL + "/health/live");
        assertEquals(200, live.statusCode());
        assertTrue(live.body().contains("escape-application"), live.body());
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        HttpResponse<String> response = TestServers.get(BASE_URL + "/openapi");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("/api/v1/me"), response.body());
        assertTrue(response.body().contains("/api/v1/client-config"), response.body());
        assertTrue(response.body().contains("ESCAPE API"), response.body());
    }

    @Test
    void theClientConfigurationIsPublicAndPointsAtTheRealm() {
        HttpResponse<String> response = TestServers.get(BASE_URL + "/api/v1/client-config");

        assertEquals(200, response.statusCode());
        JsonObject config = json(response.body());
        assertEquals(TestServers.KEYCLOAK_URL, config.getString("keycloakUrl"));
        assertEquals("escape", config.getString("realm"));
        assertEquals("escape-web", config.getString("clientId"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/forums", "/incidents/3f2c", "/kb", "/search", "/notifications", "/no/such/page"})
    void appRoutesServeTheSinglePageApp(String path) {
        HttpResponse<String> response = TestServers.get(BASE_URL + path);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("<div id=\"root\">") || response.body().contains("id=\"root\""), response.body());
        assertFalse(response.body().matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "no inline script in the page");
    }

    @Test
    void aMissingAssetIsA404ProblemNotThePage() {
        HttpResponse<String> response = TestServers.get(BASE_URL + "/assets/missing-bundle.js");

        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertFalse(response.body().contains("<html"));
    }

    @Test
    void anUnknownApiPathIsA404ProblemWithoutServerDetails() {
        HttpResponse<String> response = TestServers.getWithToken(BASE_URL + "/api/v1/no-such-resource",
                Keycloak.accessToken("bashir"));

        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonObject problem = json(response.body());
        assertEquals(404, problem.getInt("status"));
        assertFalse(response.body().contains("Payara") || response.body().contains("Exception"), response.body());
    }

    @Test
    void aWrongMethodIsA405Problem() {
        HttpResponse<String> response = TestServers.sendJson("DELETE", BASE_URL + "/api/v1/me",
                Keycloak.accessToken("bashir"), null);

        assertEquals(405, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }
}
