package org.dawaledger.chaincode.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetStateMultiple;
import org.hyperledger.fabric.protos.peer.GetStateMultipleResult;
import org.hyperledger.fabric.protos.peer.WriteBatchState;
import org.hyperledger.fabric.protos.peer.WriteRecord;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Reads and writes many keys in one message to the peer. Fabric 3.1 peers accept GET_STATE_MULTIPLE and
 * WRITE_BATCH_STATE, which save a round trip per key (CommissionPacks of 10,000 serials made 20,000 of them), but the
 * Java shim 2.5 does not send them yet (hyperledger/fabric-chaincode-java#378). Until it does, this class sends them
 * through the shim's own message channel, which it reaches by reflection; when that channel is not there (another
 * shim, the unit tests' stub) or {@value #SWITCH} is {@code off}, there are no batches and the ledger sends one
 * request per key, as before.
 */
final class PeerBatches {
    /** The environment variable that turns batches off: {@code off}. */
    static final String SWITCH = "DAWALEDGER_PEER_BATCHES";
    /** Keys per message: the peer's default limit for both kinds (chaincode.runtimeParams in core.yaml). */
    static final int MAX_KEYS_PER_MESSAGE = 1_000;

    private static final Access ACCESS = Access.find();

    private final Object task;
    private final String channelId;
    private final String txId;

    private PeerBatches(final Object task, final String channelId, final String txId) {
        this.task = task;
        this.channelId = channelId;
        this.txId = txId;
    }

    /** Whether the shim on the classpath offers the message channel batches are sent through. */
    static boolean shimOffersBatches() {
        return ACCESS != null;
    }

    /** Batches for this transaction's stub, when the shim and the deployment allow them. */
    static Optional<PeerBatches> of(final ChaincodeStub stub) {
        if (ACCESS == null || "off".equalsIgnoreCase(System.getenv(SWITCH))
                || !ACCESS.stubClass.isInstance(stub)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PeerBatches(ACCESS.task.get(stub), stub.getChannelId(), stub.getTxId()));
        } catch (IllegalAccessException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads keys, {@value #MAX_KEYS_PER_MESSAGE} per message.
     *
     * @return each key's value, in the order of the keys; empty for a key that has none
     */
    List<byte[]> read(final List<String> keys) {
        final List<byte[]> values = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += MAX_KEYS_PER_MESSAGE) {
            final List<String> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_MESSAGE));
            final ByteString answer = send(ChaincodeMessage.Type.GET_STATE_MULTIPLE,
                    GetStateMultiple.newBuilder().addAllKeys(chunk).build().toByteString());
            try {
                final GetStateMultipleResult result = GetStateMultipleResult.parseFrom(answer);
                if (result.getValuesCount() != chunk.size()) {
                    throw new IllegalStateException("the peer answered " + result.getValuesCount() + " values for "
                            + chunk.size() + " keys");
                }
                result.getValuesList().forEach(value -> values.add(value.toByteArray()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("the peer's answer to GET_STATE_MULTIPLE is unreadable", e);
            }
        }
        return values;
    }

    /** Writes keys ({@code null} value: delete), {@value #MAX_KEYS_PER_MESSAGE} per message. */
    void write(final Map<String, byte[]> writes) {
        final List<WriteRecord> records = new ArrayList<>(writes.size());
        writes.forEach((key, value) -> records.add(value == null
                ? WriteRecord.newBuilder().setKey(key).setType(WriteRecord.Type.DEL_STATE).build()
                : WriteRecord.newBuilder().setKey(key).setValue(ByteString.copyFrom(value))
                        .setType(WriteRecord.Type.PUT_STATE).build()));
        for (int from = 0; from < records.size(); from += MAX_KEYS_PER_MESSAGE) {
            send(ChaincodeMessage.Type.WRITE_BATCH_STATE, WriteBatchState.newBuilder()
                    .addAllRec(records.subList(from, Math.min(records.size(), from + MAX_KEYS_PER_MESSAGE)))
                    .build().toByteString());
        }
    }

    /**
     * Sends one request and waits for the peer's answer, as the shim's own requests do.
     *
     * @throws RuntimeException the shim's own exception when the peer answers ERROR
     */
    private ByteString send(final ChaincodeMessage.Type type, final ByteString payload) {
        final ChaincodeMessage message = ChaincodeMessage.newBuilder().setType(type).setChannelId(channelId)
                .setTxid(txId).setPayload(payload).build();
        try {
            return (ByteString) ACCESS.invoke.invoke(task, message);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the shim failed to send " + type, e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the shim's message channel is not accessible", e);
        }
    }

    /** The shim's stub class, its field holding the transaction's message task, and the task's send method. */
    private record Access(Class<?> stubClass, Field task, Method invoke) {
        static Access find() {
            try {
                final Class<?> stubClass = Class.forName("org.hyperledger.fabric.shim.impl.InvocationStubImpl");
                final Class<?> taskClass = Class.forName("org.hyperledger.fabric.shim.impl.ChaincodeInvocationTask");
                final Field task = stubClass.getDeclaredField("handler");
                final Method invoke = taskClass.getDeclaredMethod("invoke", ChaincodeMessage.class);
                task.setAccessible(true);
                invoke.setAccessible(true);
                return task.getType() == taskClass && invoke.getReturnType() == ByteString.class
                        ? new Access(stubClass, task, invoke) : null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
