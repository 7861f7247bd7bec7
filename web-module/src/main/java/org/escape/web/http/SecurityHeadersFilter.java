package org.escape.web.http;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sets the security headers on every response of the application, before anything is written.
 *
 * <p>The policy allows scripts and styles only from our own origin (the app's bundle; no inline
 * script, no inline style, no eval), network calls to our origin and to the identity provider (token
 * refresh), and no framing at all. Caching: API answers are never stored; hashed assets are immutable;
 * the app's HTML is revalidated so a new release is picked up at once.
 */
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "escape.keycloak.url", defaultValue = "http://localhost:8180")
    private String keycloakUrl;

    private String contentSecurityPolicy;

    @Override
    public void init() {
        contentSecurityPolicy = String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:",
                "font-src 'self'",
                "connect-src 'self' " + keycloakUrl,
                "frame-src 'none'",
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'self' " + keycloakUrl,
                "frame-ancestors 'none'");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            response.setHeader("Cache-Control", "no-store");
        } else if (path.startsWith("/assets/")) {
            response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        } else {
            response.setHeader("Cache-Control", "no-cache");
        }
        chain.doFilter(request, response);
    }
}
