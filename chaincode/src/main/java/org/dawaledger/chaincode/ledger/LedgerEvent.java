package org.dawaledger.chaincode.ledger;

import java.util.Map;
import java.util.TreeMap;

/**
 * The one chaincode event a transaction emits: what changed, by whom, when. An off-chain read model follows the
 * ledger by applying these in block order; {@code data} holds the changed records or, for bulk pack changes, the
 * keys and the common new values.
 *
 * @param type the event name, e.g. {@code PacksDispensed}
 * @param txId the transaction
 * @param timestamp the transaction's time
 * @param actor the GLN of the participant that made the change
 * @param data the changes
 */
public record LedgerEvent(String type, String txId, String timestamp, String actor, Map<String, Object> data) {
    public LedgerEvent {
        data = new TreeMap<>(data);
    }

    /** Starts an event for this transaction. */
    public static LedgerEvent of(final Ledger ledger, final String type, final String actor,
            final Map<String, Object> data) {
        return new LedgerEvent(type, ledger.txId(), ledger.nowText(), actor, data);
    }
}
