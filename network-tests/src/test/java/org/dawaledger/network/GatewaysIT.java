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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.dawaledger.chaincode.ChaincodeService;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.ledger.EmbeddedLedger;
import org.dawaledger.ledger.identity.LocalCa;
import org.dawaledger.ledger.store.RocksStore;
import org.dawaledger.network.GatewayProcess.Answer;
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
 * The story through the gateways of the parties it crosses, each a gateway-api process in Fabric mode on its own data
 * folder: the regulator's, which approves the product; the manufacturer's, which registers the product, its batch and
 * packs and ships them straight to the pharmacies; and the gateways of two pharmacies of the pharmacy organisation
 * (Shifa, User1, and Al-Noor, User2; network.sh licenses both), which receive the packs and sell them. Each party signs
 * in with a bearer token its organisation's admin issued on that gateway's data folder (token.sh), and every write of
 * the story is a REST call with an Idempotency-Key, as a party's system that retries would make it. The Fabric Gateway
 * SDK ({@link LedgerClient}, as the regulator) only reads, on the regulator's peer, what the gateways' writes left
 * there: the pack's history names the gateways' transactions.
 *
 * <p>Then both pharmacies' gateways dispense the same packs at once, each holding half of them. What is guaranteed is
 * asserted: each pack is sold once, by its holder; the other pharmacy's dispense of it is refused with an alert on the
 * ledger, raised by that pharmacy; a retry with its key answers the outcome first committed and raises nothing more;
 * and once the sales are committed, the other pharmacy's dispense of a sold pack is ALREADY_SUPPLIED, every time. A
 * loser of the race is ALREADY_SUPPLIED if the sale committed before it, or NOT_CUSTODIAN if it came first (a sold
 * pack is a copy whoever presents it; custody is checked after that, docs/rules.md section 8): which one, and how many
 * dispenses lost an MVCC race and were submitted again, depend on timing, so they are printed, not asserted.
 */
@ExtendWith(FabricNetwork.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(3)
class GatewaysIT {
    private static final Duration START = Duration.ofMinutes(5);
    /** How long a gateway's copy may take to receive a block another gateway's write committed. */
    private static final Duration REACH = Duration.ofSeconds(60);
    private static final String MANUFACTURER_GLN = gln("896000000002");
    private static final String SHIFA_GLN = gln("896000000005");
    private static final String AL_NOOR_GLN = gln("896000000006");
    private static final int RACED = 10;

    private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));
    private final String gtin = gln("08960001" + run);
    private final String lot = "G" + run;
    private final String expiry = "301231";

    @TempDir
    static Path folder;
    private GatewayProcess regulators;
    private GatewayProcess manufacturers;
    private GatewayProcess shifa;
    private GatewayProcess alNoor;
    private String regulatorToken;
    private String manufacturerToken;
    private String shifaToken;
    private String alNoorToken;
    /** The regulator's own reads on its peer, beside the gateways. */
    private LedgerClient ledger;
    private String commissioned;

    @BeforeAll
    void start() {
        regulators = GatewayProcess.start(REGULATOR, folder.resolve("regulator"), Map.of("regulator", "Admin"));
        manufacturers = GatewayProcess.start(MANUFACTURER, folder.resolve("manufacturer"),
                Map.of("manufacturer", "User1"));
        shifa = GatewayProcess.start(PHARMACY, folder.resolve("shifa"), Map.of("pharmacy", "User1"));
        alNoor = GatewayProcess.start(PHARMACY, folder.resolve("al-noor"), Map.of("pharmacy2", "User2"));
        ledger = LedgerClient.as(REGULATOR, "Admin");
        // Each admin issues its party's token beside the running gateway, which records its wallet as it starts.
        regulatorToken = regulators.awaitReady(START).token("regulator");
        manufacturerToken = manufacturers.awaitReady(START).token("manufacturer");
        // The product, its approval, and a batch of its packs, while the pharmacies' gateways may still be starting:
        // each party acts once its own gateway holds the write it follows.
        final JsonNode registered = submit(manufacturers, manufacturerToken, "/api/v1/products", Map.of("gtin", gtin,
                "name", "Brufen " + run, "strength", "400 mg", "dosageForm", "tablet", "registrationNumber",
                "REG-G" + run));
        assertThat(registered.at("/result/status").asText()).isEqualTo("PENDING_APPROVAL");
        regulators.awaitBlock(registered.path("block").asLong(), REACH);
        final JsonNode approved = submit(regulators, regulatorToken, "/api/v1/products/" + gtin + "/approval",
                Map.of("reason", "Registration REG-G" + run));
        assertThat(approved.at("/result/status").asText()).isEqualTo("APPROVED");
        manufacturers.awaitBlock(approved.path("block").asLong(), REACH);
        submit(manufacturers, manufacturerToken, "/api/v1/batches", Map.of("gtin", gtin, "lot", lot, "expiry",
                expiry, "quantity", "100"));
        final JsonNode packs = submit(manufacturers, manufacturerToken, "/api/v1/batches/" + gtin + "/" + lot
                + "/packs", Map.of("serials", IntStream.rangeClosed(1, 40).mapToObj(this::serial).toList()));
        assertThat(packs.at("/result/commissioned").asInt()).isEqualTo(40);
        commissioned = packs.path("transactionId").asText();
        shifaToken = shifa.awaitReady(START).token("pharmacy");
        alNoorToken = alNoor.awaitReady(START).token("pharmacy2");
    }

    private List<GatewayProcess> gateways() {
        return List.of(regulators, manufacturers, shifa, alNoor);
    }

    @AfterAll
    void stop() {
        for (final AutoCloseable open : new AutoCloseable[] {regulators, manufacturers, shifa, alNoor, ledger}) {
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
        for (final GatewayProcess gateway : gateways()) {
            final JsonNode readiness = gateway.readiness();
            assertThat(readiness.path("status").asText()).isEqualTo("UP");
            assertThat(readiness.at("/data/ledger").asText()).isEqualTo("fabric");
            assertThat(readiness.at("/data/heightAtStart").asLong()).isZero();
            assertThat(readiness.at("/data/height").asLong()).isGreaterThanOrEqualTo(
                    readiness.at("/data/peerHeightAtStart").asLong()).isGreaterThan(10);
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
        final Delivery delivery = deliver(shifa, shifaToken, SHIFA_GLN, 1, 10);
        final long received = delivery.received().path("block").asLong();

        final JsonNode anonymous = awaitVerify(manufacturers, null, 1, block -> block >= received);
        assertThat(anonymous.at("/verdict/verdict").asText()).isEqualTo("ACTIVE");
        assertThat(anonymous.path("verdict").has("custodianGln")).as("an anonymous answer names no holder").isFalse();
        final JsonNode signedIn = awaitVerify(shifa, shifaToken, 1, block -> block >= received);
        assertThat(signedIn.at("/verdict/custodianGln").asText()).isEqualTo(SHIFA_GLN);

        final Answer byTheManufacturer = manufacturers.post("/api/v1/dispense", dispense(1, 1), manufacturerToken,
                null);
        assertThat(byTheManufacturer.status()).isEqualTo(403);
        assertThat(byTheManufacturer.body().path("code").asText()).isEqualTo("ROLE_NOT_PERMITTED");

        final String key = UUID.randomUUID().toString();
        final Answer sold = shifa.post("/api/v1/dispense", dispense(1, 1), shifaToken, key);
        assertThat(sold.status()).as("%s", sold.body()).isEqualTo(200);
        assertThat(sold.body().at("/result/0/code").asText()).isEqualTo("SUPPLIED");
        assertThat(sold.body().path("validation").asText()).isEqualTo("VALID");
        final Answer retried = shifa.post("/api/v1/dispense", dispense(1, 1), shifaToken, key);
        assertThat(retried.body().path("transactionId").asText())
                .isEqualTo(sold.body().path("transactionId").asText());
        final long soldIn = sold.body().path("block").asLong();
        assertThat(awaitVerify(manufacturers, null, 1, block -> block >= soldIn).at("/verdict/verdict").asText())
                .isEqualTo("ALREADY_SUPPLIED");

        final Answer again = alNoor.post("/api/v1/dispense", dispense(1, 1), alNoorToken, UUID.randomUUID()
                .toString());
        assertThat(again.status()).as("%s", again.body()).isEqualTo(200);
        final JsonNode outcome = again.body().at("/result/0");
        assertThat(outcome.path("accepted").asBoolean()).isFalse();
        assertThat(outcome.path("code").asText()).isEqualTo("ALREADY_SUPPLIED");
        ledger.awaitBlock(again.body().path("block").asLong());
        final JsonNode alert = json(ledger.evaluate("GetAlert", outcome.path("alertId").asText()));
        assertThat(alert.path("code").asText()).isEqualTo("ALREADY_SUPPLIED");
        assertThat(alert.path("raisedBy").asText()).isEqualTo(AL_NOOR_GLN);

        // What the peers hold is what the gateways wrote, transaction by transaction; the refusal changed no pack.
        assertThat(history(1)).extracting(entry -> entry.path("action").asText() + " " + entry.path("partyGln")
                .asText() + " " + entry.path("txId").asText()).containsExactly(
                        "COMMISSIONED " + MANUFACTURER_GLN + " " + commissioned,
                        "SHIPPED " + MANUFACTURER_GLN + " " + delivery.shipped().path("transactionId").asText(),
                        "RECEIVED " + SHIFA_GLN + " " + delivery.received().path("transactionId").asText(),
                        "DISPENSED " + SHIFA_GLN + " " + sold.body().path("transactionId").asText());
    }

    @Test
    @Order(3)
    void twoPharmaciesGatewaysRacingToDispenseTheSamePacksSellEachOnceToItsHolderAndAnswerTheOtherWithAnAlert()
            throws Exception {
        // Each pharmacy holds half of the packs; both scan all of them at once, one request per pack.
        final Till shifaTill = new Till(SHIFA_GLN, shifa, shifaToken);
        final Till alNoorTill = new Till(AL_NOOR_GLN, alNoor, alNoorToken);
        final long received = Math.max(
                deliver(shifa, shifaToken, SHIFA_GLN, 11, 10 + RACED).received().path("block").asLong(),
                deliver(alNoor, alNoorToken, AL_NOOR_GLN, 11 + RACED, 10 + 2 * RACED).received().path("block")
                        .asLong());
        awaitVerify(shifa, null, 11, block -> block >= received);
        awaitVerify(alNoor, null, 11, block -> block >= received);

        final List<Sale> raced = new ArrayList<>();
        final ExecutorService tills = Executors.newFixedThreadPool(2 * 2 * RACED);
        try {
            final List<CompletableFuture<Sale>> attempts = new ArrayList<>();
            for (int n = 11; n <= 10 + 2 * RACED; n++) {
                for (final Till till : List.of(shifaTill, alNoorTill)) {
                    final int pack = n;
                    final String key = UUID.randomUUID().toString();
                    attempts.add(CompletableFuture.supplyAsync(() -> new Sale(till, pack, key, till.gateway().post(
                            "/api/v1/dispense", dispense(pack, pack), till.token(), key)), tills));
                }
            }
            for (final CompletableFuture<Sale> attempt : attempts) {
                raced.add(attempt.get());
            }
        } finally {
            tills.shutdownNow();
        }

        final Map<String, Sale> winners = new HashMap<>();
        final Map<String, Sale> losers = new TreeMap<>();
        for (final Sale sale : raced) {
            assertThat(sale.answer().status()).as("%s", sale.answer().body()).isEqualTo(200);
            assertThat(sale.outcome().path("serial").asText()).isEqualTo(serial(sale.pack()));
            final boolean holder = sale.till() == (sale.pack() <= 10 + RACED ? shifaTill : alNoorTill);
            (holder ? winners : losers).put(serial(sale.pack()), sale);
        }
        assertThat(winners).hasSize(2 * RACED);
        assertThat(losers).hasSize(2 * RACED);
        ledger.awaitBlock(raced.stream().mapToLong(sale -> sale.answer().body().path("block").asLong()).max()
                .orElseThrow());
        for (final Sale sold : winners.values()) {
            assertThat(sold.outcome().path("code").asText()).as("pack %d, by its holder", sold.pack())
                    .isEqualTo("SUPPLIED");
            // Sold once on the ledger, in the transaction its holder's gateway answered.
            final List<JsonNode> history = history(sold.pack());
            assertThat(history).filteredOn(entry -> entry.path("action").asText().equals("DISPENSED"))
                    .as("pack %d's sales on the ledger", sold.pack()).singleElement().satisfies(entry -> {
                        assertThat(entry.path("partyGln").asText()).isEqualTo(sold.till().gln());
                        assertThat(entry.path("txId").asText()).isEqualTo(sold.transactionId());
                    });
            assertThat(history.get(history.size() - 1).path("toStatus").asText()).isEqualTo("SUPPLIED");
        }
        for (final Sale lost : losers.values()) {
            assertThat(lost.outcome().path("accepted").asBoolean()).as("pack %d, by the other", lost.pack()).isFalse();
            assertThat(lost.outcome().path("code").asText()).isIn("ALREADY_SUPPLIED", "NOT_CUSTODIAN");
            assertAlert(lost.outcome(), lost.till().gln());
        }

        // A till that lost the answer retries with its key: the outcome first committed, not a second write.
        for (final Sale sale : raced) {
            final Answer retried = sale.till().gateway().post("/api/v1/dispense", dispense(sale.pack(), sale.pack()),
                    sale.till().token(), sale.key());
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.body().path("transactionId").asText()).isEqualTo(sale.transactionId());
            assertThat(retried.body().path("result")).isEqualTo(sale.answer().body().path("result"));
        }

        // Now that every sale is committed, the other pharmacy's dispense of a sold pack is a copy, every time.
        final Set<String> alerts = new HashSet<>();
        losers.values().forEach(lost -> alerts.add(lost.outcome().path("alertId").asText()));
        for (final Till till : List.of(shifaTill, alNoorTill)) {
            final int first = till == shifaTill ? 11 + RACED : 11;
            final Answer again = till.gateway().post("/api/v1/dispense", dispense(first, first + RACED - 1),
                    till.token(), UUID.randomUUID().toString());
            assertThat(again.status()).as("%s", again.body()).isEqualTo(200);
            assertThat(again.body().path("result")).hasSize(RACED);
            ledger.awaitBlock(again.body().path("block").asLong());
            for (final JsonNode outcome : again.body().path("result")) {
                assertThat(outcome.path("accepted").asBoolean()).isFalse();
                assertThat(outcome.path("code").asText()).as("%s", outcome).isEqualTo("ALREADY_SUPPLIED");
                assertAlert(outcome, till.gln());
                alerts.add(outcome.path("alertId").asText());
            }
        }
        // The ledger's alerts on the raced packs are exactly those answered: none from a resubmission or a retry.
        final Set<String> racedSerials = new HashSet<>(losers.keySet());
        assertThat(openAlerts().stream().filter(alert -> alert.path("gtin").asText().equals(gtin)
                && racedSerials.contains(alert.path("serial").asText())).map(alert -> alert.path("alertId").asText())
                .toList()).containsExactlyInAnyOrderElementsOf(alerts);

        final Map<String, Long> codes = new TreeMap<>();
        losers.values().forEach(lost -> codes.merge(lost.outcome().path("code").asText(), 1L, Long::sum));
        System.out.printf("the race's losers: %s; dispenses resubmitted after an MVCC conflict: %d%n", codes,
                conflicts(shifa) + conflicts(alNoor));
    }

    /** One pharmacy's system at its till: its gateway and its token. */
    private record Till(String gln, GatewayProcess gateway, String token) {
    }

    /** One pharmacy's dispense of pack {@code pack}, its Idempotency-Key, and the gateway's answer. */
    private record Sale(Till till, int pack, String key, Answer answer) {
        JsonNode outcome() {
            return answer.body().at("/result/0");
        }

        String transactionId() {
            return answer.body().path("transactionId").asText();
        }
    }

    @Test
    @Order(4)
    void aRestartedGatewayResumesItsCopyFromItsHeightAndItsTokensStillSignIn() {
        final long before = shifa.readiness().at("/data/height").asLong();

        shifa = shifa.restart().awaitReady(START);

        final JsonNode readiness = shifa.readiness();
        assertThat(readiness.at("/data/heightAtStart").asLong()).isGreaterThanOrEqualTo(before);
        final Answer verified = shifa.post("/api/v1/verify", verify(2), shifaToken, null);
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
            JsonNode readiness = null;
            final long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline && (readiness == null || !readiness.path("data").has("error"))) {
                Waits.pause(500);
                readiness = ready(wrong);
            }
            assertThat(readiness).as("the readiness of a gateway on another ledger").isNotNull();
            assertThat(readiness.path("status").asText()).isEqualTo("DOWN");
            assertThat(readiness.at("/data/error").asText()).contains("another network's ledger");
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

    /**
     * A write through a gateway with a new Idempotency-Key.
     *
     * @return the gateway's answer: {result, transactionId, block, validation}
     */
    private static JsonNode submit(final GatewayProcess gateway, final String token, final String path,
            final Object body) {
        final Answer answer = gateway.post(path, body == null ? "" : write(body), token, UUID.randomUUID()
                .toString());
        assertThat(answer.status()).as("POST %s: %s", path, answer.body()).isEqualTo(200);
        assertThat(answer.body().path("validation").asText()).isEqualTo("VALID");
        return answer.body();
    }

    /** The gateways' answers to the manufacturer's shipment and its receipt. */
    private record Delivery(JsonNode shipped, JsonNode received) {
    }

    /**
     * The manufacturer ships packs {@code from} to {@code to} to a pharmacy, which checks the shipment at its own
     * gateway once that holds it, and receives it.
     */
    private Delivery deliver(final GatewayProcess receiver, final String token, final String receiverGln,
            final int from, final int to) {
        final JsonNode shipped = submit(manufacturers, manufacturerToken, "/api/v1/shipments", Map.of("receiverGln",
                receiverGln, "packs", IntStream.rangeClosed(from, to).mapToObj(n -> Map.of("gtin", gtin, "serial",
                        serial(n))).toList()));
        final String id = shipped.at("/result/shipmentId").asText();
        receiver.awaitBlock(shipped.path("block").asLong(), REACH);
        final Answer expected = receiver.get("/api/v1/shipments/" + id, token);
        assertThat(expected.status()).as("%s", expected.body()).isEqualTo(200);
        assertThat(expected.body().path("status").asText()).isEqualTo("IN_TRANSIT");
        assertThat(expected.body().path("packs")).hasSize(to - from + 1);
        final JsonNode received = submit(receiver, token, "/api/v1/shipments/" + id + "/receipt", null);
        assertThat(received.at("/result/status").asText()).isEqualTo("RECEIVED");
        assertThat(received.at("/result/receiverGln").asText()).isEqualTo(receiverGln);
        return new Delivery(shipped, received);
    }

    /** Verifies pack {@code n} until the answer reflects a block that {@code reached} accepts. */
    private JsonNode awaitVerify(final GatewayProcess gateway, final String token, final int n,
            final Predicate<Long> reached) {
        final long deadline = System.nanoTime() + REACH.toNanos();
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

    /** A refused dispense's alert, as the regulator reads it on its peer: open, on that pack, raised by the caller. */
    private void assertAlert(final JsonNode outcome, final String raisedBy) {
        assertThat(outcome.path("alertId").asText()).as("%s", outcome).isNotEmpty();
        final JsonNode alert = json(ledger.evaluate("GetAlert", outcome.path("alertId").asText()));
        assertThat(alert.path("code").asText()).isEqualTo(outcome.path("code").asText());
        assertThat(alert.path("raisedBy").asText()).isEqualTo(raisedBy);
        assertThat(alert.path("serial").asText()).isEqualTo(outcome.path("serial").asText());
        assertThat(alert.path("status").asText()).isEqualTo("OPEN");
    }

    /** Pack {@code n}'s history on the regulator's peer, oldest first. */
    private List<JsonNode> history(final int n) {
        final JsonNode page = json(ledger.evaluate("GetPackHistory", gtin, serial(n), "100", ""));
        assertThat(page.path("bookmark").asText()).isEmpty();
        return StreamSupport.stream(page.path("records").spliterator(), false).toList();
    }

    /** Every open alert on the regulator's peer, page by page. */
    private List<JsonNode> openAlerts() {
        final List<JsonNode> alerts = new ArrayList<>();
        String bookmark = "";
        do {
            final JsonNode page = json(ledger.evaluate("ListAlerts", "OPEN", "1000", bookmark));
            page.path("records").forEach(alerts::add);
            bookmark = page.path("bookmark").asText();
        } while (!bookmark.isEmpty());
        return alerts;
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

    /** A dispense of packs {@code from} to {@code to}, as the till scanned them. */
    private String dispense(final int from, final int to) {
        return write(Map.of("packs", IntStream.rangeClosed(from, to).mapToObj(n -> Map.of("gtin", gtin, "serial",
                serial(n), "lot", lot, "expiry", expiry)).toList()));
    }

    private String serial(final int n) {
        return String.format(Locale.ROOT, "G%s%04d", run, n);
    }

    private static String gln(final String stem) {
        return stem + Gtin.checkDigit(stem);
    }
}
