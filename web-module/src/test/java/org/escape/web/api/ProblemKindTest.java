package org.escape.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemKindTest {

    @ParameterizedTest
    @CsvSource({"400, INVALID_REQUEST", "401, UNAUTHENTICATED", "403, NOT_PERMITTED", "404, NOT_FOUND",
        "409, CONFLICT", "413, TOO_LARGE", "429, RATE_LIMITED", "503, UNAVAILABLE", "502, INTERNAL", "418, INVALID_REQUEST"})
    void statusesMapToKinds(int status, ProblemKind kind) {
        assertEquals(kind, ProblemKind.forStatus(status));
    }

    @Test
    void everyKindHasItsOwnTypeUri() {
        Set<String> types = new HashSet<>();
        for (ProblemKind kind : ProblemKind.values()) {
            assertTrue(kind.type().startsWith("https://escape.example.org/problems/"), kind.type());
            assertTrue(types.add(kind.type()), "duplicate " + kind.type());
        }
    }
}
