package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.pack.Lifecycle;
import org.dawaledger.chaincode.testing.InMemoryLedger.ProposalRefusedException;
import org.dawaledger.chaincode.testing.InMemoryLedger;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transaction's time is the client's word, within the window each endorsing peer allows around its own clock
 * (15 minutes). The contract refuses times no ledger transaction can have; the peers refuse the rest.
 */
class TransactionTimeTest {
    private final LedgerFixture f = LedgerFixture.withCommissionedPacks();

    @ParameterizedTest
    @ValueSource(strings = {"9999-06-01T00:00:00Z", "2200-01-01T00:00:00Z", "2019-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z"})
    void aTransactionDatedOutsideTheLedgersYearsIsRefusedWithItsOwnCode(final String time) {
        // A peer whose clock is this wrong accepts such a stamp. Before the fix: INTERNAL_ERROR, or a record dated so.
        f.ledger.setTime(Instant.parse(time));

        f.refused(f.manufacturer, ctx -> f.contract.registerBatch(ctx, GTIN, "L9", "991231", "5"),
                ErrorCode.INVALID_TRANSACTION_TIME);
        f.refused(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx, GTIN, "S0001", "", "", "odd"),
                ErrorCode.INVALID_TRANSACTION_TIME);
        assertThatThrownBy(() -> f.ledger.evaluate(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, "S0001",
                "LOT1", EXPIRY))).isInstanceOfSatisfying(ChaincodeException.class,
                        e -> assertThat(e.getMessage()).startsWith("[INVALID_TRANSACTION_TIME] "));
    }

    @Test
    void theFirstAndLastInstantsOfTheLedgersYearsAreAccepted() {
        for (final String time : List.of("2020-01-01T00:00:00Z", "2199-12-31T23:59:59.999999999Z")) {
            f.ledger.setTime(Instant.parse(time));
            assertThat(f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, "S0001", "LOT1", EXPIRY))
                    .has("verdict")).as("answered at %s", time).isTrue();
        }
    }

    @Test
    void aDispenseStampedMoreThanFifteenMinutesFromThePeersClockIsRefusedByThePeer() {
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, List.of("S0001"));
        final Instant peerTime = f.ledger.now();

        assertThatThrownBy(() -> f.ledger.submitStamped(f.pharmacy, peerTime.minus(Duration.ofMinutes(16)),
                ctx -> f.contract.dispensePacks(ctx, LedgerFixture.packsJson(List.of("S0001")))))
                .isInstanceOf(ProposalRefusedException.class)
                .hasMessageContaining("incorrect timestamp");
        assertThat(verdict("S0001").get("packStatus").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void anUndoBackdatedIntoItsWindowIsRefusedOnceThePeersClockIsMoreThanFifteenMinutesPastIt() {
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, List.of("S0001", "S0002"));
        f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, LedgerFixture.packsJson(List.of("S0001", "S0002"))));
        final Instant windowEnds = f.ledger.now().plus(Lifecycle.UNDO_WINDOW);

        // Fourteen minutes late, the client can still stamp its undo inside the window, alone: that is the slack.
        f.ledger.setTime(windowEnds.plus(Duration.ofMinutes(14)));
        final JsonNode undone = f.ledger.submitStamped(f.pharmacy, windowEnds,
                ctx -> LedgerFixture.parse(f.contract.undoDecommission(ctx, GTIN, "S0001")));
        assertThat(undone.get("status").asText()).isEqualTo("ACTIVE");

        // Sixteen minutes late, the peer refuses the backdated stamp, and an honest one is past the window.
        f.ledger.setTime(windowEnds.plus(Duration.ofMinutes(16)));
        assertThatThrownBy(() -> f.ledger.submitStamped(f.pharmacy, windowEnds, ctx -> f.contract.undoDecommission(
                ctx, GTIN, "S0002"))).isInstanceOf(ProposalRefusedException.class);
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0002"),
                ErrorCode.UNDO_WINDOW_EXCEEDED);
    }

    @Test
    void theWindowIsFabricsDefault() {
        assertThat(InMemoryLedger.PROPOSAL_TIME_WINDOW).isEqualTo(Duration.ofMinutes(15));
    }

    private JsonNode verdict(final String serial) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, serial, "LOT1", EXPIRY));
    }
}
