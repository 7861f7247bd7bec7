package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-written cases: the demo world of PRODUCT.md read as a table a reviewer can check by eye,
 * the edges of each rule, and the messages of the combined checks.
 */
class AccessRulesTest {

    private static final Map<String, Reader> DEMO_USERS = Map.of(
            "alice", reader("GBR", Level.SECRET, Role.MEMBER, Role.MODERATOR),
            "bashir", reader("KEN", Level.CONFIDENTIAL, Role.MEMBER),
            "chen", reader("MYS", Level.RESTRICTED, Role.MEMBER),
            "deepa", reader("IND", Level.TOP_SECRET, Role.MEMBER),
            "eve", reader("CAN", Level.UNCLASSIFIED, Role.MEMBER),
            "audrey", reader("CHE", Level.SECRET, Role.MEMBER, Role.AUDITOR),
            "ops", reader("GBR", Level.CONFIDENTIAL, Role.MEMBER, Role.ADMIN),
            "stateless", reader(null, Level.TOP_SECRET, Role.MEMBER, Role.ADMIN, Role.AUDITOR, Role.MODERATOR));

    private static Reader reader(String country, Level clearance, Role... roles) {
        return new Reader(UUID.randomUUID(), country, clearance, Set.of(roles));
    }

    @ParameterizedTest(name = "{0} reads {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            alice     | UNCLASSIFIED                        | true
            alice     | SECRET//REL TO GBR                  | true
            alice     | TOP_SECRET//REL TO GBR              | false
            alice     | CONFIDENTIAL//REL TO KEN            | false
            alice     | CONFIDENTIAL//REL TO GBR, KEN       | true
            bashir    | CONFIDENTIAL//REL TO GBR, KEN       | true
            bashir    | SECRET//REL TO GBR, KEN             | false
            bashir    | RESTRICTED//REL TO GBR              | false
            chen      | RESTRICTED//REL TO CAN, IND, MYS    | true
            chen      | CONFIDENTIAL                        | false
            deepa     | TOP_SECRET//REL TO CAN, IND, MYS    | true
            deepa     | TOP_SECRET//REL TO GBR              | false
            eve       | UNCLASSIFIED//REL TO CAN            | true
            eve       | RESTRICTED                          | false
            audrey    | SECRET//REL TO GBR                  | false
            audrey    | SECRET                              | true
            ops       | CONFIDENTIAL//REL TO GBR            | true
            ops       | SECRET//REL TO GBR                  | false
            stateless | TOP_SECRET                          | true
            stateless | UNCLASSIFIED//REL TO GBR            | false
            """)
    void theDemoWorldReadsAsTheSpecSays(String user, String marking, boolean mayRead) {
        assertEquals(mayRead, AccessRules.mayRead(DEMO_USERS.get(user), Marking.parse(marking)));
    }

    @Test
    void everyLabelOfTheChainMustBeReadable() {
        Reader bashir = DEMO_USERS.get("bashir");
        Label forum = Label.releasableToAll(Level.RESTRICTED);
        Label thread = Label.of(Level.CONFIDENTIAL, "GBR", "KEN");
        Label readablePost = Label.of(Level.CONFIDENTIAL, "KEN");
        Label postAboveHim = Label.of(Level.SECRET, "KEN");
        assertTrue(AccessRules.mayRead(bashir, forum, thread, readablePost));
        assertFalse(AccessRules.mayRead(bashir, forum, thread, postAboveHim));
        // The item alone would be readable, but its container is not released to him.
        assertFalse(AccessRules.mayRead(bashir, Label.of(Level.RESTRICTED, "GBR"), readablePost));
        assertFalse(AccessRules.mayRead(bashir, List.of(Label.of(Level.RESTRICTED, "GBR"), readablePost)));
    }

    @Test
    void anEmptyChainIsAProgrammingError() {
        Reader alice = DEMO_USERS.get("alice");
        assertThrows(IllegalArgumentException.class, () -> AccessRules.mayRead(alice));
        assertThrows(IllegalArgumentException.class, () -> AccessRules.mayRead(alice, List.of()));
        assertThrows(NullPointerException.class, () -> AccessRules.mayRead(alice, (Label) null));
    }

    @Test
    void rolesNeverWidenReadAccess() {
        Label gbrSecret = Label.of(Level.SECRET, "GBR");
        for (Reader reader : DEMO_USERS.values()) {
            Reader withEveryRole = new Reader(reader.id(), reader.country(), reader.clearance(), EnumSet.allOf(Role.class));
            Reader withNoRole = new Reader(reader.id(), reader.country(), reader.clearance(), Set.of());
            assertEquals(AccessRules.mayRead(withNoRole, gbrSecret), AccessRules.mayRead(withEveryRole, gbrSecret));
        }
        // ops is an admin with a GBR CONFIDENTIAL clearance: no bypass to SECRET.
        assertFalse(AccessRules.mayRead(DEMO_USERS.get("ops"), gbrSecret));
    }

    @Test
    void aMembersRoomNeedsMembershipAndR1() {
        Label room = Label.of(Level.CONFIDENTIAL, "GBR", "KEN");
        Reader bashir = DEMO_USERS.get("bashir");
        Reader chen = DEMO_USERS.get("chen");
        assertTrue(AccessRules.mayReadIncident(bashir, room, IncidentAccess.MEMBERS, true));
        assertFalse(AccessRules.mayReadIncident(bashir, room, IncidentAccess.MEMBERS, false));
        assertFalse(AccessRules.mayReadIncident(chen, room, IncidentAccess.MEMBERS, true), "membership never outranks R1");
        assertTrue(AccessRules.mayReadIncident(bashir, room, IncidentAccess.CLEARED, false));
        assertFalse(AccessRules.mayReadIncident(chen, room, IncidentAccess.CLEARED, false));
    }

    @Test
    void aMessageAboveTheRoomReachesOnlyThoseWhoMayReadIt() {
        Label room = Label.of(Level.CONFIDENTIAL, "GBR", "KEN");
        Label secretForGbr = Label.of(Level.SECRET, "GBR");
        Reader alice = DEMO_USERS.get("alice");
        Reader bashir = DEMO_USERS.get("bashir");
        assertTrue(AccessRules.mayReadIncidentMessage(alice, room, IncidentAccess.MEMBERS, true, secretForGbr));
        assertFalse(AccessRules.mayReadIncidentMessage(bashir, room, IncidentAccess.MEMBERS, true, secretForGbr));
        assertTrue(AccessRules.mayReadIncidentMessage(bashir, room, IncidentAccess.MEMBERS, true, room));
        assertFalse(AccessRules.mayReadIncidentMessage(alice, room, IncidentAccess.MEMBERS, false, room));
    }

    @Test
    void aNewItemInsideAContainerItsUserMayReadIsChecked() {
        Reader bashir = DEMO_USERS.get("bashir");
        Label thread = Label.of(Level.RESTRICTED, "GBR", "KEN");

        assertSame(LabelDecision.allowed(), AccessRules.checkNewItem(bashir, thread, Label.of(Level.CONFIDENTIAL, "KEN")));

        LabelDecision.Refused tooHigh = refused(AccessRules.checkNewItem(bashir, thread, Label.of(Level.SECRET, "KEN")));
        assertEquals(SecurityRule.W2_NO_WRITE_UP_BLINDNESS, tooHigh.rule());
        assertEquals("You may only assign a label you could read yourself: SECRET is above your clearance CONFIDENTIAL.",
                tooHigh.message());

        LabelDecision.Refused notHisCountry = refused(AccessRules.checkNewItem(bashir, thread, Label.of(Level.RESTRICTED, "GBR")));
        assertEquals(SecurityRule.W2_NO_WRITE_UP_BLINDNESS, notHisCountry.rule());
        assertEquals("You may only assign a label you could read yourself: it must be releasable to your country KEN or to ALL.",
                notHisCountry.message());

        LabelDecision.Refused looser = refused(AccessRules.checkNewItem(bashir, thread, Label.releasableToAll(Level.UNCLASSIFIED)));
        assertEquals(SecurityRule.W1_CONTAINMENT, looser.rule());
        assertEquals("The label UNCLASSIFIED must be at least as restrictive as its container's label "
                + "RESTRICTED//REL TO GBR, KEN: the classification must be at least RESTRICTED; it cannot be "
                + "releasable to ALL, because the container is releasable only to GBR, KEN.", looser.message());

        LabelDecision.Refused extraCountry = refused(AccessRules.checkNewItem(bashir, thread, Label.of(Level.RESTRICTED, "KEN", "MYS")));
        assertEquals(SecurityRule.W1_CONTAINMENT, extraCountry.rule());
        assertTrue(extraCountry.message().endsWith("it cannot add MYS, because the container is releasable only to GBR, KEN."),
                extraCountry.message());
    }

    @Test
    void aReaderWithoutCountryIsToldWhyTheyMayAssignOnlyAll() {
        Reader stateless = DEMO_USERS.get("stateless");
        LabelDecision.Refused refused = refused(AccessRules.checkNewItem(stateless, Label.of(Level.SECRET, "GBR")));
        assertEquals("You may only assign a label you could read yourself: your account has no country, "
                + "so it must be releasable to ALL.", refused.message());
        assertTrue(AccessRules.checkNewItem(stateless, Label.releasableToAll(Level.TOP_SECRET)).isAllowed());
    }

    @Test
    void aContainerTheUserMayNotReadIsNotDescribed() {
        Reader chen = DEMO_USERS.get("chen");
        Label secretThread = Label.of(Level.SECRET, "GBR");
        LabelDecision.Refused refused = refused(AccessRules.checkNewItem(chen, secretThread, Label.releasableToAll(Level.UNCLASSIFIED)));
        assertEquals(SecurityRule.R1_READ, refused.rule());
        assertFalse(refused.message().contains("SECRET") || refused.message().contains("GBR"), refused.message());
    }

    @Test
    void relabellingMayRaiseButNeverLoosen() {
        Reader alice = DEMO_USERS.get("alice");
        Label current = Label.of(Level.CONFIDENTIAL, "GBR", "KEN");
        assertTrue(AccessRules.checkRelabel(alice, current, current).isAllowed(), "keeping the label");
        assertTrue(AccessRules.checkRelabel(alice, current, Label.of(Level.SECRET, "GBR")).isAllowed(), "raising both halves");

        LabelDecision.Refused downgrade = refused(AccessRules.checkRelabel(alice, current, Label.of(Level.RESTRICTED, "GBR")));
        assertEquals(SecurityRule.W3_NO_WRITE_DOWN, downgrade.rule());
        assertEquals("A label can be raised but never loosened: RESTRICTED//REL TO GBR would loosen "
                + "CONFIDENTIAL//REL TO GBR, KEN; the classification must be at least CONFIDENTIAL.", downgrade.message());

        LabelDecision.Refused widened = refused(AccessRules.checkRelabel(alice, current, Label.of(Level.SECRET, "GBR", "KEN", "USA")));
        assertEquals(SecurityRule.W3_NO_WRITE_DOWN, widened.rule(), "raising one half does not excuse loosening the other");
        assertTrue(widened.message().endsWith("it cannot add USA, because the current label is releasable only to GBR, KEN."),
                widened.message());
    }

    @Test
    void contentMovesOnlyToALabelThatDominatesIt() {
        Reader deepa = DEMO_USERS.get("deepa");
        Label incident = Label.of(Level.SECRET, "IND", "MYS");
        assertTrue(AccessRules.checkMoveContent(deepa, incident, Label.of(Level.TOP_SECRET, "IND")).isAllowed());
        LabelDecision.Refused refused = refused(AccessRules.checkMoveContent(deepa, incident, Label.releasableToAll(Level.SECRET)));
        assertEquals(SecurityRule.W3_NO_WRITE_DOWN, refused.rule());
        assertEquals("Content labelled SECRET//REL TO IND, MYS cannot go where it is labelled SECRET, which is less "
                + "restrictive; it cannot be releasable to ALL, because the source is releasable only to IND, MYS.",
                refused.message());
        assertEquals(SecurityRule.R1_READ,
                refused(AccessRules.checkMoveContent(deepa, incident, Label.of(Level.SECRET, "GBR"))).rule(),
                "a target the user cannot read is as absent as a missing one");
    }

    @Test
    void aDecisionThrowsOnlyWhenRefused() {
        LabelDecision allowed = AccessRules.checkNewItem(DEMO_USERS.get("alice"), Label.of(Level.SECRET, "GBR"));
        assertDoesNotThrow(() -> allowed.orThrow(refused -> new IllegalStateException(refused.message())));
        LabelDecision refusal = AccessRules.checkNewItem(DEMO_USERS.get("eve"), Label.of(Level.SECRET, "CAN"));
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> refusal.orThrow(refused -> new IllegalStateException(refused.rule() + ": " + refused.message())));
        assertTrue(thrown.getMessage().startsWith("W2_NO_WRITE_UP_BLINDNESS: "));
    }

    private static LabelDecision.Refused refused(LabelDecision decision) {
        return assertInstanceOf(LabelDecision.Refused.class, decision);
    }
}
