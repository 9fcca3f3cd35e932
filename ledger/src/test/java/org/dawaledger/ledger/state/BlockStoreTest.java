package org.dawaledger.ledger.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.dawaledger.ledger.CommittedBlock;
import org.dawaledger.ledger.CommittedTransaction;
import org.dawaledger.ledger.simulation.KeyOrder;
import org.dawaledger.ledger.store.MemoryStore;
import org.dawaledger.ledger.store.WriteBatch;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class BlockStoreTest {
    private final MemoryStore store = new MemoryStore();
    private final BlockStore blocks = new BlockStore(store);

    private static CommittedTransaction transaction(final TxValidationCode code) {
        final TreeMap<String, byte[]> writes = new TreeMap<>(KeyOrder.CODE_POINTS);
        writes.put("\u0000pack\u00001\u0000", "v".getBytes(UTF_8));
        writes.put("gone", new byte[0]);
        return new CommittedTransaction("a".repeat(64), Instant.parse("2026-12-02T01:02:03.000000004Z"),
                "PharmacyMSP", new byte[] {1, 2}, code, writes,
                Optional.of(new CommittedTransaction.Event("PacksDispensed", new byte[] {3})));
    }

    private void write(final CommittedBlock block) {
        final WriteBatch batch = new WriteBatch();
        blocks.stage(batch, block);
        store.write(batch);
    }

    @Test
    void aBlockComesBackAsItWasWrittenEvenWithoutAPreviousHashAsFabricsFirstBlock() {
        final CommittedBlock genesis = new CommittedBlock(0, new byte[0], new byte[] {9, 9}, List.of(
                transaction(TxValidationCode.VALID), transaction(TxValidationCode.MVCC_READ_CONFLICT)));

        write(genesis);

        final CommittedBlock read = blocks.block(0).orElseThrow();
        assertThat(read.previousHash()).isEmpty();
        assertThat(read.hash()).containsExactly(9, 9);
        assertThat(read.transactions()).hasSize(2);
        final CommittedTransaction tx = read.transactions().get(0);
        assertThat(tx.timestamp()).isEqualTo(Instant.parse("2026-12-02T01:02:03.000000004Z"));
        assertThat(tx.creator()).containsExactly(1, 2);
        assertThat(tx.writes().keySet()).containsExactly("\u0000pack\u00001\u0000", "gone");
        assertThat(tx.writes().get("gone")).isEmpty();
        assertThat(tx.event()).map(CommittedTransaction.Event::name).contains("PacksDispensed");
        assertThat(read.transactions().get(1).validationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(blocks.height()).isEqualTo(1);
    }

    @Test
    void onlyTheNextBlockCanBeWritten() {
        write(BlockStore.next(Optional.empty(), List.of()));

        assertThatThrownBy(() -> blocks.stage(new WriteBatch(), new CommittedBlock(2, new byte[32], new byte[32],
                List.of()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the next block");
        assertThatThrownBy(() -> blocks.stage(new WriteBatch(), new CommittedBlock(0, new byte[32], new byte[32],
                List.of()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachBlocksHashCoversItsTransactions() {
        final CommittedBlock first = BlockStore.next(Optional.empty(), List.of(transaction(TxValidationCode.VALID)));
        final CommittedBlock other = BlockStore.next(Optional.empty(),
                List.of(transaction(TxValidationCode.MVCC_READ_CONFLICT)));

        assertThat(first.hash()).isNotEqualTo(other.hash());
        assertThat(BlockStore.next(Optional.of(first), List.of()).previousHash()).isEqualTo(first.hash());
    }
}
