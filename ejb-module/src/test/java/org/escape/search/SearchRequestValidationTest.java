package org.escape.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.PageRequest;
import org.escape.searchindex.ItemType;
import org.escape.searchindex.SearchRequest;
import org.junit.jupiter.api.Test;

class SearchRequestValidationTest {

    private static SearchRequest request(SearchCriteria criteria) {
        return SearchService.request(criteria, PageRequest.of(null, null));
    }

    @Test
    void filtersAreReadCaseInsensitivelyAndCommaSeparated() {
        SearchRequest request = request(new SearchCriteria("emotet", List.of("forum_post,THREAD"), List.of("Malware"),
                List.of("secret"), List.of("Published"), "2026-01-01", "2026-01-31", null, null));
        assertEquals(Set.of(ItemType.FORUM_POST, ItemType.THREAD), request.types());
        assertEquals(Set.of("malware"), request.tags());
        assertEquals(Set.of("SECRET"), request.levels());
        assertEquals(Set.of("published"), request.statuses());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), request.updatedFrom());
        assertEquals(Instant.parse("2026-01-31T23:59:59.999Z"), request.updatedTo());
    }

    @Test
    void aLongQueryIsCutNotRefused() {
        assertEquals(1_000, request(SearchCriteria.of("x".repeat(10_240))).text().length());
    }

    @Test
    void unknownValuesAreRefusedNamingEveryParameter() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> request(new SearchCriteria("", List.of("label"),
                List.of("<script>"), List.of("COSMIC"), List.of("lvl:SECRET"), "yesterday", "2026-13-01", null, null)));
        assertEquals(List.of("type", "tag", "classification", "status", "from", "to"),
                e.errors().stream().map(InvalidRequestException.FieldError::field).toList());
    }

    @Test
    void aReversedRangeIsRefused() {
        assertThrows(InvalidRequestException.class,
                () -> request(new SearchCriteria("", null, null, null, null, "2026-02-01", "2026-01-01", null, null)));
    }
}
