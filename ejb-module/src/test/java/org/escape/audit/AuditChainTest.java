package org.escape.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");
    private static final UUID ALICE = UUID.fromString("984f85af-efaa-4984-845b-50c1e9e738fb");

    private static AuditRecord record(long seq, String actor, String action, String objectId, String details,
                                      String prev) {
        AuditEvent event = AuditEvent.success(AuditActor.user(ALICE, actor), action, "post", objectId, Map.of());
        return new AuditRecord(seq, AT, event, details, prev);
    }

    @Test
    void theHashIsStableForTheSameRecord() {
        AuditRecord a = record(1, "alice", "forum.post.created", "p1", "{}", AuditChain.GENESIS);
        AuditRecord b = record(1, "alice", "forum.post.created", "p1", "{}", AuditChain.GENESIS);

        assertEquals(a.hash(), b.hash());
        assertEquals(64, a.hash().length());
        assertEquals(AuditChain.hash(a), a.hash());
    }

    @Test
    void everyFieldTakesPartInTheHash() {
        AuditRecord base = record(7, "alice", "forum.post.created", "p1", "{}", AuditChain.GENESIS);
        Set<String> hashes = new HashSet<>();
        hashes.add(base.hash());
        hashes.add(record(8, "alice", "forum.post.created", "p1", "{}", AuditChain.GENESIS).hash());
        hashes.add(record(7, "alicf", "forum.post.created", "p1", "{}", AuditChain.GENESIS).hash());
        hashes.add(record(7, "alice", "forum.post.edited", "p1", "{}", AuditChain.GENESIS).hash());
        hashes.add(record(7, "alice", "forum.post.created", "p2", "{}", AuditChain.GENESIS).hash());
        hashes.add(record(7, "alice", "forum.post.created", "p1", "{\"a\":\"b\"}", AuditChain.GENESIS).hash());
        hashes.add(record(7, "alice", "forum.post.created", "p1", "{}", "1".repeat(64)).hash());
        AuditRecord otherTime = new AuditRecord(7, AT.plusMillis(1),
                AuditEvent.success(AuditActor.user(ALICE, "alice"), "forum.post.created", "post", "p1", Map.of()),
                "{}", AuditChain.GENESIS);
        hashes.add(otherTime.hash());
        AuditRecord denied = new AuditRecord(7, AT,
                AuditEvent.denied(AuditActor.user(ALICE, "alice"), "forum.post.created", "post", "p1", Map.of()),
                "{}", AuditChain.GENESIS);
        hashes.add(denied.hash());

        assertEquals(9, hashes.size(), "each changed field gives another hash");
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // "ab" + "c" and "a" + "bc" must not collide: fields are length-prefixed.
        AuditRecord one = record(1, "ab", "c", null, "{}", AuditChain.GENESIS);
        AuditRecord two = record(1, "a", "bc", null, "{}", AuditChain.GENESIS);

        assertNotEquals(one.hash(), two.hash());
    }

    @Test
    void aNullFieldDiffersFromTheTextNull() {
        assertNotEquals(record(1, "alice", "x", null, "{}", AuditChain.GENESIS).hash(),
                record(1, "alice", "x", "-", "{}", AuditChain.GENESIS).hash());
    }

    @Test
    void systemActorHasNoUserId() {
        AuditRecord record = new AuditRecord(1, AT,
                AuditEvent.success(AuditActor.SYSTEM, "identity.sync", null, null, null), "{}", AuditChain.GENESIS);

        assertEquals(null, record.actorId());
        assertEquals("system", record.actorName());
    }

    @Test
    void detailsAreKeptSortedAndImmutable() {
        AuditEvent event = AuditEvent.success(AuditActor.SYSTEM, "x", null, null, Map.of("b", "2", "a", "1"));

        assertEquals("[a, b]", event.details().keySet().toString());
        assertThrows(UnsupportedOperationException.class, () -> event.details().put("c", "3"));
    }

    @Test
    void aHeadOnlyAdvancesToItsDirectSuccessor() {
        AuditRecord first = record(1, "alice", "a", null, "{}", AuditChain.GENESIS);
        AuditRecord skipping = record(3, "alice", "a", null, "{}", first.hash());

        assertThrows(IllegalStateException.class, () -> new AuditHeadProbe().advance(skipping));
    }

    /** Exercises AuditHead's guard from a fresh head (seq 0, genesis hash). */
    private static final class AuditHeadProbe {
        void advance(AuditRecord record) {
            AuditHead head = new AuditHead();
            try {
                var seq = AuditHead.class.getDeclaredField("lastHash");
                seq.setAccessible(true);
                seq.set(head, AuditChain.GENESIS);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            head.advanceTo(record);
        }
    }
}
