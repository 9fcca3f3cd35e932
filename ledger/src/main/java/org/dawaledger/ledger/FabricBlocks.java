package org.dawaledger.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.dawaledger.ledger.simulation.KeyOrder;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
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
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Reads a Fabric block as the ledger's feed gives it: per endorser transaction its id, time, creator, validation code
 * (from the block's transaction filter), the write set of one chaincode's namespace and that chaincode's event.
 * Config transactions and other chaincodes' writes are left out; each transaction keeps its position in the block,
 * which is its version's transaction number.
 */
final class FabricBlocks {
    private FabricBlocks() {
    }

    /** A block's transactions with their positions, and the block as the feed gives it. */
    record Read(CommittedBlock block, List<Integer> positions) {
    }

    /**
     * Reads a block.
     *
     * @param namespace the chaincode whose writes and events to keep
     * @throws IllegalArgumentException if the block cannot be parsed
     */
    static Read read(final Block block, final String namespace) {
        final BlockHeader header = block.getHeader();
        final ByteString filter = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) : ByteString.EMPTY;
        final List<CommittedTransaction> transactions = new ArrayList<>();
        final List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            try {
                final Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(i)).getPayload());
                final ChannelHeader channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
                if (channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    continue;
                }
                final SerializedIdentity creator = SerializedIdentity.parseFrom(
                        SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader()).getCreator());
                final SortedMap<String, byte[]> writes = new TreeMap<>(KeyOrder.CODE_POINTS);
                Optional<CommittedTransaction.Event> event = Optional.empty();
                for (final TransactionAction action : Transaction.parseFrom(payload.getData()).getActionsList()) {
                    final ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(ProposalResponsePayload
                            .parseFrom(ChaincodeActionPayload.parseFrom(action.getPayload()).getAction()
                                    .getProposalResponsePayload()).getExtension());
                    for (final NsReadWriteSet set : TxReadWriteSet.parseFrom(chaincodeAction.getResults())
                            .getNsRwsetList()) {
                        if (set.getNamespace().equals(namespace)) {
                            for (final KVWrite write : KVRWSet.parseFrom(set.getRwset()).getWritesList()) {
                                writes.put(write.getKey(), write.getIsDelete() ? new byte[0]
                                        : write.getValue().toByteArray());
                            }
                        }
                    }
                    if (!chaincodeAction.getEvents().isEmpty()) {
                        final ChaincodeEvent chaincodeEvent = ChaincodeEvent.parseFrom(chaincodeAction.getEvents());
                        if (chaincodeEvent.getChaincodeId().equals(namespace)) {
                            event = Optional.of(new CommittedTransaction.Event(chaincodeEvent.getEventName(),
                                    chaincodeEvent.getPayload().toByteArray()));
                        }
                    }
                }
                final TxValidationCode code = i < filter.size()
                        ? Optional.ofNullable(TxValidationCode.forNumber(filter.byteAt(i) & 0xff))
                                .orElse(TxValidationCode.INVALID_OTHER_REASON)
                        : TxValidationCode.NOT_VALIDATED;
                transactions.add(new CommittedTransaction(channelHeader.getTxId(), Instant.ofEpochSecond(
                        channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos()),
                        creator.getMspid(), creator.toByteArray(), code, writes, event));
                positions.add(i);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("block " + header.getNumber() + " transaction " + i
                        + " cannot be read", e);
            }
        }
        return new Read(new CommittedBlock(header.getNumber(), header.getPreviousHash().toByteArray(),
                headerHash(header), transactions), positions);
    }

    /** Fabric's block hash: SHA-256 of the ASN.1 DER of (number, previous hash, data hash), as protoutil has it. */
    static byte[] headerHash(final BlockHeader header) {
        try {
            final byte[] der = new DERSequence(new ASN1Encodable[] {
                new ASN1Integer(header.getNumber()),
                new DEROctetString(header.getPreviousHash().toByteArray()),
                new DEROctetString(header.getDataHash().toByteArray())}).getEncoded();
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
