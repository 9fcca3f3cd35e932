package org.dawaledger.ledger.simulation;

import java.util.Optional;

/**
 * What the peer does on its side of a chaincode's requests beyond answering them: fail one (as a peer whose state
 * database fails does) and log what it refused. Tests inject faults; a running ledger has none and logs.
 */
public interface PeerFaults {
    /** No faults; refusals are dropped. */
    PeerFaults NONE = new PeerFaults() {
        @Override
        public Optional<String> next(final String messageType) {
            return Optional.empty();
        }

        @Override
        public void log(final String peerMessage) {
            // nobody reads it
        }
    };

    /**
     * The peer's message if it is to answer ERROR to this request.
     *
     * @param messageType the shim's request type: GET_STATE, PUT_STATE, GET_STATE_BY_RANGE, GET_HISTORY_FOR_KEY,
     *     QUERY_STATE_NEXT
     */
    Optional<String> next(String messageType);

    /** Records what the peer logs when it answers a request with ERROR (the shim does not pass the text on). */
    void log(String peerMessage);
}
