package org.dawaledger.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.dawaledger.network.Organisation.DISTRIBUTOR;
import static org.dawaledger.network.Organisation.IMPORTER;
import static org.dawaledger.network.Organisation.MANUFACTURER;
import static org.dawaledger.network.Organisation.PHARMACY;
import static org.dawaledger.network.Organisation.REGULATOR;
import static org.dawaledger.network.TestJson.json;
import static org.dawaledger.network.TestJson.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.network.LedgerClient.Committed;
import org.dawaledger.network.LedgerClient.Refused;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ledger's story on the real network, each step by the organisation that takes it, through its own peer's
 * gateway: licensing, a product and its packs, an import and its clearance, custody, dispensing, the alerts of a
 * second dispense and of a race, a suspended party, the endorsement policy, a recall, a restart and an upgrade.
 * Every run uses products and lots of its own, so it can run again on the same network.
 */
@ExtendWith(FabricNetwork.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
class NetworkStoryIT {
    /** The demo participants network.sh licenses. */
    private static final String MANUFACTURER_GLN = gln("896000000002");
    private static final String IMPORTER_GLN = gln("896000000003");
    private static final String DISTRIBUTOR_GLN = gln("896000000004");
    private static final String PHARMACY_GLN = gln("896000000005");
    private static final String PHARMACY2_GLN = gln("896000000006");
    /** A distributor these tests license (Distributor's User2). */
    private static final String NEW_DISTRIBUTOR_GLN = gln("896000000007");
    private static final int PACKS = 10_000;
    private static final int CHUNK = 2_500;

    private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));
    /** Under the demo manufacturer's prefix 8960001. */
    private final String gtin = gtin("08960001" + run);
    /** A foreign maker's GTIN, under no domestic prefix. */
    private final String importedGtin = gtin("04012345" + run);
    private final String lot = "L" + run;
    private final String expiry = "301231";
    private final Map<Organisation, LedgerClient> admins = new EnumMap<>(Organisation.class);
    private LedgerClient manufacturer;
    private LedgerClient importer;
    private LedgerClient distributor;
    private LedgerClient pharmacy;
    private LedgerClient pharmacy2;

    @BeforeAll
    void connect() {
        connectAll();
    }

    private void connectAll() {
        for (final Organisation organisation : Organisation.values()) {
            admins.put(organisation, LedgerClient.as(organisation, "Admin"));
        }
        manufacturer = LedgerClient.as(MANUFACTURER, "User1");
        importer = LedgerClient.as(IMPORTER, "User1");
        distributor = LedgerClient.as(DISTRIBUTOR, "User1");
        pharmacy = LedgerClient.as(PHARMACY, "User1");
        pharmacy2 = LedgerClient.as(PHARMACY, "User2");
    }

    @AfterAll
    void disconnect() {
        admins.values().forEach(LedgerClient::close);
        List.of(manufacturer, importer, distributor, pharmacy, pharmacy2).forEach(LedgerClient::close);
    }

    private LedgerClient regulator() {
        return admins.get(REGULATOR);
    }

    @Test
    @Order(1)
    void theRegulatorLicensesADistributorWhoseIdentityThenActsAsIt() throws IOException {
        final String pem = Files.readString(DISTRIBUTOR.msp("User2").resolve("signcerts")
                .resolve("User2@" + DISTRIBUTOR.domain() + "-cert.pem"));
        final Refused unknown = catchThrowableOfType(Refused.class,
                () -> regulator().evaluate("GetParticipant", NEW_DISTRIBUTOR_GLN));
        if (unknown != null) {
            assertThat(unknown.code()).isEqualTo("PARTICIPANT_NOT_FOUND");
            regulator().submit("RegisterParticipant", NEW_DISTRIBUTOR_GLN, "DISTRIBUTOR", "Sindh Medical Supplies",
                    "DDL-000790", "", DISTRIBUTOR.mspId(), pem);
        }

        try (LedgerClient newcomer = LedgerClient.as(DISTRIBUTOR, "User2")) {
            newcomer.awaitBlock(regulator().height() - 1);
            assertThat(json(newcomer.evaluate("WhoAmI")).at("/participant/gln").asText())
                    .isEqualTo(NEW_DISTRIBUTOR_GLN);
        }
    }

    @Test
    @Order(2)
    void theManufacturerRegistersAnApprovedProductsBatchAndCommissionsTenThousandPacksInChunks() {
        final Refused pending = catchThrowableOfType(Refused.class, () -> {
            manufacturer.submit("RegisterProduct", gtin, "Panadol " + run, "500 mg", "tablet", "REG-" + run, "");
            manufacturer.submit("RegisterBatch", gtin, lot, expiry, Integer.toString(PACKS + 100));
        });
        assertThat(pending.code()).isEqualTo("PRODUCT_NOT_APPROVED");
        final Committed approved = regulator().submit("ApproveProduct", gtin, "Registration REG-" + run);
        manufacturer.awaitBlock(approved.blockNumber());
        manufacturer.submit("RegisterBatch", gtin, lot, expiry, Integer.toString(PACKS + 100));

        int commissioned = 0;
        long lastBlock = 0;
        for (int from = 1; from <= PACKS; from += CHUNK) {
            final Committed chunk = manufacturer.submit("CommissionPacks", gtin, lot, serials(from, from + CHUNK - 1));
            commissioned += json(chunk.answer()).get("commissioned").asInt();
            lastBlock = chunk.blockNumber();
        }

        assertThat(commissioned).isEqualTo(PACKS);
        // A submit returns once the manufacturer's peer has the block; the pharmacy's may be a block behind.
        pharmacy.awaitBlock(lastBlock);
        assertThat(verify(pharmacy, serial(PACKS), lot).get("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(json(manufacturer.evaluate("GetStockHolding", gtin, lot, MANUFACTURER_GLN)).get("quantity")
                .asLong()).isEqualTo(100);
    }

    @Test
    @Order(3)
    void anImportWaitsForClearanceUntilTheRegulatorClearsIt() {
        final String importLot = "IMP" + run;
        final Committed registered = importer.submit("RegisterProduct", importedGtin, "Augmentin " + run, "625 mg",
                "tablet", "REG-I" + run, "Beecham Pharmaceuticals (Pte) Ltd");
        regulator().awaitBlock(registered.blockNumber());
        final Committed approved = regulator().submit("ApproveProduct", importedGtin, "Registration REG-I" + run);
        importer.awaitBlock(approved.blockNumber());
        final Committed declared = importer.submit("DeclareImport", importedGtin, importLot, expiry, "100",
                "PERMIT-" + run, "Karachi Port", "Beecham Pharmaceuticals (Pte) Ltd");
        pharmacy.awaitBlock(declared.blockNumber());
        assertThat(verify(pharmacy, "", importLot, importedGtin).get("verdict").asText()).isEqualTo("NOT_RELEASED");
        regulator().awaitBlock(declared.blockNumber());
        assertThat(json(regulator().evaluate("ListPendingImports", "1000", "")).get("records").toString())
                .contains(importLot);

        final Committed cleared = regulator().submit("ClearImport", importedGtin, importLot, "RELEASE",
                "Documents and samples checked");

        pharmacy.awaitBlock(cleared.blockNumber());
        assertThat(verify(pharmacy, "", importLot, importedGtin).get("verdict").asText()).isEqualTo("ACTIVE");
    }

    @Test
    @Order(4)
    void packsAreShippedAndReceivedDownTheSupplyChain() {
        final Committed toDistributor = manufacturer.submit("ShipPacks", DISTRIBUTOR_GLN, contents(1, 20));
        distributor.awaitBlock(toDistributor.blockNumber());
        distributor.submit("ReceiveShipment", json(toDistributor.answer()).get("shipmentId").asText());
        final Committed toPharmacy = distributor.submit("ShipPacks", PHARMACY_GLN, contents(1, 10));
        pharmacy.awaitBlock(toPharmacy.blockNumber());

        final Committed received = pharmacy.submit("ReceiveShipment",
                json(toPharmacy.answer()).get("shipmentId").asText());

        assertThat(json(received.answer()).get("status").asText()).isEqualTo("RECEIVED");
        assertThat(verify(pharmacy, serial(1), lot).get("custodianGln").asText()).isEqualTo(PHARMACY_GLN);
        assertThat(verify(pharmacy, serial(11), lot).get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
    }

    @Test
    @Order(5)
    void thePharmacyVerifiesAndDispensesAPackAndASecondPharmacyDispensingItRaisesAnAlert() {
        assertThat(verify(pharmacy, serial(1), lot).get("verdict").asText()).isEqualTo("ACTIVE");
        final JsonNode dispensed = json(pharmacy.submit("DispensePacks", packs(serial(1))).answer()).get(0);
        assertThat(dispensed.get("code").asText()).isEqualTo("SUPPLIED");

        final Committed second = pharmacy2.submit("DispensePacks", packs(serial(1)));

        final JsonNode outcome = json(second.answer()).get(0);
        assertThat(outcome.get("accepted").asBoolean()).isFalse();
        assertThat(outcome.get("code").asText()).isEqualTo("ALREADY_SUPPLIED");
        regulator().awaitBlock(second.blockNumber());
        final JsonNode alert = json(regulator().evaluate("GetAlert", outcome.get("alertId").asText()));
        assertThat(alert.get("code").asText()).isEqualTo("ALREADY_SUPPLIED");
        assertThat(alert.get("raisedBy").asText()).isEqualTo(PHARMACY2_GLN);
    }

    @Test
    @Order(6)
    void twoDispensesOfOnePackRacingIntoOneBlockGiveOneSaleAndOneAlert() {
        // Two tills of the same pharmacy sell the same pack at once. The loser of the MVCC race is resubmitted, so its
        // committed answer is ALREADY_SUPPLIED with an alert, not the SUPPLIED its first endorsement said.
        try (LedgerClient till1 = LedgerClient.as(PHARMACY, "User1"); LedgerClient till2 = LedgerClient.as(PHARMACY,
                "User1")) {
            final CompletableFuture<Committed> first = CompletableFuture.supplyAsync(
                    () -> till1.submit("DispensePacks", packs(serial(2))));
            final CompletableFuture<Committed> second = CompletableFuture.supplyAsync(
                    () -> till2.submit("DispensePacks", packs(serial(2))));

            final List<JsonNode> outcomes = List.of(json(first.join().answer()).get(0),
                    json(second.join().answer()).get(0));

            assertThat(outcomes).extracting(o -> o.get("code").asText())
                    .containsExactlyInAnyOrder("SUPPLIED", "ALREADY_SUPPLIED");
            assertThat(outcomes).filteredOn(o -> o.get("code").asText().equals("ALREADY_SUPPLIED"))
                    .allSatisfy(o -> assertThat(o.has("alertId")).isTrue());
        }
        assertThat(verify(pharmacy, serial(2), lot).get("verdict").asText()).isEqualTo("ALREADY_SUPPLIED");
    }

    @Test
    @Order(7)
    void aSuspendedPartyIsRefused() {
        final Committed suspended = regulator().submit("SetParticipantStatus", NEW_DISTRIBUTOR_GLN, "SUSPENDED",
                "Licence inspection " + run);
        try (LedgerClient newcomer = LedgerClient.as(DISTRIBUTOR, "User2")) {
            newcomer.awaitBlock(suspended.blockNumber());
            final Refused refused = catchThrowableOfType(Refused.class, () -> newcomer.submit("ReportSuspectPack",
                    gtin, serial(3), lot, expiry, "test of a suspended licence"));
            assertThat(refused.code()).isEqualTo("CALLER_NOT_ACTIVE");
        } finally {
            regulator().submit("SetParticipantStatus", NEW_DISTRIBUTOR_GLN, "ACTIVE", "Inspection passed " + run);
        }
    }

    @Test
    @Order(8)
    void aWriteEndorsedByOneOrganisationAloneFailsValidation() {
        final Committed alone = pharmacy.submitEndorsedBy(List.of(PHARMACY), "ReportSuspectPack", gtin, serial(3),
                lot, expiry, "endorsed by one organisation only");

        assertThat(alone.code()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        final Committed two = pharmacy.submitEndorsedBy(List.of(PHARMACY, DISTRIBUTOR), "ReportSuspectPack", gtin,
                serial(3), lot, expiry, "endorsed by two organisations");
        assertThat(two.code()).isEqualTo(TxValidationCode.VALID);
    }

    @Test
    @Order(9)
    void aRecallIsSeenFromEveryOrganisation() {
        final Committed recalled = manufacturer.submit("RecallBatch", gtin, lot, "Dissolution failure " + run);

        for (final LedgerClient client : admins.values()) {
            client.awaitBlock(recalled.blockNumber());
            final JsonNode verdict = verify(client, serial(5), lot);
            assertThat(verdict.get("verdict").asText()).as("seen by %s", client.organisation()).isEqualTo("RECALLED");
            assertThat(verdict.get("recallReason").asText()).isEqualTo("Dissolution failure " + run);
        }
    }

    @Test
    @Order(10)
    void theLedgerSurvivesAStopAndStartOfTheWholeNetwork() {
        final String before = verify(pharmacy, serial(1), lot).toString();
        disconnect();

        FabricNetwork.run(Duration.ofMinutes(1), "stop");
        FabricNetwork.run(Duration.ofMinutes(3), "start");
        connectAll();

        assertThat(verify(pharmacy, serial(1), lot).toString()).isEqualTo(before);
        assertThat(pharmacy.submit("ReportSuspectPack", gtin, serial(4), lot, expiry, "after a restart").code())
                .isEqualTo(TxValidationCode.VALID);
    }

    @Test
    @Order(11)
    void aDeploymentOfANewSequenceKeepsEveryRecord() {
        final int sequence = sequence();
        final String before = verify(pharmacy, serial(1), lot).toString();
        final String products = regulator().evaluate("GetProduct", gtin);
        disconnect();

        FabricNetwork.run(Duration.ofMinutes(5), "deploy", "--no-build");
        connectAll();

        assertThat(sequence()).isEqualTo(sequence + 1);
        assertThat(verify(pharmacy, serial(1), lot).toString()).isEqualTo(before);
        assertThat(regulator().evaluate("GetProduct", gtin)).isEqualTo(products);
        assertThat(json(pharmacy.evaluate("WhoAmI")).at("/participant/gln").asText()).isEqualTo(PHARMACY_GLN);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static int sequence() {
        final String status = FabricNetwork.run(Duration.ofMinutes(1), "status");
        final java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("sequence (\\d+)").matcher(status);
        assertThat(matcher.find()).as("status: %s", status).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private JsonNode verify(final LedgerClient client, final String serial, final String presentedLot) {
        return verify(client, serial, presentedLot, gtin);
    }

    private JsonNode verify(final LedgerClient client, final String serial, final String presentedLot,
            final String presentedGtin) {
        return json(client.evaluate("VerifyPack", presentedGtin, serial, presentedLot, expiry));
    }

    private String serial(final int n) {
        return String.format(Locale.ROOT, "S%s%06d", run, n);
    }

    private String serials(final int from, final int to) {
        return write(IntStream.rangeClosed(from, to).mapToObj(this::serial).toList());
    }

    private String packs(final String... serials) {
        final List<Map<String, String>> packs = new ArrayList<>();
        for (final String serial : serials) {
            packs.add(Map.of("gtin", gtin, "serial", serial, "lot", lot, "expiry", expiry));
        }
        return write(packs);
    }

    private String contents(final int from, final int to) {
        return write(Map.of("packs", IntStream.rangeClosed(from, to)
                .mapToObj(n -> Map.of("gtin", gtin, "serial", serial(n))).toList()));
    }

    private static String gln(final String stem) {
        return stem + Gtin.checkDigit(stem);
    }

    private static String gtin(final String stem) {
        return stem + Gtin.checkDigit(stem);
    }
}
