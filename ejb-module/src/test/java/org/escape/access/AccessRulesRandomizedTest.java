package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.escape.access.ReferenceModel.LabelSpec;
import org.escape.access.ReferenceModel.ReaderSpec;
import org.escape.access.ReferenceModel.RefLabel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule and every derived form compared with {@link ReferenceModel} over thousands of random
 * labels, readers and chains. The seed is printed; replay a failure with {@code -Dtests.seed=…}.
 */
class AccessRulesRandomizedTest {

    private static final int ROUNDS = 20_000;

    @BeforeAll
    static void announceSeed() {
        RandomSpecs.announce(AccessRulesRandomizedTest.class);
    }

    @Test
    void r1OnChainsTheEffectiveLabelAndTheTokensAgreeWithTheReference() {
        RandomSpecs specs = new RandomSpecs(RandomSpecs.SEED);
        for (int i = 0; i < ROUNDS; i++) {
            List<LabelSpec> chain = specs.chain();
            ReaderSpec readerSpec = specs.reader();
            Reader reader = readerSpec.toReader();
            List<Label> labels = ReferenceModel.labels(chain);
            String message = readerSpec + " reading " + chain + "; " + RandomSpecs.seedMessage();

            boolean expected = ReferenceModel.mayRead(readerSpec.toReference(), ReferenceModel.references(chain));
            assertEquals(expected, AccessRules.mayRead(reader, labels), message);
            assertEquals(expected, AccessRules.mayRead(reader, labels.toArray(Label[]::new)), message);
            assertEquals(expected, Label.effective(labels).map(label -> AccessRules.mayRead(reader, label)).orElse(false), message);
            assertEquals(expected, LabelTokens.readerFilter(reader).matches(LabelTokens.forChain(labels)), message);
        }
    }

    @Test
    void theEffectiveLabelIsTheReferenceLeastUpperBound() {
        RandomSpecs specs = new RandomSpecs(RandomSpecs.SEED);
        for (int i = 0; i < ROUNDS; i++) {
            List<LabelSpec> chain = specs.chain();
            RefLabel lub = ReferenceModel.leastUpperBound(ReferenceModel.references(chain));
            Optional<Label> effective = Label.effective(ReferenceModel.labels(chain));
            String message = chain + "; " + RandomSpecs.seedMessage();
            if (lub.countries().isEmpty()) {
                assertEquals(Optional.empty(), effective, message);
                continue;
            }
            Label expected = lub.countries().equals(ReferenceModel.EVERY_COUNTRY)
                    ? Label.releasableToAll(Level.valueOf(ReferenceModel.LEVEL_NAMES.get(lub.rank())))
                    : Label.of(Level.valueOf(ReferenceModel.LEVEL_NAMES.get(lub.rank())), List.copyOf(lub.countries()));
            assertEquals(Optional.of(expected), effective, message);
            // The effective label dominates every label of the chain, as a least upper bound must.
            for (Label label : ReferenceModel.labels(chain)) {
                assertEquals(true, effective.get().dominates(label), message);
            }
        }
    }

    @Test
    void dominatesW1W3AgreeWithTheReference() {
        RandomSpecs specs = new RandomSpecs(RandomSpecs.SEED);
        for (int i = 0; i < ROUNDS; i++) {
            LabelSpec a = specs.label();
            LabelSpec b = specs.random().nextBoolean() ? specs.label() : specs.narrowed(a);
            String message = a + " vs " + b + "; " + RandomSpecs.seedMessage();
            boolean aOverB = ReferenceModel.dominates(a.toReference(), b.toReference());
            boolean bOverA = ReferenceModel.dominates(b.toReference(), a.toReference());
            assertEquals(aOverB, a.toLabel().dominates(b.toLabel()), message);
            assertEquals(bOverA, b.toLabel().dominates(a.toLabel()), message);
            assertEquals(bOverA, AccessRules.containmentHolds(a.toLabel(), b.toLabel()), message);
            assertEquals(bOverA, AccessRules.mayRelabel(a.toLabel(), b.toLabel()), message);
            assertEquals(bOverA, AccessRules.mayMoveContent(a.toLabel(), b.toLabel()), message);
        }
    }

    @Test
    void w2AndIncidentRulesAgreeWithTheReference() {
        RandomSpecs specs = new RandomSpecs(RandomSpecs.SEED);
        for (int i = 0; i < ROUNDS; i++) {
            LabelSpec incident = specs.label();
            LabelSpec messageLabel = specs.random().nextBoolean() ? specs.narrowed(incident) : specs.label();
            ReaderSpec readerSpec = specs.reader();
            IncidentAccess access = specs.random().nextBoolean() ? IncidentAccess.MEMBERS : IncidentAccess.CLEARED;
            boolean member = specs.random().nextBoolean();
            Reader reader = readerSpec.toReader();
            String message = readerSpec + " in " + access + " room " + incident + " (member " + member + "), message "
                    + messageLabel + "; " + RandomSpecs.seedMessage();

            boolean readsRoom = ReferenceModel.mayRead(readerSpec.toReference(), List.of(incident.toReference()));
            boolean readsMessage = ReferenceModel.mayRead(readerSpec.toReference(),
                    List.of(incident.toReference(), messageLabel.toReference()));
            boolean admitted = access == IncidentAccess.CLEARED || member;
            assertEquals(readsRoom, AccessRules.mayAssign(reader, incident.toLabel()), message);
            assertEquals(readsRoom && admitted, AccessRules.mayReadIncident(reader, incident.toLabel(), access, member), message);
            assertEquals(readsMessage && admitted,
                    AccessRules.mayReadIncidentMessage(reader, incident.toLabel(), access, member, messageLabel.toLabel()), message);
            assertEquals(readsRoom && access == IncidentAccess.CLEARED,
                    AccessRules.mayJoinIncident(reader, incident.toLabel(), access), message);
        }
    }

    @Test
    void tokensOfASingleLabelAreTheHandWrittenOnes() {
        RandomSpecs specs = new RandomSpecs(RandomSpecs.SEED);
        for (int i = 0; i < ROUNDS; i++) {
            LabelSpec spec = specs.label();
            assertEquals(spec.expectedTokens(), LabelTokens.forItem(spec.toLabel()), RandomSpecs.seedMessage());
        }
    }
}
