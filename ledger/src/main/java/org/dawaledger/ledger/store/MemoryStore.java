package org.dawaledger.ledger.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An {@link OrderedStore} in memory: nothing survives the process. For unit tests (the chaincode's run on it) and
 * throwaway ledgers; durable only as long as the process lives. Scans read lazily: like every store's, they are
 * consistent only while nothing writes (the ledger's lock sees to that).
 */
public final class MemoryStore implements OrderedStore {
    private final ConcurrentNavigableMap<byte[], byte[]> entries = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

    @Override
    public byte[] get(final byte[] key) {
        final byte[] value = entries.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public Entries scan(final byte[] from, final byte[] to) {
        final Iterator<Map.Entry<byte[], byte[]>> rows;
        if (to == null) {
            rows = entries.tailMap(from, true).entrySet().iterator();
        } else if (Arrays.compareUnsigned(from, to) >= 0) {
            rows = java.util.Collections.emptyIterator();
        } else {
            rows = entries.subMap(from, true, to, false).entrySet().iterator();
        }
        return new Entries() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Map.Entry<byte[], byte[]> next() {
                final Map.Entry<byte[], byte[]> entry = rows.next();
                return Map.entry(entry.getKey().clone(), entry.getValue().clone());
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    @Override
    public synchronized void write(final WriteBatch batch) {
        for (final WriteBatch.Operation operation : batch.operations()) {
            if (operation.isDelete()) {
                entries.remove(operation.key());
            } else {
                entries.put(operation.key().clone(), operation.value().clone());
            }
        }
    }

    /** How many keys it holds. */
    public int size() {
        return entries.size();
    }

    @Override
    public void close() {
        // nothing to release
    }
}
