package org.dawaledger.ledger.store;

import java.util.Map;
import java.util.NoSuchElementException;

/** {@link OrderedStore.Entries} over a source that can only say whether there is a next entry by reading it. */
abstract class LookaheadEntries implements OrderedStore.Entries {
    private Map.Entry<byte[], byte[]> pending;
    private boolean ended;

    /** The next entry, or null at the range's end. */
    protected abstract Map.Entry<byte[], byte[]> read();

    @Override
    public final boolean hasNext() {
        if (pending == null && !ended) {
            pending = read();
            ended = pending == null;
        }
        return pending != null;
    }

    @Override
    public final Map.Entry<byte[], byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        final Map.Entry<byte[], byte[]> entry = pending;
        pending = null;
        return entry;
    }
}
