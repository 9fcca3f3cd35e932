package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY_ISO;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTED_GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.RecordedEvent;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.contract.Context;
import org.junit.jupiter.api.Test;

/** The whole story of one imported pack, from licensing to recall, one transaction at a time. */
class LedgerScenarioTest {
    private static final String LOT = "IMP1";

    private final LedgerFixture f = LedgerFixture.licensed();
    private final List<String> eventNames = new ArrayList<>();

    @Test
    void anImportedPackTravelsFromClearanceToDispensingIsCaughtWhenSoldTwiceAndEndsRecalled() {
        // Licensing: InitLedger and six registrations, one event each.
        assertThat(f.ledger.events()).extracting(RecordedEvent::name).containsExactly("LedgerInitialised",
                "ParticipantRegistered", "ParticipantRegistered", "ParticipantRegistered", "ParticipantRegistered",
                "ParticipantRegistered", "ParticipantRegistered");
        final int licensingEvents = f.ledger.events().size();

        // Import: declared, pending, unsellable.
        step(f.importer, ctx -> f.contract.registerProduct(ctx, IMPORTED_GTIN, "Amoxicillin", "250 mg", "capsule",
                "REG-AMX", "Foreign Pharma GmbH"), "ProductRegistered");
        step(f.regulator, ctx -> f.contract.approveProduct(ctx, IMPORTED_GTIN, "Registration REG-AMX confirmed"),
                "ProductApproved");
        final JsonNode declared = step(f.importer, ctx -> f.contract.declareImport(ctx, IMPORTED_GTIN, LOT, EXPIRY,
                "50", "PERMIT-1", "Karachi Port", "Foreign Pharma GmbH"), "ImportDeclared");
        assertThat(declared.get("status").asText()).isEqualTo("PENDING_CLEARANCE");
        assertThat(declared.get("origin").asText()).isEqualTo("IMPORTED");
        assertThat(declared.get("ownerGln").asText()).isEqualTo(IMPORTER_GLN);
        final JsonNode pending = f.query(f.regulator, ctx -> f.contract.listPendingImports(ctx, "", ""));
        assertThat(pending.get("records")).hasSize(1);
        assertThat(pending.at("/records/0/gtin").asText()).isEqualTo(IMPORTED_GTIN);
        assertThat(pending.at("/records/0/lot").asText()).isEqualTo(LOT);
        assertThat(verify("", LOT, EXPIRY).get("verdict").asText()).isEqualTo("NOT_RELEASED");

        // Clearance.
        f.ledger.advance(Duration.ofDays(2));
        final JsonNode cleared = step(f.regulator, ctx -> f.contract.clearImport(ctx, IMPORTED_GTIN, LOT, "RELEASE",
                "lab tests passed"), "ImportCleared");
        assertThat(cleared.get("status").asText()).isEqualTo("RELEASED");
        assertThat(f.lastEvent().at("/data/decision").asText()).isEqualTo("RELEASE");
        assertThat(f.query(f.regulator, ctx -> f.contract.listPendingImports(ctx, "", "")).get("records")).isEmpty();
        assertThat(verify("", LOT, EXPIRY).get("verdict").asText()).isEqualTo("ACTIVE");

        // Commission, ship, receive, ship, receive.
        final JsonNode commissioned = step(f.importer, ctx -> f.contract.commissionPacks(ctx, IMPORTED_GTIN, LOT,
                json(List.of("P0001", "P0002"))), "PacksCommissioned");
        assertThat(commissioned.get("commissioned").asInt()).isEqualTo(2);
        assertThat(commissioned.get("unserialisedRemaining").asLong()).isEqualTo(48);
        assertThat(verify("", LOT, EXPIRY).get("verdict").asText()).isEqualTo("SERIAL_REQUIRED");
        final String toDistributor = step(f.importer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents("P0001")), "ShipmentDispatched").get("shipmentId").asText();
        assertThat(verify("P0001", LOT, EXPIRY).get("inTransit").asBoolean()).isTrue();
        step(f.distributor, ctx -> f.contract.receiveShipment(ctx, toDistributor), "ShipmentReceived");
        final String toPharmacy = step(f.distributor, ctx -> f.contract.shipPacks(ctx, PHARMACY_GLN,
                contents("P0001")), "ShipmentDispatched").get("shipmentId").asText();
        step(f.pharmacy, ctx -> f.contract.receiveShipment(ctx, toPharmacy), "ShipmentReceived");

        // Verify at the counter.
        final JsonNode atCounter = verify("P0001", LOT, EXPIRY);
        assertThat(atCounter.get("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(atCounter.get("custodianGln").asText()).isEqualTo(PHARMACY_GLN);
        assertThat(atCounter.get("ledgerExpiry").asText()).isEqualTo(EXPIRY_ISO);
        assertThat(atCounter.get("inTransit").asBoolean()).isFalse();

        // Dispense.
        f.ledger.advance(Duration.ofDays(1));
        final JsonNode dispensed = step(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, packs("P0001")),
                "PacksDispensed").get(0);
        assertThat(dispensed.get("code").asText()).isEqualTo("SUPPLIED");
        assertThat(verify("P0001", LOT, EXPIRY).get("verdict").asText()).isEqualTo("ALREADY_SUPPLIED");

        // A second pharmacy presents the same pack: refused, and the regulator sees an open alert.
        f.ledger.advance(Duration.ofHours(3));
        final JsonNode copy = step(f.pharmacy2, ctx -> f.contract.dispensePacks(ctx, packs("P0001")),
                "PacksDispensed").get(0);
        assertThat(copy.get("accepted").asBoolean()).isFalse();
        assertThat(copy.get("code").asText()).isEqualTo("ALREADY_SUPPLIED");
        final String alertId = copy.get("alertId").asText();
        assertThat(f.lastEvent().at("/data/alerts/0/alertId").asText()).isEqualTo(alertId);
        final JsonNode open = f.query(f.regulator, ctx -> f.contract.listAlerts(ctx, "OPEN", "", ""));
        assertThat(open.get("records")).hasSize(1);
        assertThat(open.at("/records/0/alertId").asText()).isEqualTo(alertId);
        assertThat(open.at("/records/0/code").asText()).isEqualTo("ALREADY_SUPPLIED");
        assertThat(open.at("/records/0/raisedBy").asText()).isEqualTo(PHARMACY2_GLN);
        assertThat(open.at("/records/0/gtin").asText()).isEqualTo(IMPORTED_GTIN);
        assertThat(open.at("/records/0/serial").asText()).isEqualTo("P0001");

        // Undo: not by another party; by the dispensing pharmacy within ten days; not after eleven.
        f.refused(f.pharmacy2, ctx -> f.contract.undoDecommission(ctx, IMPORTED_GTIN, "P0001"),
                ErrorCode.UNDO_BY_DIFFERENT_PARTY);
        f.ledger.advance(Duration.ofDays(3));
        final JsonNode undone = step(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, IMPORTED_GTIN, "P0001"),
                "DecommissionUndone");
        assertThat(undone.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(verify("P0001", LOT, EXPIRY).get("verdict").asText()).isEqualTo("ACTIVE");
        step(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, packs("P0001")), "PacksDispensed");
        f.ledger.advance(Duration.ofDays(11));
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, IMPORTED_GTIN, "P0001"),
                ErrorCode.UNDO_WINDOW_EXCEEDED);

        // Recall.
        final JsonNode recalled = step(f.regulator, ctx -> f.contract.recallBatch(ctx, IMPORTED_GTIN, LOT,
                "Sterility failure"), "BatchRecalled");
        assertThat(recalled.get("status").asText()).isEqualTo("RECALLED");
        assertThat(f.lastEvent().get("actor").asText()).isEqualTo(REGULATOR_GLN);
        assertThat(verify("P0001", LOT, EXPIRY).get("verdict").asText()).isEqualTo("RECALLED");
        assertThat(verify("P0002", LOT, EXPIRY).get("verdict").asText()).isEqualTo("RECALLED");
        // Read without its serial, a pack of the recalled batch is told recalled first, and still suspect.
        final JsonNode serialLess = verify("", LOT, EXPIRY);
        assertThat(serialLess.get("verdict").asText()).isEqualTo("RECALLED");
        assertThat(serialLess.get("findings")).extracting(JsonNode::asText).containsExactly("RECALLED",
                "SERIAL_REQUIRED");

        // One event per committed transaction, none for refusals or queries.
        final List<RecordedEvent> scenarioEvents = f.ledger.events().subList(licensingEvents,
                f.ledger.events().size());
        assertThat(scenarioEvents).extracting(RecordedEvent::name).containsExactlyElementsOf(eventNames)
                .containsExactly("ProductRegistered", "ProductApproved", "ImportDeclared", "ImportCleared",
                        "PacksCommissioned",
                        "ShipmentDispatched", "ShipmentReceived", "ShipmentDispatched", "ShipmentReceived",
                        "PacksDispensed", "PacksDispensed", "DecommissionUndone", "PacksDispensed",
                        "BatchRecalled");
        assertThat(scenarioEvents).extracting(RecordedEvent::txId).doesNotHaveDuplicates();
    }

    /** Submits one transaction and checks that it committed exactly one event, of this name, for itself. */
    private JsonNode step(final TestIdentity who, final Function<Context, String> transaction,
            final String eventName) {
        final int before = f.ledger.events().size();
        final JsonNode answer = f.call(who, transaction);
        assertThat(f.ledger.events()).as("events after %s", eventName).hasSize(before + 1);
        final RecordedEvent event = f.ledger.lastEvent().orElseThrow();
        assertThat(event.name()).isEqualTo(eventName);
        assertThat(event.txId()).isEqualTo(f.ledger.lastTxId());
        final JsonNode payload = f.lastEvent();
        assertThat(payload.get("type").asText()).isEqualTo(eventName);
        assertThat(payload.get("txId").asText()).isEqualTo(event.txId());
        assertThat(payload.get("timestamp").asText()).isEqualTo(f.ledger.now().toString());
        eventNames.add(eventName);
        return answer;
    }

    private JsonNode verify(final String serial, final String lot, final String expiry) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, IMPORTED_GTIN, serial, lot, expiry));
    }

    private static String contents(final String serial) {
        return json(Map.of("packs", List.of(Map.of("gtin", IMPORTED_GTIN, "serial", serial))));
    }

    private static String packs(final String serial) {
        return json(List.of(Map.of("gtin", IMPORTED_GTIN, "serial", serial, "lot", LOT, "expiry", EXPIRY)));
    }
}
