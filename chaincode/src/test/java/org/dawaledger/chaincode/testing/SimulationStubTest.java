/*
 * DawaLedger — unit-test fixture.
 */
package org.dawaledger.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dawaledger.chaincode.testing.InMemoryLedgerTest.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.hyperledger.fabric.contract.ContractRuntimeException;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fabric's stub semantics as the contract's tests meet them: the ledger's SimulationStub under InMemoryLedger. */
class SimulationStubTest {

    private static final TestIdentity CALLER = TestIdentity.of("RegulatorMSP", "User1");

    private InMemoryLedger ledger;

    @BeforeEach
    void ledgerWithSimpleAndCompositeKeys() {
        ledger = new InMemoryLedger();
        ledger.submitVoid(CALLER, ctx -> {
            ChaincodeStub stub = ctx.getStub();
            for (String key : List.of("k1", "k2", "k3", "k4", "k5")) {
                stub.putStringState(key, "v" + key.substring(1));
            }
            stub.putStringState(stub.createCompositeKey("batch", "GTIN1", "LOT1").toString(), "b11");
            stub.putStringState(stub.createCompositeKey("batch", "GTIN1", "LOT2").toString(), "b12");
            stub.putStringState(stub.createCompositeKey("batch", "GTIN2", "LOT1").toString(), "b21");
            stub.putStringState(stub.createCompositeKey("batchx", "GTIN1").toString(), "other type");
            stub.putStringState(stub.createCompositeKey("unit", "SN1").toString(), "u1");
        });
    }

    private <T> T query(final Function<ChaincodeStub, T> query) {
        return ledger.evaluate(CALLER, ctx -> query.apply(ctx.getStub()));
    }

    private List<String> keysOf(final Function<ChaincodeStub, QueryResultsIterator<KeyValue>> query) {
        return ledger.evaluate(CALLER, ctx -> keys(query.apply(ctx.getStub())));
    }

    private List<String> valuesOf(final Function<ChaincodeStub, QueryResultsIterator<KeyValue>> query) {
        return ledger.evaluate(CALLER, ctx -> values(query.apply(ctx.getStub())));
    }

    @Test
    void compositeKeysAreBuiltAndSplitAsTheShimBuildsThem() {
        CompositeKey key = query(stub -> stub.createCompositeKey("batch", "GTIN1", "LOT1"));

        assertThat(key.toString()).isEqualTo("\u0000batch\u0000GTIN1\u0000LOT1\u0000");
        CompositeKey split = query(stub -> stub.splitCompositeKey(key.toString()));
        assertThat(split.getObjectType()).isEqualTo("batch");
        assertThat(split.getAttributes()).containsExactly("GTIN1", "LOT1");
    }

    @Test
    void compositeKeyAttributesMayNotContainTheSeparatorOrMaxRune() {
        assertThatThrownBy(() -> query(stub -> stub.createCompositeKey("batch", "a\u0000b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+000000");
        assertThatThrownBy(() -> query(stub -> stub.createCompositeKey("batch", "a\udbff\udfff")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+10FFFF");
    }

    @Test
    void partialCompositeKeyQueriesReturnEveryKeyWithThePrefix() {
        assertThat(valuesOf(stub -> stub.getStateByPartialCompositeKey("batch")))
                .containsExactly("b11", "b12", "b21");
        assertThat(valuesOf(stub -> stub.getStateByPartialCompositeKey("batch", "GTIN1")))
                .containsExactly("b11", "b12");
        assertThat(valuesOf(stub -> stub.getStateByPartialCompositeKey(new CompositeKey("batch", "GTIN2"))))
                .containsExactly("b21");
        assertThat(valuesOf(stub ->
                        stub.getStateByPartialCompositeKey(stub.createCompositeKey("batch", "GTIN1").toString())))
                .containsExactly("b11", "b12");
        assertThat(valuesOf(stub -> stub.getStateByPartialCompositeKey("batch", "GTIN3"))).isEmpty();
    }

    @Test
    void rangeQueriesExcludeCompositeKeys() {
        assertThat(keysOf(stub -> stub.getStateByRange("", ""))).containsExactly("k1", "k2", "k3", "k4", "k5");
        assertThat(keysOf(stub -> stub.getStateByRange(null, null)))
                .containsExactly("k1", "k2", "k3", "k4", "k5");
    }

    @Test
    void rangeQueriesIncludeTheStartAndExcludeTheEnd() {
        assertThat(keysOf(stub -> stub.getStateByRange("k2", "k4"))).containsExactly("k2", "k3");
        assertThat(keysOf(stub -> stub.getStateByRange("k4", ""))).containsExactly("k4", "k5");
        assertThat(keysOf(stub -> stub.getStateByRange("", "k2"))).containsExactly("k1");
        assertThat(keysOf(stub -> stub.getStateByRange("k4", "k2"))).isEmpty();
    }

    @Test
    void rangeQueriesRejectCompositeKeysAsBounds() {
        String composite = new CompositeKey("batch").toString();

        assertThatThrownBy(() -> query(stub -> stub.getStateByRange(composite, "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not allowed");
    }

    @Test
    void paginationWalksAllKeysAcrossPagesAndEndsWithAnEmptyBookmark() {
        List<String> seen = new ArrayList<>();
        List<String> bookmarks = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        String bookmark = "";
        do {
            String from = bookmark;
            QueryResponseMetadata metadata = query(stub -> {
                try (QueryResultsIteratorWithMetadata<KeyValue> page =
                        stub.getStateByRangeWithPagination("", "", 2, from)) {
                    page.forEach(kv -> seen.add(kv.getKey()));
                    return page.getMetadata();
                }
            });
            bookmark = metadata.getBookmark();
            bookmarks.add(bookmark);
            counts.add(metadata.getFetchedRecordsCount());
        } while (!bookmark.isEmpty());

        assertThat(seen).containsExactly("k1", "k2", "k3", "k4", "k5");
        assertThat(bookmarks).containsExactly("k3", "k5", ""); // the bookmark is the next page's first key
        assertThat(counts).containsExactly(2, 2, 1);
    }

    @Test
    void aLastPageThatIsExactlyFullStillEndsWithAnEmptyBookmark() {
        QueryResponseMetadata metadata = query(stub -> stub.getStateByRangeWithPagination("k2", "k4", 2, "")
                .getMetadata());

        assertThat(metadata.getFetchedRecordsCount()).isEqualTo(2);
        assertThat(metadata.getBookmark()).isEmpty();
    }

    @Test
    void compositeKeyPaginationWalksThePrefixAcrossPages() {
        CompositeKey batches = new CompositeKey("batch");
        List<String> seen = new ArrayList<>();
        String bookmark = "";
        int pages = 0;
        do {
            String from = bookmark;
            bookmark = query(stub -> {
                QueryResultsIteratorWithMetadata<KeyValue> page =
                        stub.getStateByPartialCompositeKeyWithPagination(batches, 1, from);
                page.forEach(kv -> seen.add(kv.getStringValue()));
                return page.getMetadata().getBookmark();
            });
            pages++;
        } while (!bookmark.isEmpty());

        assertThat(seen).containsExactly("b11", "b12", "b21");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void paginatedQueriesAreOnlyAllowedInReadOnlyTransactions() {
        assertThatThrownBy(() -> ledger.submitVoid(CALLER, ctx -> {
                    ctx.getStub().putStringState("k9", "v9");
                    ctx.getStub().getStateByRangeWithPagination("", "", 10, "");
                }))
                .isInstanceOf(ContractRuntimeException.class)
                .hasMessageEndingWith("Unsuccessful response received.")
                .hasNoCause();
        assertThat(ledger.peerLog()).last().asString()
                .endsWith("Paginated queries are supported only in a read-only transaction");
        assertThatThrownBy(() -> ledger.submitVoid(CALLER, ctx -> {
                    ctx.getStub().getStateByRangeWithPagination("", "", 10, "");
                    ctx.getStub().delState("k1");
                }))
                .isInstanceOf(ContractRuntimeException.class);
        assertThat(ledger.peerLog()).last().asString()
                .contains("Transaction has already performed a paginated query. Writes are not allowed");
        assertThat(ledger.state("k9")).isEmpty();
        assertThat(ledger.state("k1")).isPresent();
    }

    @Test
    void richQueriesFailAsOnALevelDbPeer() {
        assertThatThrownBy(() -> query(stub -> stub.getQueryResult("{\"selector\":{}}")))
                .isInstanceOf(ContractRuntimeException.class)
                .hasMessageMatching("\\[[0-9a-f]{8}\\]Unsuccessful response received\\.");
        assertThat(ledger.peerLog()).last().asString().endsWith("ExecuteQuery not supported for leveldb");
        assertThatThrownBy(() -> query(stub -> stub.getQueryResultWithPagination("{\"selector\":{}}", 10, "")))
                .isInstanceOf(ContractRuntimeException.class);
        assertThat(ledger.peerLog()).last().asString().endsWith("not supported for leveldb");
    }

    @Test
    void aBookmarkAfterTheEndOfItsRangeMakesThePeerPanic() {
        assertThatThrownBy(() -> query(stub -> stub.getStateByRangeWithPagination("k1", "k3", 10, "k4")))
                .isInstanceOf(ContractRuntimeException.class)
                .hasMessageEndingWith("Unsuccessful response received.");
        assertThat(ledger.peerLog()).last().asString()
                .contains("Recovered from panic handling GET_STATE_BY_RANGE: runtime error: slice bounds out of range");
    }

    @Test
    void aBookmarkBeforeTheStartOfItsRangeScansFromTheBookmarkAsLevelDbDoes() {
        List<String> keys = query(stub -> {
            List<String> seen = new ArrayList<>();
            stub.getStateByRangeWithPagination("k3", "k5", 10, "k1").forEach(kv -> seen.add(kv.getKey()));
            return seen;
        });

        assertThat(keys).containsExactly("k1", "k2", "k3", "k4");
    }

    @Test
    void aPeerToldToFailAnswersTheNextRequestOfThatTypeWithAnError() {
        ledger.failNext("GET_STATE", "leveldb: closed");

        assertThatThrownBy(() -> query(stub -> stub.getState("k1")))
                .isInstanceOf(ContractRuntimeException.class)
                .hasMessageEndingWith("Unsuccessful response received.");
        assertThat(ledger.peerLog()).last().asString().startsWith("GET_STATE failed: transaction ID: ")
                .endsWith(": leveldb: closed");
        String value = query(stub -> stub.getStringState("k1"));
        assertThat(value).as("the fault is spent").isNotEmpty();
    }

    @Test
    void theEndorsingPeerRefusesAProposalStampedMoreThanFifteenMinutesFromItsClock() {
        Instant peerTime = ledger.now();

        assertThatThrownBy(() -> ledger.submitStamped(CALLER, peerTime.minus(Duration.ofMinutes(15).plusSeconds(1)),
                        ctx -> ctx.getStub().getStringState("k1")))
                .isInstanceOf(InMemoryLedger.ProposalRefusedException.class)
                .hasMessageStartingWith("request unauthorized due to incorrect timestamp")
                .hasMessageEndingWith("peer.authentication.timewindow 15m0s");
        assertThatThrownBy(() -> ledger.evaluateStamped(CALLER, peerTime.plus(Duration.ofMinutes(16)),
                        ctx -> ctx.getStub().getStringState("k1")))
                .isInstanceOf(InMemoryLedger.ProposalRefusedException.class);
        Instant earliest = ledger.submitStamped(CALLER, peerTime.minus(Duration.ofMinutes(15)),
                ctx -> ctx.getStub().getTxTimestamp());
        Instant latest = ledger.evaluateStamped(CALLER, peerTime.plus(Duration.ofMinutes(15)),
                ctx -> ctx.getStub().getTxTimestamp());
        assertThat(earliest).as("the edge of the window is inside it").isEqualTo(peerTime.minus(Duration.ofMinutes(15)));
        assertThat(latest).isEqualTo(peerTime.plus(Duration.ofMinutes(15)));
    }

    @Test
    void putStateValidatesKeysAsTheShimDoes() {
        assertThatThrownBy(() -> query(stub -> {
                    stub.putStringState("", "v");
                    return null;
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key cannot not be an empty string");
        assertThatThrownBy(() -> query(stub -> {
                    stub.putState(null, new byte[] {1});
                    return null;
                }))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> query(stub -> {
                    stub.putState("k", null);
                    return null;
                }))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> query(stub -> {
                    stub.putStringState("lone\ud800surrogate", "v");
                    return null;
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void queryResultsAreOneShotAndClosingEndsThem() {
        List<String> seen = query(stub -> {
            QueryResultsIterator<KeyValue> results = stub.getStateByRange("", "");
            List<String> keys = new ArrayList<>();
            keys.add(results.iterator().next().getKey());
            results.forEach(kv -> keys.add(kv.getKey())); // continues where the first iterator stopped
            results.close();
            assertThat(results.iterator().hasNext()).isFalse();
            return keys;
        });

        assertThat(seen).containsExactly("k1", "k2", "k3", "k4", "k5");
    }

    @Test
    void theStubRefusesWorkAfterItsTransactionEnded() {
        AtomicReference<ChaincodeStub> leaked = new AtomicReference<>();
        ledger.submitVoid(CALLER, ctx -> leaked.set(ctx.getStub()));

        assertThatThrownBy(() -> leaked.get().putStringState("late", "v"))
                .isInstanceOf(ContractRuntimeException.class);
        assertThat(ledger.state("late")).isEmpty();
    }

    @Test
    void privateDataAndCrossChaincodeCallsAreNotSimulated() {
        assertThatThrownBy(() -> query(stub -> stub.getPrivateData("collection", "k")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> query(stub -> stub.invokeChaincodeWithStringArgs("other", "fn")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theStubDescribesTheTransaction() {
        query(stub -> {
            assertThat(stub.getChannelId()).isEqualTo("dawaledger");
            assertThat(stub.getMspId()).isEqualTo("RegulatorMSP");
            assertThat(stub.getArgs()).isEmpty();
            assertThat(stub.getFunction()).isNull();
            assertThat(stub.getTransient()).isEmpty();
            assertThat(stub.getBinding()).hasSize(32);
            return null;
        });
    }

    private static List<String> values(final QueryResultsIterator<KeyValue> results) {
        List<String> values = new ArrayList<>();
        try (results) {
            results.forEach(kv -> values.add(kv.getStringValue()));
        }
        return values;
    }
}
