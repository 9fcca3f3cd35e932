package org.dawaledger.ledger.simulation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;

/**
 * What one transaction did in simulation: Fabric's read-write set and its event.
 *
 * @param txId the transaction id
 * @param reads each key read, first read first, with the version it had (empty: the key had no value)
 * @param rangeReads each range query, in order
 * @param writes each key written, in key order, with its last value; an empty value deletes the key
 * @param event the one event it set, or null
 */
public record Simulation(String txId, Map<String, Optional<Version>> reads, java.util.List<RangeRead> rangeReads,
        SortedMap<String, byte[]> writes, ChaincodeEvent event) {

    public Simulation {
        reads = Collections.unmodifiableMap(new LinkedHashMap<>(reads));
        rangeReads = java.util.List.copyOf(rangeReads);
        final SortedMap<String, byte[]> copy = new TreeMap<>(KeyOrder.CODE_POINTS);
        writes.forEach((key, value) -> copy.put(key, value.clone()));
        writes = Collections.unmodifiableSortedMap(copy);
    }

    /** Whether it changed nothing: no write and no event. */
    public boolean isReadOnly() {
        return writes.isEmpty() && event == null;
    }
}
