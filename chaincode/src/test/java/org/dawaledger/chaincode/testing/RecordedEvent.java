/*
 * DawaLedger — unit-test fixture.
 */
package org.dawaledger.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.Objects;

/**
 * A chaincode event as committed with its transaction. Fabric keeps at most one event per transaction, and only
 * transactions that commit emit one.
 *
 * @param txId the id of the transaction that set the event.
 * @param name the event name given to {@code ChaincodeStub.setEvent}.
 * @param payload the event payload; empty, never null, when the chaincode set a null payload.
 */
public record RecordedEvent(String txId, String name, byte[] payload) {

    /**
     * Copies the payload so that later changes to the caller's array cannot alter the recorded event.
     */
    public RecordedEvent {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(name, "name");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    /**
     * The payload, copied.
     *
     * @return the payload bytes.
     */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * The payload decoded as UTF-8, the way {@code KeyValue.getStringValue()} decodes values.
     *
     * @return the payload as a string.
     */
    public String payloadAsString() {
        return new String(payload, UTF_8);
    }

    // Records compare arrays by identity; events are values, so compare the payload bytes.
    @Override
    public boolean equals(final Object other) {
        return other instanceof RecordedEvent that
                && txId.equals(that.txId)
                && name.equals(that.name)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(txId, name, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RecordedEvent[txId=" + txId + ", name=" + name + ", payload=" + payloadAsString() + "]";
    }
}
