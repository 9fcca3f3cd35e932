/*
 * DawaLedger — unit-test fixture.
 */
package org.dawaledger.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryLedgerTest {

    private static final TestIdentity MANUFACTURER = TestIdentity.of("ManufacturerMSP", "User1");

    private InMemoryLedger ledger;

    @BeforeEach
    void newLedger() {
        ledger = new InMemoryLedger();
    }

    private void put(final String key, final String value) {
        ledger.submitVoid(MANUFACTURER, ctx -> ctx.getStub().putStringState(key, value));
    }

    @Test
    void aSubmitCommitsItsWritesHistoryAndEventTogether() {
        String result = ledger.submit(MANUFACTURER, ctx -> {
            ctx.getStub().putStringState("a", "1");
            ctx.getStub().putStringState("b", "2");
            ctx.getStub().setEvent("Created", "a,b".getBytes(UTF_8));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(ledger.snapshotAsStrings()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(ledger.stateSize()).isEqualTo(2);
        assertThat(ledger.events()).containsExactly(
                new RecordedEvent(ledger.lastTxId(), "Created", "a,b".getBytes(UTF_8)));
        assertThat(ledger.history("a")).extracting(KeyModification::getTxId).containsExactly(ledger.lastTxId());
    }

    @Test
    void aFailedSubmitAppliesNothing() {
        put("a", "1");
        Map<String, String> before = ledger.snapshotAsStrings();
        List<RecordedEvent> eventsBefore = ledger.events();
        String txIdBefore = ledger.lastTxId();
        IllegalStateException failure = new IllegalStateException("rejected by the contract");

        assertThatThrownBy(() -> ledger.submitVoid(MANUFACTURER, ctx -> {
            ctx.getStub().putStringState("a", "changed");
            ctx.getStub().putStringState("b", "new");
            ctx.getStub().delState("a");
            ctx.getStub().setEvent("ShouldNotBeSeen", new byte[] {1});
            throw failure;
        })).isSameAs(failure);

        assertThat(ledger.snapshotAsStrings()).isEqualTo(before);
        assertThat(ledger.events()).isEqualTo(eventsBefore);
        assertThat(ledger.history("a")).hasSize(1);
        assertThat(ledger.history("b")).isEmpty();
        assertThat(ledger.lastTxId()).isEqualTo(txIdBefore);
        InMemoryLedger.Attempt attempt = ledger.lastFailedAttempt().orElseThrow();
        assertThat(attempt.committed()).isFalse();
        assertThat(attempt.writes()).as("keys a, b").isEqualTo(2);
        assertThat(attempt.event()).map(RecordedEvent::name).contains("ShouldNotBeSeen");
    }

    @Test
    void readsDoNotSeeTheSameTransactionsOwnWrites() {
        put("a", "committed");

        ledger.submitVoid(MANUFACTURER, ctx -> {
            ChaincodeStub stub = ctx.getStub();
            stub.putStringState("a", "uncommitted");
            stub.putStringState("b", "uncommitted");
            stub.putStringState(stub.createCompositeKey("batch", "B1").toString(), "uncommitted");

            assertThat(stub.getStringState("a")).isEqualTo("committed");
            assertThat(stub.getState("b")).isEmpty();
            assertThat(keys(stub.getStateByRange("", ""))).containsExactly("a");
            assertThat(keys(stub.getStateByPartialCompositeKey("batch"))).isEmpty();
            assertThat(stub.getHistoryForKey("b")).isEmpty();
        });

        assertThat(ledger.stateAsString("a")).contains("uncommitted");
        assertThat(ledger.stateAsString("b")).contains("uncommitted");
    }

    @Test
    void evaluateDiscardsWritesAndEvents() {
        put("a", "1");
        String txIdBefore = ledger.lastTxId();

        String read = ledger.evaluate(MANUFACTURER, ctx -> {
            ctx.getStub().putStringState("a", "2");
            ctx.getStub().setEvent("Ignored", null);
            return ctx.getStub().getStringState("a");
        });

        assertThat(read).isEqualTo("1");
        assertThat(ledger.stateAsString("a")).contains("1");
        assertThat(ledger.events()).isEmpty();
        assertThat(ledger.lastTxId()).isEqualTo(txIdBefore);
    }

    @Test
    void aMissingKeyReadsAsAnEmptyArrayAsTheShimReturnsIt() {
        byte[] value = ledger.evaluate(MANUFACTURER, ctx -> ctx.getStub().getState("absent"));

        assertThat(value).isNotNull().isEmpty();
        assertThat(ledger.state("absent")).isEmpty();
    }

    @Test
    void theLastWriteToAKeyWins() {
        put("deleted-after-put", "old");
        put("put-after-delete", "old");

        ledger.submitVoid(MANUFACTURER, ctx -> {
            ChaincodeStub stub = ctx.getStub();
            stub.putStringState("deleted-after-put", "new");
            stub.delState("deleted-after-put");
            stub.delState("put-after-delete");
            stub.putStringState("put-after-delete", "new");
            stub.putStringState("twice", "first");
            stub.putStringState("twice", "second");
        });

        assertThat(ledger.snapshotAsStrings())
                .containsExactly(Map.entry("put-after-delete", "new"), Map.entry("twice", "second"));
    }

    @Test
    void puttingAnEmptyValueDeletesTheKeyAsFabricsWriteSetDoes() {
        put("a", "1");

        ledger.submitVoid(MANUFACTURER, ctx -> ctx.getStub().putState("a", new byte[0]));

        assertThat(ledger.state("a")).isEmpty();
        assertThat(ledger.history("a").get(0).isDeleted()).isTrue();
    }

    @Test
    void historyIsNewestFirstWithDeletes() {
        put("a", "1");
        String first = ledger.lastTxId();
        ledger.advance(Duration.ofMinutes(1));
        put("a", "2");
        String second = ledger.lastTxId();
        ledger.advance(Duration.ofMinutes(1));
        ledger.submitVoid(MANUFACTURER, ctx -> ctx.getStub().delState("a"));
        String third = ledger.lastTxId();
        Instant start = InMemoryLedger.DEFAULT_START_TIME;

        List<KeyModification> history = ledger.evaluate(MANUFACTURER, ctx -> {
            List<KeyModification> list = new ArrayList<>();
            try (QueryResultsIterator<KeyModification> it = ctx.getStub().getHistoryForKey("a")) {
                it.forEach(list::add);
            }
            return list;
        });

        assertThat(history).extracting(KeyModification::getTxId).containsExactly(third, second, first);
        assertThat(history).extracting(KeyModification::getStringValue).containsExactly("", "2", "1");
        assertThat(history).extracting(KeyModification::isDeleted).containsExactly(true, false, false);
        assertThat(history).extracting(KeyModification::getTimestamp)
                .containsExactly(start.plusSeconds(120), start.plusSeconds(60), start);
    }

    @Test
    void deletingAKeyThatNeverExistedIsStillRecordedInHistory() {
        ledger.submitVoid(MANUFACTURER, ctx -> ctx.getStub().delState("never"));

        assertThat(ledger.history("never")).singleElement().satisfies(m -> assertThat(m.isDeleted()).isTrue());
        assertThat(ledger.stateSize()).isZero();
    }

    @Test
    void onlyTheLastSetEventSurvives() {
        ledger.submitVoid(MANUFACTURER, ctx -> {
            ctx.getStub().setEvent("First", "1".getBytes(UTF_8));
            ctx.getStub().setEvent("Second", "2".getBytes(UTF_8));
        });

        assertThat(ledger.events()).hasSize(1);
        assertThat(ledger.lastEvent()).hasValueSatisfying(event -> {
            assertThat(event.name()).isEqualTo("Second");
            assertThat(event.payloadAsString()).isEqualTo("2");
            assertThat(event.txId()).isEqualTo(ledger.lastTxId());
        });
    }

    @Test
    void anEmptyOrBlankEventNameIsRejectedAsTheShimRejectsIt() {
        for (String name : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> ledger.submitVoid(MANUFACTURER, ctx -> ctx.getStub().setEvent(name, null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("event name can not be nil string");
        }
        assertThat(ledger.events()).isEmpty();
    }

    @Test
    void anEventWithANullPayloadIsRecordedWithAnEmptyPayload() {
        ledger.submitVoid(MANUFACTURER, ctx -> ctx.getStub().setEvent("Empty", null));

        assertThat(ledger.lastEvent()).hasValueSatisfying(event -> assertThat(event.payload()).isEmpty());
    }

    @Test
    void transactionIdsAreDeterministicAndLookLikeFabricsIds() {
        InMemoryLedger other = new InMemoryLedger();
        List<String> ids = new ArrayList<>();
        List<String> otherIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(ledger.submit(MANUFACTURER, ctx -> ctx.getStub().getTxId()));
            otherIds.add(other.submit(MANUFACTURER, ctx -> ctx.getStub().getTxId()));
        }

        assertThat(ids).isEqualTo(otherIds).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f]{64}"));
        assertThat(ledger.lastTxId()).isEqualTo(ids.get(2));
    }

    @Test
    void theTransactionTimestampIsTheLedgerClock() {
        assertThat(ledger.now()).isEqualTo(Instant.parse("2026-01-15T09:00:00Z"));
        Instant first = ledger.submit(MANUFACTURER, ctx -> ctx.getStub().getTxTimestamp());
        assertThat(first).isEqualTo(ledger.now());

        ledger.advance(Duration.ofDays(1));
        Instant second = ledger.submit(MANUFACTURER, ctx -> ctx.getStub().getTxTimestamp());
        assertThat(second).isEqualTo(Instant.parse("2026-01-16T09:00:00Z"));

        ledger.setTime(Instant.parse("2027-03-01T00:00:00Z"));
        Instant third = ledger.evaluate(MANUFACTURER, ctx -> ctx.getStub().getTxTimestamp());
        assertThat(third).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
        assertThatThrownBy(() -> ledger.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreOrderedByUtf8BytesLikeLevelDb() {
        String supplementary = new String(Character.toChars(0x1F48A)); // U+1F48A, a surrogate pair in UTF-16
        put(supplementary, "pill");
        put("\uFFFD", "replacement");
        put("z", "z");

        // String.compareTo would put the surrogate pair (0xD83D...) before U+FFFD; UTF-8 byte order puts it after.
        assertThat(ledger.snapshotAsStrings().keySet()).containsExactly("z", "\uFFFD", supplementary);
        List<String> rangeKeys = ledger.evaluate(MANUFACTURER, ctx -> keys(ctx.getStub().getStateByRange("", "")));
        assertThat(rangeKeys).containsExactly("z", "\uFFFD", supplementary);
    }

    @Test
    void transactionsCannotBeNested() {
        assertThatThrownBy(() -> ledger.submitVoid(MANUFACTURER,
                        ctx -> ledger.submitVoid(MANUFACTURER, inner -> inner.getStub().putStringState("a", "1"))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ledger.stateSize()).isZero();
    }

    @Test
    void snapshotsAreCopies() {
        put("a", "1");
        ledger.snapshot().get("a")[0] = 'X';
        ledger.state("a").orElseThrow()[0] = 'X';

        assertThat(ledger.stateAsString("a")).contains("1");
    }

    static List<String> keys(final QueryResultsIterator<KeyValue> results) {
        List<String> keys = new ArrayList<>();
        try (results) {
            results.forEach(kv -> keys.add(kv.getKey()));
        }
        return keys;
    }
}
