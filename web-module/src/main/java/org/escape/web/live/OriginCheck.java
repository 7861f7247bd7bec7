package org.escape.web.live;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses handshakes from other web origins (cross-site WebSocket hijacking): a browser always
 * sends its page's Origin, so only the platform's own origins pass; non-browser clients send none
 * and pass (they still need a ticket). {@code null}, look-alikes and other ports are refused with
 * 403 before any session exists.
 *
 * <p>Allowed: {@code http://localhost:PORT} and {@code http://127.0.0.1:PORT} for the HTTP port the
 * domain was configured with ({@code escape.http.port}), plus the comma-separated list
 * {@code escape.ws.allowed-origins} (e.g. the public https origin behind a proxy).
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {

    private static final Logger LOG = Logger.getLogger(OriginCheck.class.getName());

    private volatile Set<String> allowed;

    @Override
    public boolean checkOrigin(String origin) {
        if (origin == null) {
            return true;
        }
        boolean ok = allowed().contains(origin);
        if (!ok) {
            LOG.info(() -> "[live] refused a socket handshake from origin " + printable(origin));
        }
        return ok;
    }

    private Set<String> allowed() {
        Set<String> current = allowed;
        if (current == null) {
            Config config = ConfigProvider.getConfig();
            current = allowedOrigins(config.getOptionalValue("escape.http.port", String.class).orElse("8080"),
                    config.getOptionalValue("escape.ws.allowed-origins", String.class).orElse(""));
            allowed = current;
        }
        return current;
    }

    /** The exact origins allowed: the local ones on {@code port} and the comma-separated {@code extra} ones. */
    static Set<String> allowedOrigins(String port, String extra) {
        Set<String> origins = new HashSet<>();
        origins.add("http://localhost:" + port);
        origins.add("http://127.0.0.1:" + port);
        for (String origin : extra.split(",")) {
            if (!origin.isBlank()) {
                origins.add(origin.strip());
            }
        }
        return Set.copyOf(origins);
    }

    private static String printable(String value) {
        String cut = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
