package org.escape.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageRequestTest {

    @Test
    void defaultsAndOffset() {
        PageRequest request = PageRequest.parse(null, " ");
        assertEquals(0, request.page());
        assertEquals(20, request.size());
        assertEquals(60, PageRequest.parse("3", "20").offset());
    }

    @ParameterizedTest
    @CsvSource({"-1,20,page", "0,0,size", "0,101,size", "x,20,page", "0,1e3,size", "100001,1,page"})
    void refusesOutOfRangeOrNonNumbers(String page, String size, String field) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> PageRequest.parse(page, size));
        assertEquals(field, refused.errors().get(0).field());
    }
}
