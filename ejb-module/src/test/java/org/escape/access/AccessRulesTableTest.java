package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.escape.access.ReferenceModel.LabelSpec;
import org.escape.access.ReferenceModel.ReaderSpec;
import org.escape.access.ReferenceModel.RefLabel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule over the full table: 5 levels × 5 releasabilities (ALL, GBR, GBR+KEN, KEN,
 * MYS+IND+CAN) for labels, 5 clearances × 4 countries (GBR, KEN, MYS, none) for readers, with and
 * without every role. The expected value of each case comes from {@link ReferenceModel}, never
 * from the code under test.
 */
class AccessRulesTableTest {

    static Stream<Arguments> readersAndLabels() {
        List<Arguments> cases = new ArrayList<>();
        for (ReaderSpec reader : ReferenceModel.tableReadersWithAndWithoutRoles()) {
            for (LabelSpec label : ReferenceModel.tableLabels()) {
                cases.add(Arguments.of(reader, label));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> labelPairs() {
        List<Arguments> cases = new ArrayList<>();
        for (LabelSpec a : ReferenceModel.tableLabels()) {
            for (LabelSpec b : ReferenceModel.tableLabels()) {
                cases.add(Arguments.of(a, b));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "R1 {0} reads {1}")
    @MethodSource("readersAndLabels")
    void r1ReadAgreesWithTheReference(ReaderSpec reader, LabelSpec label) {
        boolean expected = ReferenceModel.mayRead(reader.toReference(), List.of(label.toReference()));
        assertEquals(expected, AccessRules.mayRead(reader.toReader(), label.toLabel()));
        assertEquals(expected, AccessRules.mayRead(reader.toReader(), List.of(label.toLabel())));
    }

    @ParameterizedTest(name = "W2 {0} assigns {1}")
    @MethodSource("readersAndLabels")
    void w2AssignAgreesWithTheReference(ReaderSpec reader, LabelSpec label) {
        boolean expected = ReferenceModel.mayRead(reader.toReference(), List.of(label.toReference()));
        assertEquals(expected, AccessRules.mayAssign(reader.toReader(), label.toLabel()));
        assertEquals(expected, AccessRules.checkNewItem(reader.toReader(), label.toLabel()).isAllowed());
    }

    @ParameterizedTest(name = "incident {1} for {0}")
    @MethodSource("readersAndLabels")
    void incidentAccessAgreesWithTheReference(ReaderSpec readerSpec, LabelSpec labelSpec) {
        boolean passesR1 = ReferenceModel.mayRead(readerSpec.toReference(), List.of(labelSpec.toReference()));
        Reader reader = readerSpec.toReader();
        Label label = labelSpec.toLabel();
        assertEquals(passesR1, AccessRules.mayReadIncident(reader, label, IncidentAccess.CLEARED, false), "CLEARED, not member");
        assertEquals(passesR1, AccessRules.mayReadIncident(reader, label, IncidentAccess.CLEARED, true), "CLEARED, member");
        assertEquals(false, AccessRules.mayReadIncident(reader, label, IncidentAccess.MEMBERS, false), "MEMBERS, not member");
        assertEquals(passesR1, AccessRules.mayReadIncident(reader, label, IncidentAccess.MEMBERS, true), "MEMBERS, member");
        assertEquals(passesR1, AccessRules.mayJoinIncident(reader, label, IncidentAccess.CLEARED), "join CLEARED");
        assertEquals(false, AccessRules.mayJoinIncident(reader, label, IncidentAccess.MEMBERS), "join MEMBERS");
        assertEquals(passesR1, AccessRules.mayBeAddedToIncident(reader, label), "be added");
    }

    @ParameterizedTest(name = "{0} dominates {1}")
    @MethodSource("labelPairs")
    void dominatesAgreesWithTheReference(LabelSpec a, LabelSpec b) {
        assertEquals(ReferenceModel.dominates(a.toReference(), b.toReference()), a.toLabel().dominates(b.toLabel()));
    }

    @ParameterizedTest(name = "W1 item {1} in container {0}")
    @MethodSource("labelPairs")
    void w1ContainmentAgreesWithTheReference(LabelSpec container, LabelSpec item) {
        boolean expected = ReferenceModel.dominates(item.toReference(), container.toReference());
        assertEquals(expected, AccessRules.containmentHolds(container.toLabel(), item.toLabel()));
    }

    @ParameterizedTest(name = "W3 relabel {0} to {1}")
    @MethodSource("labelPairs")
    void w3RelabelAgreesWithTheReference(LabelSpec current, LabelSpec proposed) {
        boolean expected = ReferenceModel.dominates(proposed.toReference(), current.toReference());
        assertEquals(expected, AccessRules.mayRelabel(current.toLabel(), proposed.toLabel()));
    }

    @ParameterizedTest(name = "W3 move {0} to {1}")
    @MethodSource("labelPairs")
    void w3MoveAgreesWithTheReference(LabelSpec source, LabelSpec target) {
        boolean expected = ReferenceModel.dominates(target.toReference(), source.toReference());
        assertEquals(expected, AccessRules.mayMoveContent(source.toLabel(), target.toLabel()));
    }

    /** Every two-label chain for every reader: R1 on the chain, on its effective label, and in tokens. */
    @ParameterizedTest(name = "chain {0} > {1}")
    @MethodSource("labelPairs")
    void r1OnChainsAgreesWithTheReferenceAndWithTheEffectiveLabel(LabelSpec container, LabelSpec item) {
        List<LabelSpec> chain = List.of(container, item);
        RefLabel lub = ReferenceModel.leastUpperBound(ReferenceModel.references(chain));
        Optional<Label> effective = Label.effective(ReferenceModel.labels(chain));
        assertEquals(lub.countries().isEmpty(), effective.isEmpty(), "nobody may read exactly when the countries are disjoint");
        for (ReaderSpec readerSpec : ReferenceModel.tableReadersWithAndWithoutRoles()) {
            Reader reader = readerSpec.toReader();
            boolean expected = ReferenceModel.mayRead(readerSpec.toReference(), ReferenceModel.references(chain));
            String message = readerSpec + " reading " + chain;
            assertEquals(expected, AccessRules.mayRead(reader, ReferenceModel.labels(chain)), message);
            assertEquals(expected, effective.map(label -> AccessRules.mayRead(reader, label)).orElse(false), message);
            assertEquals(expected, LabelTokens.readerFilter(reader).matches(LabelTokens.forChain(ReferenceModel.labels(chain))),
                    message);
        }
    }

    /** checkNewItem agrees with R1 on the container, W2 and W1, and names the first that fails. */
    @ParameterizedTest(name = "new item {1} in {0}")
    @MethodSource("labelPairs")
    void checkNewItemNamesTheFirstRuleThatRefuses(LabelSpec container, LabelSpec proposed) {
        for (ReaderSpec readerSpec : ReferenceModel.tableReaders()) {
            boolean readsContainer = ReferenceModel.mayRead(readerSpec.toReference(), List.of(container.toReference()));
            boolean readsProposed = ReferenceModel.mayRead(readerSpec.toReference(), List.of(proposed.toReference()));
            boolean contained = ReferenceModel.dominates(proposed.toReference(), container.toReference());
            Optional<SecurityRule> expected = !readsContainer ? Optional.of(SecurityRule.R1_READ)
                    : !readsProposed ? Optional.of(SecurityRule.W2_NO_WRITE_UP_BLINDNESS)
                    : !contained ? Optional.of(SecurityRule.W1_CONTAINMENT)
                    : Optional.empty();
            LabelDecision decision = AccessRules.checkNewItem(readerSpec.toReader(), container.toLabel(), proposed.toLabel());
            assertEquals(expected, refusedBy(decision), readerSpec + " adding " + proposed + " to " + container);
        }
    }

    @ParameterizedTest(name = "relabel {0} to {1}")
    @MethodSource("labelPairs")
    void checkRelabelNamesTheFirstRuleThatRefuses(LabelSpec current, LabelSpec proposed) {
        for (ReaderSpec readerSpec : ReferenceModel.tableReaders()) {
            boolean readsCurrent = ReferenceModel.mayRead(readerSpec.toReference(), List.of(current.toReference()));
            boolean readsProposed = ReferenceModel.mayRead(readerSpec.toReference(), List.of(proposed.toReference()));
            boolean raises = ReferenceModel.dominates(proposed.toReference(), current.toReference());
            Optional<SecurityRule> expected = !readsCurrent ? Optional.of(SecurityRule.R1_READ)
                    : !readsProposed ? Optional.of(SecurityRule.W2_NO_WRITE_UP_BLINDNESS)
                    : !raises ? Optional.of(SecurityRule.W3_NO_WRITE_DOWN)
                    : Optional.empty();
            LabelDecision decision = AccessRules.checkRelabel(readerSpec.toReader(), current.toLabel(), proposed.toLabel());
            assertEquals(expected, refusedBy(decision), readerSpec + " relabelling " + current + " to " + proposed);
        }
    }

    @ParameterizedTest(name = "move {0} to {1}")
    @MethodSource("labelPairs")
    void checkMoveContentNamesTheFirstRuleThatRefuses(LabelSpec source, LabelSpec target) {
        for (ReaderSpec readerSpec : ReferenceModel.tableReaders()) {
            boolean readsBoth = ReferenceModel.mayRead(readerSpec.toReference(),
                    List.of(source.toReference(), target.toReference()));
            boolean dominates = ReferenceModel.dominates(target.toReference(), source.toReference());
            Optional<SecurityRule> expected = !readsBoth ? Optional.of(SecurityRule.R1_READ)
                    : !dominates ? Optional.of(SecurityRule.W3_NO_WRITE_DOWN)
                    : Optional.empty();
            LabelDecision decision = AccessRules.checkMoveContent(readerSpec.toReader(), source.toLabel(), target.toLabel());
            assertEquals(expected, refusedBy(decision), readerSpec + " moving " + source + " to " + target);
        }
    }

    static Optional<SecurityRule> refusedBy(LabelDecision decision) {
        return switch (decision) {
            case LabelDecision.Allowed allowed -> Optional.empty();
            case LabelDecision.Refused refused -> Optional.of(refused.rule());
        };
    }
}
