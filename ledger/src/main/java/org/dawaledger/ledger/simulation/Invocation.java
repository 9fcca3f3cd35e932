package org.dawaledger.ledger.simulation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a client's signed proposal tells the peer, and what the chaincode sees of it through its stub.
 *
 * @param channel the channel's name
 * @param chaincode the chaincode's name
 * @param txId hex(SHA-256(nonce || creator)), as Fabric derives it
 * @param timestamp the client's stamp, which the chaincode reads as the transaction time
 * @param nonce the proposal's nonce
 * @param creator the caller's serialized identity ({@code SerializedIdentity{mspid, PEM}})
 * @param peerMspId the organisation whose peer runs the chaincode ({@code getMspId()})
 * @param arguments the function name, then its arguments
 * @param transientData data for the chaincode that is not recorded
 * @param signer signs the proposal bytes with the caller's key
 */
public record Invocation(String channel, String chaincode, String txId, Instant timestamp, byte[] nonce, byte[] creator,
        String peerMspId, List<byte[]> arguments, Map<String, byte[]> transientData, Signer signer) {

    public Invocation {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chaincode, "chaincode");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(timestamp, "timestamp");
        nonce = nonce.clone();
        creator = creator.clone();
        Objects.requireNonNull(peerMspId, "peerMspId");
        arguments = arguments.stream().map(byte[]::clone).toList();
        transientData = Map.copyOf(transientData);
        Objects.requireNonNull(signer, "signer");
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] creator() {
        return creator.clone();
    }

    /** Signs with the caller's private key. */
    @FunctionalInterface
    public interface Signer {
        /** The signature of these bytes. */
        byte[] sign(byte[] data);
    }
}
