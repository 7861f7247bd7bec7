package org.escape.web.http;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers errors the container produces itself — an authentication mechanism rejecting a token,
 * an unknown static file, an uncaught failure outside JAX-RS — as problem+json, never as an HTML
 * page with server details.
 */
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    private static final Map<Integer, String[]> KINDS = Map.of(
            400, new String[] {"invalid-request", "Invalid request", "The request could not be understood."},
            401, new String[] {"unauthenticated", "Authentication required",
                "Send a valid access token of the realm 'escape' as 'Authorization: Bearer <token>'."},
            403, new String[] {"not-permitted", "Not permitted", "Your role does not allow this function."},
            404, new String[] {"not-found", "Not found", "The requested item does not exist."},
            405, new String[] {"method-not-allowed", "Method not allowed", "This method is not allowed here."},
            413, new String[] {"too-large", "Request too large", "The request is larger than allowed."});

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (thrown instanceof Throwable failure) {
            LOG.log(Level.SEVERE, "Unhandled failure on " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    failure);
        }
        String[] kind = KINDS.getOrDefault(status, status >= 500
                ? new String[] {"internal", "Internal error", "Something went wrong on our side."}
                : new String[] {"invalid-request", "Request refused", "The request was refused."});
        JsonObjectBuilder problem = Json.createObjectBuilder()
                .add("type", "https://escape.example.org/problems/" + kind[0])
                .add("title", kind[1])
                .add("status", status)
                .add("detail", kind[2]);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"escape\"");
        }
        response.getWriter().write(problem.build().toString());
    }
}
