package org.escape.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Only exact origins pass: look-alikes, other ports, other schemes and {@code null} do not. */
class OriginCheckTest {

    private final Set<String> allowed = OriginCheck.allowedOrigins("8080", " https://escape.cert.example , ");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "http://localhost:8080, true", "http://127.0.0.1:8080, true", "https://escape.cert.example, true",
            "null, false", "http://localhost:8180, false", "http://localhost, false", "https://localhost:8080, false",
            "http://localhost:8080.evil.com, false", "http://evil.com, false", "http://localhost:8080/, false",
            "HTTP://LOCALHOST:8080, false", "http://escape.cert.example, false", "'', false"})
    void exactOriginsOnly(String origin, boolean expected) {
        assertEquals(expected, allowed.contains(origin));
    }
}
