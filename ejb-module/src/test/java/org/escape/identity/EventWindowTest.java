package org.escape.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventWindowTest {

    private static AdminEvent at(String id, long time) {
        return new AdminEvent(id, time, "USER", "UPDATE", "users/" + id);
    }

    @Test
    void eachPollStartsAnOverlapBeforeTheNewestEventSeen() {
        EventWindow window = new EventWindow(10_000, 5_000);
        assertEquals(5_000, window.from());

        window.accept(List.of(at("a", 20_000), at("b", 30_000)));

        assertEquals(25_000, window.from());
    }

    @Test
    void anEventDeliveredTwiceIsHandledOnce() {
        EventWindow window = new EventWindow(0, 5_000);

        assertEquals(List.of(at("a", 1_000)), window.accept(List.of(at("a", 1_000))));
        assertEquals(List.of(), window.accept(List.of(at("a", 1_000))));
    }

    @Test
    void anEventThatBecomesVisibleLateIsStillHandled() {
        EventWindow window = new EventWindow(0, 5_000);
        window.accept(List.of(at("young", 12_000)));

        // "old" was stamped before "young" but committed after the previous poll.
        assertEquals(List.of(at("old", 10_000)), window.accept(List.of(at("old", 10_000), at("young", 12_000))));
    }

    @Test
    void freshEventsComeOldestFirstWhateverTheServerOrder() {
        EventWindow window = new EventWindow(0, 5_000);

        assertEquals(List.of(at("a", 1), at("b", 2), at("c", 3)),
                window.accept(List.of(at("c", 3), at("a", 1), at("b", 2))));
    }

    @Test
    void eventsWithoutIdsAreToldApartByTheirContent() {
        EventWindow window = new EventWindow(0, 5_000);
        AdminEvent first = new AdminEvent(null, 7, "USER", "UPDATE", "users/u1");
        AdminEvent second = new AdminEvent(null, 7, "USER", "UPDATE", "users/u2");

        assertEquals(2, window.accept(List.of(first, second)).size());
        assertEquals(0, window.accept(List.of(new AdminEvent("", 7, "USER", "UPDATE", "users/u1"))).size());
    }
}
