package org.dawaledger.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dawaledger.network.Waits.pause;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.dawaledger.chaincode.ChaincodeService;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.ledger.BlockFeed;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.CommittedBlock;
import org.dawaledger.ledger.FabricLedger;
import org.dawaledger.ledger.RefusedException;
import org.dawaledger.ledger.Submitted;
import org.dawaledger.ledger.simulation.StateView;
import org.dawaledger.ledger.state.BlockStore;
import org.dawaledger.ledger.state.WorldState;
import org.dawaledger.ledger.store.MemoryStore;
import org.dawaledger.ledger.store.OrderedStore;
import org.dawaledger.ledger.store.RocksStore;
import org.hyperledger.fabric.shim.Chaincode;
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
 * The pharmacy's local copy of the ledger following its own peer, after the story (which runs first): it holds the
 * peer's state key for key, answers VerifyPack as the peer does, and resumes after a stop with no gap and no double.
 */
@ExtendWith(FabricNetwork.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(2)
class LocalCopyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "dawaledger";
    private static final String PACK_PREFIX = "\u0000pack\u0000";

    private final Chaincode contract = ChaincodeService.inProcess();
    private final Caller pharmacist = Organisation.PHARMACY.caller("User1");
    private final OrderedStore store = new MemoryStore();
    private LedgerClient peer;
    private FabricLedger ledger;

    @BeforeAll
    void follow() {
        peer = LedgerClient.as(Organisation.PHARMACY, "User1");
        ledger = open(store, Organisation.PHARMACY, pharmacist);
    }

    @AfterAll
    void close() {
        ledger.close();
        peer.close();
    }

    private FabricLedger open(final OrderedStore on, final Organisation organisation, final Caller member) {
        final String[] partners = java.util.Arrays.stream(Organisation.values()).filter(o -> o != organisation)
                .map(Organisation::mspId).toArray(String[]::new);
        return FabricLedger.builder(on, contract, FabricLedger.peer(organisation.peerEndpoint(), organisation.tlsCa()))
                .organisation(member).endorsingPartners(partners).open();
    }

    private static void awaitHeight(final FabricLedger copy, final long height) {
        final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (copy.height() < height) {
            assertThat(System.nanoTime()).as("the copy reached %d blocks; the peer has %d", copy.height(), height)
                    .isLessThan(deadline);
            pause(100);
        }
    }

    private static Map<String, PeerSnapshot.Entry> localState(final StateView state) {
        final Map<String, PeerSnapshot.Entry> entries = new LinkedHashMap<>();
        try (StateView.Rows rows = state.scan("", "")) {
            rows.forEachRemaining(row -> entries.put(row.key(), new PeerSnapshot.Entry(row.value(), row.version())));
        }
        return entries;
    }

    /** A GTIN of the demo manufacturer's prefix, 8960001, new to this run. */
    private static String newGtin() {
        final String stem = "08960001" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        return stem + Gtin.checkDigit(stem);
    }

    private static StateView stateOf(final OrderedStore on) {
        return new WorldState(on);
    }

    @Test
    @Order(1)
    void theCopyFollowsThePeerToItsHeight() {
        awaitHeight(ledger, peer.height());

        assertThat(ledger.height()).isEqualTo(peer.height());
    }

    @Test
    @Order(2)
    void theCopyHoldsExactlyThePeersStateEveryKeyWithItsValueAndVersion() throws Exception {
        final PeerSnapshot snapshot = PeerSnapshot.of(Organisation.PHARMACY, NAMESPACE);
        awaitHeight(ledger, snapshot.blockNumber() + 1);

        assertThat(snapshot.state()).hasSizeGreaterThan(10_000);
        assertThat(localState(stateOf(store))).containsExactlyEntriesOf(snapshot.state());
    }

    @Test
    @Order(3)
    void aLocalVerifyPackAnswersAsThePeersForEveryPack() throws Exception {
        final List<String[]> packs = new ArrayList<>();
        final Map<String, String> expiries = new LinkedHashMap<>();
        try (StateView.Rows rows = stateOf(store).scan(PACK_PREFIX, PACK_PREFIX + "\udbff\udfff")) {
            while (rows.hasNext()) {
                final StateView.Row row = rows.next();
                final String[] parts = row.key().split("\u0000");
                final String lot = JSON.readTree(row.value()).get("lot").asText();
                String expiry = expiries.get(parts[2] + "/" + lot);
                if (expiry == null) {
                    expiry = JSON.readTree(ledger.evaluate(pharmacist, "GetBatch", parts[2], lot).answer())
                            .get("expiry").asText();
                    expiries.put(parts[2] + "/" + lot, expiry);
                }
                packs.add(new String[] {parts[2], parts[3], lot, expiry});
            }
        }
        assertThat(packs).hasSizeGreaterThanOrEqualTo(10_000);

        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final List<Future<?>> checks = new ArrayList<>();
            for (final String[] pack : packs) {
                checks.add(pool.submit(() -> {
                    final JsonNode local = JSON.readTree(ledger.evaluate(pharmacist, "VerifyPack", pack).answer());
                    final JsonNode remote = JSON.readTree(peer.evaluate("VerifyPack", pack));
                    assertThat(local).as("VerifyPack %s/%s", pack[0], pack[1]).isEqualTo(remote);
                    return null;
                }));
            }
            for (final Future<?> check : checks) {
                check.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void aSubmitThroughTheCopyIsInItWhenItReturnsAndARefusalKeepsItsCode() {
        final Caller manufacturer = Organisation.MANUFACTURER.caller("User1");
        try (FabricLedger manufacturers = open(new MemoryStore(), Organisation.MANUFACTURER, manufacturer)) {
            final String gtin = newGtin();

            final Submitted registered = manufacturers.submit(manufacturer, "RegisterProduct", gtin, "Copy test",
                    "5 mg", "tablet", "REG-C", "");

            assertThat(registered.isValid()).isTrue();
            assertThat(manufacturers.height()).isGreaterThan(registered.blockNumber());
            assertThat(new String(manufacturers.evaluate(manufacturer, "GetProduct", gtin).answer(), UTF_8))
                    .contains("Copy test");
            assertThatThrownBy(() -> ledger.submit(pharmacist, "RegisterProduct", gtin, "Not mine", "5 mg",
                    "tablet", "REG-D", "")).isInstanceOfSatisfying(RefusedException.class,
                            refused -> assertThat(refused.code()).contains("ROLE_NOT_PERMITTED"));
        }
    }

    @Test
    @Order(5)
    void aCopyStoppedMidStreamResumesWithNoGapAndNoDouble(@TempDir final Path folder) throws Exception {
        final Caller manufacturer = Organisation.MANUFACTURER.caller("User1");
        // On disk, as a gateway keeps it: the restarted copy reopens the stopped one's files.
        final Path copyFolder = folder.resolve("copy");
        final String gtin = newGtin();
        final ExecutorService writer = Executors.newSingleThreadExecutor();
        try (LedgerClient manufacturers = LedgerClient.as(Organisation.MANUFACTURER, "User1");
                LedgerClient regulator = LedgerClient.as(Organisation.REGULATOR, "Admin")) {
            manufacturers.submit("RegisterProduct", gtin, "Resume test", "5 mg", "tablet", "REG-R", "");
            manufacturers.awaitBlock(regulator.submit("ApproveProduct", gtin, "resume test").blockNumber());
            final FabricLedger stopping = open(RocksStore.open(copyFolder), Organisation.PHARMACY, pharmacist);
            final Future<?> batches = writer.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    manufacturers.submit("RegisterBatch", gtin, "R" + i, "301231", "100");
                }
                return null;
            });
            awaitHeight(stopping, peer.height() + 10);
            stopping.close();
            final long stoppedAt;
            try (RocksStore stopped = RocksStore.open(copyFolder)) {
                stoppedAt = new BlockStore(stopped).height();
            }

            final RocksStore resumed = RocksStore.open(copyFolder);
            try (FabricLedger restarted = open(resumed, Organisation.PHARMACY, pharmacist)) {
                batches.get();
                awaitHeight(restarted, peer.height());
                awaitHeight(ledger, peer.height());

                assertThat(stoppedAt).isLessThan(restarted.height());
                final List<CommittedBlock> chain = new ArrayList<>();
                try (BlockFeed feed = restarted.blocks(0)) {
                    while (chain.size() < restarted.height()) {
                        chain.add(feed.next());
                    }
                }
                for (int i = 1; i < chain.size(); i++) {
                    assertThat(chain.get(i).number()).isEqualTo(i);
                    assertThat(chain.get(i).previousHash()).as("block %d follows block %d", i, i - 1)
                            .isEqualTo(chain.get(i - 1).hash());
                }
                // The copy that never stopped and the one that did hold the same state and the same history.
                assertThat(localState(stateOf(resumed))).containsExactlyEntriesOf(localState(stateOf(store)));
                final String batchKey = "\u0000batch\u0000" + gtin + "\u0000R7\u0000";
                assertThat(stateOf(resumed).history(batchKey)).hasSize(1)
                        .hasSameSizeAs(stateOf(store).history(batchKey));
            }
        } finally {
            writer.shutdownNow();
        }
    }
}
