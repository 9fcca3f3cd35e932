package org.dawaledger.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.network.Organisation.MANUFACTURER;
import static org.dawaledger.network.Organisation.PHARMACY;
import static org.dawaledger.network.Organisation.REGULATOR;
import static org.dawaledger.network.TestJson.json;
import static org.dawaledger.network.TestJson.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.dawaledger.chaincode.ChaincodeService;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.ledger.EmbeddedLedger;
import org.dawaledger.ledger.identity.LocalCa;
import org.dawaledger.ledger.store.RocksStore;
import org.dawaledger.network.GatewayProcess.Answer;
import org.dawaledger.network.LedgerClient.Committed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateways of the network's organisations, each a gateway-api process in Fabric mode on its own data folder:
 * the manufacturer's, and the gateways of two pharmacies of the pharmacy organisation (Shifa, User1, and Al-Noor,
 * User2; network.sh licenses both). The gateway has REST endpoints for verification and dispensing only so far, so
 * the writes before those (a product, its packs, their shipments and receipts) are made through the ledger directly,
 * as the same parties, with the Fabric Gateway SDK ({@link LedgerClient}).
 */
@ExtendWith(FabricNetwork.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(3)
class GatewaysIT {
    private static final Duration START = Duration.ofMinutes(5);
    private static final String SHIFA_GLN = gln("896000000005");
    private static final String AL_NOOR_GLN = gln("896000000006");
    private static final int RACED = 10;

    private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));
    private final String gtin = gln("08960001" + run);
    private final String lot = "G" + run;
    private final String expiry = "301231";

    @TempDir
    static Path folder;
    private GatewayProcess manufacturers;
    private GatewayProcess shifa;
    private GatewayProcess alNoor;
    private LedgerClient manufacturer;
    private LedgerClient regulator;
    private LedgerClient shifaLedger;
    private LedgerClient alNoorLedger;

    @BeforeAll
    void start() {
        manufacturers = GatewayProcess.start(MANUFACTURER, folder.resolve("manufacturer"),
                Map.of("manufacturer", "User1"));
        shifa = GatewayProcess.start(PHARMACY, folder.resolve("shifa"), Map.of("pharmacy", "User1"));
        alNoor = GatewayProcess.start(PHARMACY, folder.resolve("al-noor"), Map.of("pharmacy2", "User2"));
        manufacturer = LedgerClient.as(MANUFACTURER, "User1");
        regulator = LedgerClient.as(REGULATOR, "Admin");
        shifaLedger = LedgerClient.as(PHARMACY, "User1");
        alNoorLedger = LedgerClient.as(PHARMACY, "User2");
        // The product and its packs, while the gateways start.
        manufacturer.submit("RegisterProduct", gtin, "Brufen " + run, "400 mg", "tablet", "REG-G" + run, "");
        manufacturer.awaitBlock(regulator.submit("ApproveProduct", gtin, "Registration REG-G" + run).blockNumber());
        manufacturer.submit("RegisterBatch", gtin, lot, expiry, "100");
        manufacturer.submit("CommissionPacks", gtin, lot, write(IntStream.rangeClosed(1, 40).mapToObj(this::serial)
                .toList()));
        for (final GatewayProcess gateway : List.of(manufacturers, shifa, alNoor)) {
            gateway.awaitReady(START);
        }
    }

    @AfterAll
    void stop() {
        for (final AutoCloseable open : new AutoCloseable[] {manufacturers, shifa, alNoor, manufacturer, regulator,
            shifaLedger, alNoorLedger}) {
            try {
                if (open != null) {
                    open.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + open + ": " + e);
            }
        }
    }

    @Test
    @Order(1)
    void eachGatewayIsReadyWhenItsCopyHoldsThePeersBlocksAsOfItsStartAndHoldsOnlyItsOwnParticipants() {
        for (final GatewayProcess gateway : List.of(manufacturers, shifa, alNoor)) {
            final JsonNode ledger = gateway.readiness();
            assertThat(ledger.path("status").asText()).isEqualTo("UP");
            assertThat(ledger.at("/data/ledger").asText()).isEqualTo("fabric");
            assertThat(ledger.at("/data/heightAtStart").asLong()).isZero();
            assertThat(ledger.at("/data/height").asLong()).isGreaterThanOrEqualTo(
                    ledger.at("/data/peerHeightAtStart").asLong()).isGreaterThan(10);
            assertThat(gateway.get("/q/health/live").status()).isEqualTo(200);
        }
        final GatewayProcess.TokenRun refused = alNoor.tokenSh("issue", "pharmacy");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.output()).contains("no participant pharmacy in this gateway's wallet; it has pharmacy2");
        assertThat(manufacturers.tokenSh("issue", "regulator").exit()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void theManufacturersPacksAreVerifiedAtBothGatewaysAndDispensedOnceThroughThePharmacys() {
        receive(shifaLedger, manufacturer.submit("ShipPacks", SHIFA_GLN, contents(1, 10)));
        final long received = manufacturer.height() - 1;
        final String shifaToken = shifa.token("pharmacy");

        final JsonNode anonymous = awaitVerify(manufacturers, null, 1, block -> block >= received);
        assertThat(anonymous.at("/verdict/verdict").asText()).isEqualTo("ACTIVE");
        assertThat(anonymous.path("verdict").has("custodianGln")).as("an anonymous answer names no holder").isFalse();
        final JsonNode signedIn = awaitVerify(shifa, shifaToken, 1, block -> block >= received);
        assertThat(signedIn.at("/verdict/custodianGln").asText()).isEqualTo(SHIFA_GLN);

        final Answer byTheManufacturer = manufacturers.post("/api/v1/dispense", dispense(1),
                manufacturers.token("manufacturer"), null);
        assertThat(byTheManufacturer.status()).isEqualTo(403);
        assertThat(byTheManufacturer.body().path("code").asText()).isEqualTo("ROLE_NOT_PERMITTED");

        final String key = UUID.randomUUID().toString();
        final Answer sold = shifa.post("/api/v1/dispense", dispense(1), shifaToken, key);
        assertThat(sold.status()).isEqualTo(200);
        assertThat(sold.body().at("/result/0/code").asText()).isEqualTo("SUPPLIED");
        assertThat(sold.body().path("validation").asText()).isEqualTo("VALID");
        final Answer retried = shifa.post("/api/v1/dispense", dispense(1), shifaToken, key);
        assertThat(retried.body().path("transactionId").asText())
                .isEqualTo(sold.body().path("transactionId").asText());
        final long soldIn = sold.body().path("block").asLong();
        assertThat(awaitVerify(manufacturers, null, 1, block -> block >= soldIn).at("/verdict/verdict").asText())
                .isEqualTo("ALREADY_SUPPLIED");

        final Answer again = alNoor.post("/api/v1/dispense", dispense(1), alNoor.token("pharmacy2"), null);
        final JsonNode outcome = again.body().at("/result/0");
        assertThat(outcome.path("accepted").asBoolean()).isFalse();
        assertThat(outcome.path("code").asText()).isEqualTo("ALREADY_SUPPLIED");
        regulator.awaitBlock(again.body().path("block").asLong());
        final JsonNode alert = json(regulator.evaluate("GetAlert", outcome.path("alertId").asText()));
        assertThat(alert.path("code").asText()).isEqualTo("ALREADY_SUPPLIED");
        assertThat(alert.path("raisedBy").asText()).isEqualTo(AL_NOOR_GLN);
    }

    @Test
    @Order(3)
    void twoPharmaciesGatewaysRacingToDispenseTheSamePacksSellEachOnceToItsHolderAndAnswerTheOtherWithAnAlert()
            throws Exception {
        // Each pharmacy holds half of the packs; both scan all of them at once, one request per pack.
        receive(shifaLedger, manufacturer.submit("ShipPacks", SHIFA_GLN, contents(11, 10 + RACED)));
        receive(alNoorLedger, manufacturer.submit("ShipPacks", AL_NOOR_GLN, contents(11 + RACED, 10 + 2 * RACED)));
        final long received = manufacturer.height() - 1;
        final Map<GatewayProcess, String> tokens = Map.of(shifa, shifa.token("pharmacy"), alNoor,
                alNoor.token("pharmacy2"));
        awaitVerify(shifa, null, 11, block -> block >= received);
        awaitVerify(alNoor, null, 11, block -> block >= received);

        final ExecutorService tills = Executors.newFixedThreadPool(4 * RACED);
        final Map<String, List<Sale>> sales = new HashMap<>();
        try {
            final List<CompletableFuture<Sale>> attempts = new ArrayList<>();
            for (int n = 11; n <= 10 + 2 * RACED; n++) {
                for (final GatewayProcess gateway : List.of(shifa, alNoor)) {
                    final int pack = n;
                    attempts.add(CompletableFuture.supplyAsync(() -> new Sale(gateway == shifa ? SHIFA_GLN
                            : AL_NOOR_GLN, gateway.post("/api/v1/dispense", dispense(pack), tokens.get(gateway),
                                    UUID.randomUUID().toString())), tills));
                }
            }
            for (final CompletableFuture<Sale> attempt : attempts) {
                final Sale sale = attempt.get();
                assertThat(sale.answer().status()).as("%s", sale.answer().body()).isEqualTo(200);
                sales.computeIfAbsent(sale.outcome().path("serial").asText(), s -> new ArrayList<>()).add(sale);
            }
        } finally {
            tills.shutdownNow();
        }

        final List<String> losers = new ArrayList<>();
        for (int n = 11; n <= 10 + 2 * RACED; n++) {
            final String holder = n <= 10 + RACED ? SHIFA_GLN : AL_NOOR_GLN;
            final List<Sale> two = sales.get(serial(n));
            assertThat(two).as("pack %d", n).hasSize(2);
            assertThat(two).filteredOn(sale -> sale.outcome().path("code").asText().equals("SUPPLIED"))
                    .as("pack %d is sold once, by its holder", n).singleElement()
                    .satisfies(sale -> assertThat(sale.pharmacy()).isEqualTo(holder));
            final Sale loser = two.stream().filter(sale -> !sale.pharmacy().equals(holder)).findFirst().orElseThrow();
            // The holder's sale first: a second sale. The other's first: a pack it does not hold. An alert either way.
            assertThat(loser.outcome().path("accepted").asBoolean()).isFalse();
            assertThat(loser.outcome().path("code").asText()).isIn("ALREADY_SUPPLIED", "NOT_CUSTODIAN");
            regulator.awaitBlock(loser.answer().body().path("block").asLong());
            final JsonNode alert = json(regulator.evaluate("GetAlert", loser.outcome().path("alertId").asText()));
            assertThat(alert.path("code").asText()).isEqualTo(loser.outcome().path("code").asText());
            assertThat(alert.path("raisedBy").asText()).isEqualTo(loser.pharmacy());
            losers.add(loser.outcome().path("code").asText());
        }
        assertThat(losers).as("some losers came after the sale").contains("ALREADY_SUPPLIED");
        // A real race: some losers were endorsed before the sale committed, lost at validation, and were resubmitted.
        final long resubmitted = conflicts(shifa) + conflicts(alNoor);
        System.out.printf("the race's losers: %s; dispenses resubmitted after an MVCC conflict: %d%n", losers,
                resubmitted);
        assertThat(resubmitted).as("dispenses that lost an MVCC race").isPositive();
    }

    /** One pharmacy's dispense of one pack, and the gateway's answer. */
    private record Sale(String pharmacy, Answer answer) {
        JsonNode outcome() {
            return answer.body().at("/result/0");
        }
    }

    @Test
    @Order(4)
    void aRestartedGatewayResumesItsCopyFromItsHeightAndItsTokensStillSignIn() {
        final String token = shifa.token("pharmacy");
        final long before = shifa.readiness().at("/data/height").asLong();

        shifa = shifa.restart().awaitReady(START);

        final JsonNode ledger = shifa.readiness();
        assertThat(ledger.at("/data/heightAtStart").asLong()).isGreaterThanOrEqualTo(before);
        final Answer verified = shifa.post("/api/v1/verify", verify(2), token, null);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().at("/verdict/custodianGln").asText()).isEqualTo(SHIFA_GLN);
    }

    @Test
    @Order(5)
    void aGatewayOnADataFolderHoldingAnotherLedgerIsNeverReadyAndSaysWhy() {
        final Path data = folder.resolve("another");
        final LocalCa ca = LocalCa.open(data.resolve("other-ca"), MANUFACTURER.mspId());
        try (EmbeddedLedger other = EmbeddedLedger.builder(RocksStore.open(data.resolve("ledger")),
                ChaincodeService.inProcess()).member(MANUFACTURER.mspId(), ca.certificate()).open()) {
            assertThat(other.height()).isEqualTo(1);
        }
        try (GatewayProcess wrong = GatewayProcess.start(MANUFACTURER, data, Map.of("manufacturer", "User1"))) {
            JsonNode ledger = null;
            final long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline && (ledger == null || !ledger.path("data").has("error"))) {
                Waits.pause(500);
                ledger = ready(wrong);
            }
            assertThat(ledger).as("the readiness of a gateway on another ledger").isNotNull();
            assertThat(ledger.path("status").asText()).isEqualTo("DOWN");
            assertThat(ledger.at("/data/error").asText()).contains("another network's ledger");
            assertThat(wrong.get("/q/health/ready").status()).isEqualTo(503);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Its readiness check once it answers HTTP at all; null before. */
    private static JsonNode ready(final GatewayProcess gateway) {
        try {
            return gateway.readiness();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void receive(final LedgerClient receiver, final Committed shipment) {
        receiver.awaitBlock(shipment.blockNumber());
        final Committed received = receiver.submit("ReceiveShipment",
                json(shipment.answer()).path("shipmentId").asText());
        manufacturer.awaitBlock(received.blockNumber());
    }

    /** Verifies pack {@code n} until the answer reflects a block that {@code reached} accepts. */
    private JsonNode awaitVerify(final GatewayProcess gateway, final String token, final int n,
            final Predicate<Long> reached) {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            final Answer answer = gateway.post("/api/v1/verify", verify(n), token, null);
            assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
            if (reached.test(answer.body().path("block").asLong())) {
                return answer.body();
            }
            assertThat(System.nanoTime()).as("the gateway's copy reaches the block").isLessThan(deadline);
            Waits.pause(100);
        }
    }

    /** How many dispenses the gateway resubmitted after an MVCC conflict, by its metrics. */
    private static long conflicts(final GatewayProcess gateway) {
        return gateway.text("/q/metrics").lines().filter(line -> line.startsWith("dawaledger_chaincode_seconds_count{")
                && line.contains("transaction=\"DispensePacks\"") && line.contains("outcome=\"MVCC_READ_CONFLICT\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private String verify(final int n) {
        return write(Map.of("gtin", gtin, "serial", serial(n), "lot", lot, "expiry", expiry));
    }

    private String dispense(final int n) {
        return write(Map.of("packs", List.of(Map.of("gtin", gtin, "serial", serial(n), "lot", lot, "expiry",
                expiry))));
    }

    private String contents(final int from, final int to) {
        return write(Map.of("packs", IntStream.rangeClosed(from, to).mapToObj(n -> Map.of("gtin", gtin, "serial",
                serial(n))).toList()));
    }

    private String serial(final int n) {
        return String.format(Locale.ROOT, "G%s%04d", run, n);
    }

    private static String gln(final String stem) {
        return stem + Gtin.checkDigit(stem);
    }
}
