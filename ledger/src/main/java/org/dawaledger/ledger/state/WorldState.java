package org.dawaledger.ledger.state;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dawaledger.ledger.simulation.StateView;
import org.dawaledger.ledger.simulation.Version;
import org.dawaledger.ledger.store.OrderedStore;
import org.dawaledger.ledger.store.WriteBatch;

/**
 * The world state and the history of every key, kept in an {@link OrderedStore} as a Fabric peer keeps them in its
 * state and history databases. Both modes write it the same way: the embedded ledger for the transactions it
 * commits, the follower for the valid transactions of the peer's blocks.
 *
 * <p>Layout: {@code 's' + key} holds the version (block, transaction: 12 bytes) and the value; {@code 'h' + length of
 * key + key + version} holds one modification (time, transaction id, deleted flag, value), so that a key's history is
 * one contiguous range in commit order, and no key's range holds another's.
 */
public final class WorldState implements StateView {
    private static final byte STATE = 's';
    private static final byte HISTORY = 'h';
    private static final int VERSION_BYTES = Long.BYTES + Integer.BYTES;
    private static final int TX_ID_BYTES = 64;

    private final OrderedStore store;

    /** The state kept in this store. */
    public WorldState(final OrderedStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Versioned get(final String key) {
        final byte[] stored = store.get(stateKey(key));
        return stored == null ? null : new Versioned(value(stored), version(stored));
    }

    @Override
    public Rows scan(final String start, final String end) {
        final byte[] to = end.isEmpty() ? new byte[] {STATE + 1} : stateKey(end);
        final OrderedStore.Entries entries = store.scan(stateKey(start), to);
        return new Rows() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Row next() {
                final Map.Entry<byte[], byte[]> entry = entries.next();
                final byte[] key = entry.getKey();
                return new Row(new String(key, 1, key.length - 1, UTF_8), value(entry.getValue()),
                        version(entry.getValue()));
            }

            @Override
            public void close() {
                entries.close();
            }
        };
    }

    @Override
    public List<Modification> history(final String key) {
        final byte[] prefix = historyPrefix(key);
        final List<Modification> modifications = new ArrayList<>();
        try (OrderedStore.Entries entries = store.scan(prefix, successor(prefix))) {
            while (entries.hasNext()) {
                modifications.add(modification(entries.next().getValue()));
            }
        }
        Collections.reverse(modifications);
        return modifications;
    }

    /**
     * Adds one valid transaction's writes to a batch: each key's new value (or its removal) at this version, and a
     * modification in its history. An empty value deletes the key, as in Fabric's write sets.
     */
    public void stage(final WriteBatch batch, final String txId, final Instant timestamp, final Version version,
            final Map<String, byte[]> writes) {
        if (txId.length() != TX_ID_BYTES) {
            throw new IllegalArgumentException("a transaction id has 64 hex characters: " + txId);
        }
        writes.forEach((key, value) -> {
            final boolean delete = value.length == 0;
            if (delete) {
                batch.delete(stateKey(key));
            } else {
                batch.put(stateKey(key), ByteBuffer.allocate(VERSION_BYTES + value.length)
                        .putLong(version.blockNumber()).putInt(version.transactionNumber()).put(value).array());
            }
            // Fabric's history database records every write of a valid transaction, deletes of absent keys included.
            final byte[] prefix = historyPrefix(key);
            batch.put(ByteBuffer.allocate(prefix.length + VERSION_BYTES).put(prefix).putLong(version.blockNumber())
                    .putInt(version.transactionNumber()).array(), ByteBuffer.allocate(Long.BYTES + Integer.BYTES
                    + TX_ID_BYTES + 1 + value.length).putLong(timestamp.getEpochSecond()).putInt(timestamp.getNano())
                    .put(txId.getBytes(US_ASCII)).put((byte) (delete ? 1 : 0)).put(value).array());
        });
    }

    private static byte[] stateKey(final String key) {
        final byte[] utf8 = key.getBytes(UTF_8);
        return ByteBuffer.allocate(1 + utf8.length).put(STATE).put(utf8).array();
    }

    private static byte[] historyPrefix(final String key) {
        final byte[] utf8 = key.getBytes(UTF_8);
        return ByteBuffer.allocate(1 + Integer.BYTES + utf8.length).put(HISTORY).putInt(utf8.length).put(utf8).array();
    }

    /** The first key after every key that starts with the prefix. */
    private static byte[] successor(final byte[] prefix) {
        final byte[] next = prefix.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (next[i] != (byte) 0xff) {
                next[i]++;
                return java.util.Arrays.copyOf(next, i + 1);
            }
        }
        throw new IllegalArgumentException("no key follows a prefix of 0xff bytes");
    }

    private static Version version(final byte[] stored) {
        final ByteBuffer buffer = ByteBuffer.wrap(stored);
        return new Version(buffer.getLong(), buffer.getInt());
    }

    private static byte[] value(final byte[] stored) {
        return java.util.Arrays.copyOfRange(stored, VERSION_BYTES, stored.length);
    }

    private static Modification modification(final byte[] stored) {
        final ByteBuffer buffer = ByteBuffer.wrap(stored);
        final Instant timestamp = Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
        final byte[] txId = new byte[TX_ID_BYTES];
        buffer.get(txId);
        final boolean deleted = buffer.get() == 1;
        final byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return new Modification(new String(txId, US_ASCII), timestamp, value, deleted);
    }
}
