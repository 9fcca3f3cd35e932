package org.dawaledger.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dawaledger.ledger.identity.LocalCa;
import org.dawaledger.ledger.state.BlockStore;
import org.dawaledger.ledger.store.MemoryStore;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedLedgerTest {
    @TempDir
    Path folder;

    private final MemoryStore store = new MemoryStore();
    private LocalCa pharmacies;
    private Caller pharmacist;
    private EmbeddedLedger ledger;

    @BeforeEach
    void open() {
        pharmacies = LocalCa.open(folder.resolve("pharmacy"), "PharmacyMSP");
        pharmacist = pharmacies.member("till1", LocalCa.Role.CLIENT);
        ledger = newLedger();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private EmbeddedLedger newLedger() {
        return EmbeddedLedger.builder(store, new KeyValueChaincode()).member("PharmacyMSP", pharmacies.certificate())
                .batchTimeout(Duration.ofMillis(5)).open();
    }

    private String answer(final Submitted submitted) {
        return new String(submitted.answer(), UTF_8);
    }

    private String read(final String function, final String... arguments) {
        return new String(ledger.evaluate(pharmacist, function, arguments).answer(), UTF_8);
    }

    @Test
    void aSubmittedTransactionIsCommittedInABlockAfterTheEmptyFirstOne() {
        assertThat(ledger.height()).isEqualTo(1);

        final Submitted put = ledger.submit(pharmacist, "put", "k", "v");

        assertThat(put.isValid()).isTrue();
        assertThat(put.blockNumber()).isEqualTo(1);
        assertThat(put.transactionId()).hasSize(64);
        assertThat(read("get", "k")).isEqualTo("v");
        assertThat(ledger.evaluate(pharmacist, "get", "k").blockNumber()).isEqualTo(1);
    }

    @Test
    void aTransactionDoesNotSeeItsOwnWrites() {
        assertThat(answer(ledger.submit(pharmacist, "putThenGet", "k", "v"))).isEmpty();

        assertThat(read("get", "k")).isEqualTo("v");
    }

    @Test
    void anEvaluateChangesNothing() {
        ledger.evaluate(pharmacist, "put", "k", "v");

        assertThat(read("get", "k")).isEmpty();
        assertThat(ledger.height()).isEqualTo(1);
    }

    @Test
    void theChaincodeRunsAsTheLedgersOwnOrganisationsPeer() {
        assertThat(read("whoRuns")).isEqualTo("PharmacyMSP");
    }

    @ParameterizedTest(name = "the later endorsed first: {0}")
    @ValueSource(booleans = {false, true})
    void twoWritersOfTheSameKeyInOneBlockConflictAndOnlyTheFirstInBlockOrderCounts(final boolean laterFirst) {
        ledger.submit(pharmacist, "put", "count", "5");
        final EmbeddedLedger.Endorsed earlier = ledger.endorseOnly(pharmacist, "increment", "count");
        final EmbeddedLedger.Endorsed later = ledger.endorseOnly(pharmacist, "increment", "count");
        final List<EmbeddedLedger.Endorsed> order = laterFirst ? List.of(later, earlier) : List.of(earlier, later);

        final List<Submitted> block = ledger.commitAsOneBlock(order);

        assertThat(block).extracting(Submitted::transactionId).containsExactly(order.get(0).simulation().txId(),
                order.get(1).simulation().txId());
        assertThat(block).extracting(Submitted::validationCode)
                .containsExactly(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(block).extracting(this::answer).containsExactly("6", "6");
        assertThat(read("get", "count")).isEqualTo("6");
        assertThat(read("history", "count")).isEqualTo("6,5");
    }

    @Test
    void aTransactionThatReadAKeyBeforeAnEarlierBlockChangedItConflicts() {
        ledger.submit(pharmacist, "put", "count", "5");
        final EmbeddedLedger.Endorsed stale = ledger.endorseOnly(pharmacist, "increment", "count");
        ledger.submit(pharmacist, "put", "count", "9");

        assertThat(ledger.commitAsOneBlock(List.of(stale))).extracting(Submitted::validationCode)
                .containsExactly(TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(read("get", "count")).isEqualTo("9");
    }

    @Test
    void readingAnAbsentKeyConflictsWithItsCreationToo() {
        final EmbeddedLedger.Endorsed creates = ledger.endorseOnly(pharmacist, "increment", "new");
        final EmbeddedLedger.Endorsed alsoCreates = ledger.endorseOnly(pharmacist, "increment", "new");

        assertThat(ledger.commitAsOneBlock(List.of(creates, alsoCreates))).extracting(Submitted::validationCode)
                .containsExactly(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(read("get", "new")).isEqualTo("1");
    }

    @Test
    void writersThatReadNothingDoNotConflictAndTheLastWriteWins() {
        final EmbeddedLedger.Endorsed a = ledger.endorseOnly(pharmacist, "put", "k", "a");
        final EmbeddedLedger.Endorsed b = ledger.endorseOnly(pharmacist, "put", "k", "b");

        assertThat(ledger.commitAsOneBlock(List.of(a, b))).allMatch(Submitted::isValid);
        assertThat(read("get", "k")).isEqualTo("b");
        assertThat(read("history", "k")).isEqualTo("b,a");
    }

    @Test
    void aRangeThatGainsAKeyInTheSameBlockIsAPhantomRead() {
        ledger.submit(pharmacist, "put", "r/1", "x");
        final EmbeddedLedger.Endorsed counts = ledger.endorseOnly(pharmacist, "countRange", "r/", "r0", "total");
        final EmbeddedLedger.Endorsed adds = ledger.endorseOnly(pharmacist, "put", "r/2", "y");

        assertThat(ledger.commitAsOneBlock(List.of(adds, counts))).extracting(Submitted::validationCode)
                .containsExactly(TxValidationCode.VALID, TxValidationCode.PHANTOM_READ_CONFLICT);
        assertThat(read("get", "total")).isEmpty();
    }

    @Test
    void aRangeThatLostAKeyInAnEarlierBlockIsAPhantomRead() {
        ledger.submit(pharmacist, "put", "r/1", "x");
        ledger.submit(pharmacist, "put", "r/2", "y");
        final EmbeddedLedger.Endorsed counts = ledger.endorseOnly(pharmacist, "countRange", "r/", "r0", "total");
        ledger.submit(pharmacist, "delete", "r/2");

        assertThat(ledger.commitAsOneBlock(List.of(counts))).extracting(Submitted::validationCode)
                .containsExactly(TxValidationCode.PHANTOM_READ_CONFLICT);
    }

    @Test
    void aWriteOutsideARangeLeavesItValid() {
        ledger.submit(pharmacist, "put", "r/1", "x");
        final EmbeddedLedger.Endorsed counts = ledger.endorseOnly(pharmacist, "countRange", "r/", "r0", "total");
        final EmbeddedLedger.Endorsed elsewhere = ledger.endorseOnly(pharmacist, "put", "s/1", "y");

        assertThat(ledger.commitAsOneBlock(List.of(elsewhere, counts))).allMatch(Submitted::isValid);
        assertThat(read("get", "total")).isEqualTo("1");
    }

    @Test
    void concurrentIncrementsNeverLoseAnUpdate() throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        final List<Future<Submitted>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                results.add(pool.submit(() -> ledger.submit(pharmacist, "increment", "hits")));
            }
            int valid = 0;
            for (final Future<Submitted> result : results) {
                final Submitted submitted = result.get();
                assertThat(submitted.validationCode()).isIn(TxValidationCode.VALID,
                        TxValidationCode.MVCC_READ_CONFLICT);
                valid += submitted.isValid() ? 1 : 0;
            }
            assertThat(read("get", "hits")).isEqualTo(Integer.toString(valid));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resubmittingTheLosersOfRacesCountsEveryIncrement() throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        final List<Future<Submitted>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> ledger.submitResolvingConflicts(pharmacist, 50, "increment", "hits")));
            }
            for (final Future<Submitted> result : results) {
                assertThat(result.get().isValid()).isTrue();
            }
            assertThat(read("get", "hits")).isEqualTo("40");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void historyListsEveryValidWriteNewestFirstDeletesIncluded() {
        ledger.submit(pharmacist, "put", "k", "1");
        ledger.submit(pharmacist, "put", "k", "2");
        ledger.submit(pharmacist, "delete", "k");
        ledger.submit(pharmacist, "put", "k", "3");

        assertThat(read("history", "k")).isEqualTo("3,(deleted),2,1");
    }

    @Test
    void pagesFollowLevelDbsBookmarks() {
        for (final String key : List.of("p1", "p2", "p3", "p4", "p5")) {
            ledger.submit(pharmacist, "put", key, "v");
        }

        assertThat(read("page", "p", "q", "2", "")).isEqualTo("p1,p2|p3");
        assertThat(read("page", "p", "q", "2", "p3")).isEqualTo("p3,p4|p5");
        assertThat(read("page", "p", "q", "2", "p5")).isEqualTo("p5|");
    }

    @Test
    void theTransactionTimeIsTheProposalsWithinFifteenMinutesOfThePeersClock() {
        final Instant fourteenMinutesAgo = Instant.now().minus(Duration.ofMinutes(14));

        assertThat(answer(ledger.submit(pharmacist, fourteenMinutesAgo, "time"))).isEqualTo(
                fourteenMinutesAgo.toString());
        assertThatThrownBy(() -> ledger.submit(pharmacist, Instant.now().minus(Duration.ofMinutes(16)), "put", "k",
                "v")).isInstanceOf(RefusedException.class).hasMessageContaining(
                        "request unauthorized due to incorrect timestamp");
        assertThatThrownBy(() -> ledger.evaluate(pharmacist, Instant.now().plus(Duration.ofMinutes(16)), "get", "k"))
                .isInstanceOf(RefusedException.class);
        assertThat(read("get", "k")).isEmpty();
    }

    @Test
    void aRefusalIsNotOrderedAndChangesNothing() {
        final long height = ledger.height();

        assertThatThrownBy(() -> ledger.submit(pharmacist, "refuse", "no"))
                .isInstanceOfSatisfying(RefusedException.class, refused -> {
                    assertThat(refused.code()).contains("NOT_ALLOWED");
                    assertThat(refused.status()).isEqualTo(500);
                });
        assertThat(ledger.height()).isEqualTo(height);
    }

    @Test
    void aCallerOfAnotherOrganisationOrCaIsRefused() {
        final Caller stranger = LocalCa.open(folder.resolve("other"), "StrangerMSP").member("x", LocalCa.Role.CLIENT);
        final Caller impostor = LocalCa.open(folder.resolve("fake"), "PharmacyMSP").member("till1",
                LocalCa.Role.CLIENT);

        assertThatThrownBy(() -> ledger.submit(stranger, "put", "k", "v")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("creator org unknown");
        assertThatThrownBy(() -> ledger.submit(impostor, "put", "k", "v")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("not issued by PharmacyMSP's CA");
        assertThat(read("get", "k")).isEmpty();
    }

    @Test
    void blocksFormAHashChainAndTheFeedGivesThemAllWithWhatEachTransactionChanged() {
        ledger.submit(pharmacist, "emit", "k", "7", "Thing");
        final EmbeddedLedger.Endorsed stale = ledger.endorseOnly(pharmacist, "increment", "k");
        ledger.submit(pharmacist, "put", "k", "1");
        ledger.commitAsOneBlock(List.of(stale));

        final List<CommittedBlock> chain = new ArrayList<>();
        try (BlockFeed feed = ledger.blocks(0)) {
            while (chain.size() < ledger.height()) {
                chain.add(feed.next());
            }
        }
        for (int i = 0; i < chain.size(); i++) {
            final CommittedBlock block = chain.get(i);
            assertThat(block.number()).isEqualTo(i);
            assertThat(block.previousHash()).isEqualTo(i == 0 ? BlockStore.NO_HASH : chain.get(i - 1).hash());
            assertThat(block.hash()).isEqualTo(BlockStore.hash(block.number(), block.previousHash(),
                    block.transactions()));
        }
        final CommittedTransaction emitted = chain.get(1).transactions().get(0);
        assertThat(emitted.creatorMspId()).isEqualTo("PharmacyMSP");
        assertThat(new String(emitted.writes().get("k"), UTF_8)).isEqualTo("7");
        assertThat(emitted.event()).map(CommittedTransaction.Event::name).contains("Thing");
        final CommittedTransaction conflicted = chain.get(3).transactions().get(0);
        assertThat(conflicted.validationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
    }

    @Test
    void theFeedWaitsForTheNextBlock() throws Exception {
        final ExecutorService reader = Executors.newSingleThreadExecutor();
        try (BlockFeed feed = ledger.blocks(1)) {
            final Future<CommittedBlock> next = reader.submit(feed::next);

            final Submitted put = ledger.submit(pharmacist, "put", "k", "v");

            assertThat(next.get().transactions()).extracting(CommittedTransaction::id)
                    .containsExactly(put.transactionId());
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void aLedgerOpenedAgainOnItsStoreCarriesOnFromItsLastBlock() {
        ledger.submit(pharmacist, "put", "k", "v");
        final long height = ledger.height();
        ledger.close();

        ledger = newLedger();

        assertThat(ledger.height()).isEqualTo(height);
        assertThat(read("get", "k")).isEqualTo("v");
        final Submitted next = ledger.submit(pharmacist, "put", "k", "w");
        assertThat(next.blockNumber()).isEqualTo(height);
        try (BlockFeed feed = ledger.blocks(height - 1)) {
            assertThat(feed.next().hash()).isEqualTo(feed.next().previousHash());
        }
    }
}
