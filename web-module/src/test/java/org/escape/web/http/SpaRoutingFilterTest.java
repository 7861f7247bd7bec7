package org.escape.web.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpaRoutingFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/forums", "/forums/", "/incidents/7d1c0c9e-2f", "/kb/articles/x", "/search", "/no/such/page"})
    void pagePathsAreAppRoutes(String path) {
        assertTrue(SpaRoutingFilter.isAppRoute("GET", path));
        assertTrue(SpaRoutingFilter.isAppRoute("HEAD", path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "/api/v1/me", "/api/v1/forums/1", "/ws", "/health/ready", "/openapi",
        "/metrics", "/_error", "/assets/index-abc.js", "/favicon.svg", "/forums/../WEB-INF/web.xml"})
    void serverEndpointsFilesAndTraversalAreNot(String path) {
        assertFalse(SpaRoutingFilter.isAppRoute("GET", path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void onlyReadsAreRouted(String method) {
        assertFalse(SpaRoutingFilter.isAppRoute(method, "/forums"));
    }
}
