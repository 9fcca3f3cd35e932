package org.dawaledger.ledger;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dawaledger.ledger.simulation.KeyOrder;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * One transaction of a committed block.
 *
 * @param id its transaction id
 * @param timestamp the time its proposal carried
 * @param creatorMspId the organisation of the member that submitted it
 * @param creator that member's serialized identity
 * @param validationCode VALID, or why it changed nothing
 * @param writes the chaincode's write set, in key order; an empty value deletes the key
 * @param event the chaincode event it set, if any
 */
public record CommittedTransaction(String id, Instant timestamp, String creatorMspId, byte[] creator,
        TxValidationCode validationCode, SortedMap<String, byte[]> writes, Optional<Event> event) {
    public CommittedTransaction {
        creator = creator.clone();
        final SortedMap<String, byte[]> copy = new TreeMap<>(KeyOrder.CODE_POINTS);
        writes.forEach((key, value) -> copy.put(key, value.clone()));
        writes = Collections.unmodifiableSortedMap(copy);
    }

    @Override
    public byte[] creator() {
        return creator.clone();
    }

    /** Whether it was committed as valid. */
    public boolean isValid() {
        return validationCode == TxValidationCode.VALID;
    }

    /** A chaincode event: its name and payload. */
    public record Event(String name, byte[] payload) {
        public Event {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }
}
