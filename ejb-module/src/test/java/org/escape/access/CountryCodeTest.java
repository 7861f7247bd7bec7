package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountryCodeTest {

    @ParameterizedTest
    @CsvSource({"GBR, GBR", "ken, KEN", "' mys ', MYS"})
    void alpha3CodesAreAcceptedUpperCased(String text, String expected) {
        assertEquals(Optional.of(expected), CountryCode.parse(text));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "GB", "GBRR", "G1R", "ALL", "all", "*", "GB R", "ÄBC"})
    void anythingElseIsNoCountry(String text) {
        assertTrue(CountryCode.parse(text).isEmpty());
    }
}
