package org.escape.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * History-mode routing for the single-page app: a browser that opens {@code /forums/…} directly
 * gets the app's {@code index.html}, and the app shows the route. Only GET and HEAD requests for
 * paths that look like pages (no file extension) and are not the API or other server endpoints are
 * forwarded; a missing asset still answers 404.
 */
public class SpaRoutingFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Set<String> SERVER_PREFIXES = Set.of("/api/", "/ws", "/_error", "/health", "/openapi",
            "/metrics");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isAppRoute(request.getMethod(), path) && getServletContext().getResource(path) == null) {
            request.getRequestDispatcher("/index.html").forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isAppRoute(String method, String path) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        if (path.isEmpty() || "/".equals(path) || path.contains("..")) {
            return false;
        }
        for (String prefix : SERVER_PREFIXES) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        return !lastSegment.contains(".");
    }
}
