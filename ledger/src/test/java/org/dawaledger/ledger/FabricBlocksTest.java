package org.dawaledger.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.security.MessageDigest;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class FabricBlocksTest {
    private static Envelope endorserTransaction(final String txId, final String namespace, final KVWrite... writes) {
        final ChaincodeAction action = ChaincodeAction.newBuilder()
                .setResults(TxReadWriteSet.newBuilder().addNsRwset(NsReadWriteSet.newBuilder().setNamespace("_lifecycle")
                        .setRwset(KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey("lifecycle-key")
                                .setValue(ByteString.copyFromUtf8("x"))).build().toByteString()))
                        .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(namespace).setRwset(KVRWSet.newBuilder()
                                .addAllWrites(java.util.List.of(writes)).build().toByteString())).build().toByteString())
                .setEvents(ChaincodeEvent.newBuilder().setChaincodeId(namespace).setTxId(txId).setEventName("Done")
                        .setPayload(ByteString.copyFromUtf8("p")).build().toByteString())
                .build();
        final Transaction transaction = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
                .setPayload(ChaincodeActionPayload.newBuilder().setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(ProposalResponsePayload.newBuilder()
                                .setExtension(action.toByteString()).build().toByteString())).build().toByteString()))
                .build();
        return envelope(HeaderType.ENDORSER_TRANSACTION, txId, transaction.toByteString());
    }

    private static Envelope envelope(final HeaderType type, final String txId, final ByteString data) {
        final Header header = Header.newBuilder()
                .setChannelHeader(ChannelHeader.newBuilder().setType(type.getNumber()).setTxId(txId)
                        .setTimestamp(Timestamp.newBuilder().setSeconds(1_780_000_000L).setNanos(5)).build()
                        .toByteString())
                .setSignatureHeader(SignatureHeader.newBuilder().setCreator(SerializedIdentity.newBuilder()
                        .setMspid("PharmacyMSP").setIdBytes(ByteString.copyFromUtf8("PEM")).build().toByteString())
                        .build().toByteString())
                .build();
        return Envelope.newBuilder().setPayload(Payload.newBuilder().setHeader(header).setData(data).build()
                .toByteString()).build();
    }

    private static KVWrite put(final String key, final String value) {
        return KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build();
    }

    private static Block block(final long number, final byte[] filter, final Envelope... envelopes) {
        final BlockData.Builder data = BlockData.newBuilder();
        for (final Envelope envelope : envelopes) {
            data.addData(envelope.toByteString());
        }
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(number).setPreviousHash(ByteString.copyFrom(new byte[32]))
                        .setDataHash(ByteString.copyFrom(new byte[] {1, 2, 3})))
                .setData(data)
                .setMetadata(BlockMetadata.newBuilder().addMetadata(ByteString.EMPTY).addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.copyFrom(filter)))
                .build();
    }

    @Test
    void keepsTheChaincodesWritesAndEventWithEachTransactionsCodeAndPosition() {
        final Block block = block(7, new byte[] {(byte) TxValidationCode.VALID_VALUE, 0,
            (byte) TxValidationCode.MVCC_READ_CONFLICT_VALUE},
                envelope(HeaderType.CONFIG, "", ByteString.EMPTY),
                endorserTransaction("tx1", "dawaledger", put("a", "1"),
                        KVWrite.newBuilder().setKey("gone").setIsDelete(true).build()),
                endorserTransaction("tx2", "dawaledger", put("a", "2")));

        final FabricBlocks.Read read = FabricBlocks.read(block, "dawaledger");

        assertThat(read.positions()).containsExactly(1, 2);
        final CommittedTransaction first = read.block().transactions().get(0);
        assertThat(first.id()).isEqualTo("tx1");
        assertThat(first.validationCode()).isEqualTo(TxValidationCode.VALID);
        assertThat(first.creatorMspId()).isEqualTo("PharmacyMSP");
        assertThat(first.timestamp()).hasToString("2026-05-28T20:26:40.000000005Z");
        assertThat(first.writes()).containsOnlyKeys("a", "gone");
        assertThat(new String(first.writes().get("a"), UTF_8)).isEqualTo("1");
        assertThat(first.writes().get("gone")).isEmpty();
        assertThat(first.event()).map(CommittedTransaction.Event::name).contains("Done");
        assertThat(read.block().transactions().get(1).validationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
    }

    @Test
    void anotherChaincodesWritesAndEventsAreLeftOut() {
        final FabricBlocks.Read read = FabricBlocks.read(block(3, new byte[] {0},
                endorserTransaction("tx", "baseline", put("k", "v"))), "dawaledger");

        assertThat(read.block().transactions().get(0).writes()).isEmpty();
        assertThat(read.block().transactions().get(0).event()).isEmpty();
    }

    @Test
    void theHashIsFabricsHashOfTheHeadersDer() throws Exception {
        final Block block = block(1, new byte[0]);
        // asn1.Marshal of {Number: 1, PreviousHash: 32 zeros, DataHash: 010203}, as Go's protoutil encodes it.
        final byte[] der = new byte[2 + 3 + 34 + 5];
        final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(der);
        buffer.put(new byte[] {0x30, (byte) (der.length - 2), 0x02, 0x01, 0x01, 0x04, 32}).put(new byte[32])
                .put(new byte[] {0x04, 3, 1, 2, 3});

        assertThat(FabricBlocks.headerHash(block.getHeader()))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(der));
    }

    @Test
    void aBlockThatCannotBeReadIsRefused() {
        final Block broken = Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(2))
                .setData(BlockData.newBuilder().addData(ByteString.copyFrom(new byte[] {(byte) 0xff, 1})))
                .build();

        assertThatThrownBy(() -> FabricBlocks.read(broken, "dawaledger")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block 2 transaction 0");
    }
}
