package org.dawaledger.ledger.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/**
 * The committed world state and history a simulation reads, as a Fabric peer's state and history databases answer
 * it. Keys are compared as code points (LevelDB's UTF-8 byte order). It does not change while a simulation reads it.
 */
public interface StateView {
    /**
     * A key's committed value and version.
     *
     * @return null when the key has no value
     */
    Versioned get(String key);

    /**
     * Committed entries with {@code start <= key < end} in key order.
     *
     * @param end the first key after the range; "" for no end
     */
    Rows scan(String start, String end);

    /** The committed modifications of a key, most recent first (Fabric 2+ order). */
    List<Modification> history(String key);

    /** A value with the version that wrote it. */
    record Versioned(byte[] value, Version version) {
    }

    /** A key's value and version, as a range query returns it. */
    record Row(String key, byte[] value, Version version) implements KeyValue {
        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, UTF_8);
        }

        @Override
        public String toString() {
            return key.replace("\u0000", "\\u0000") + "=" + getStringValue();
        }
    }

    /** One committed write of a key, as getHistoryForKey returns it: by which transaction, when, and what. */
    record Modification(String txId, Instant timestamp, byte[] value, boolean deleted) implements KeyModification {
        @Override
        public String getTxId() {
            return txId;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public boolean isDeleted() {
            return deleted;
        }

        @Override
        public String toString() {
            return "KeyModification[txId=" + txId + ", timestamp=" + timestamp + ", deleted=" + deleted + ", value="
                    + getStringValue() + "]";
        }
    }

    /** Rows of a scan, read lazily; release them with {@link #close()}. */
    interface Rows extends Iterator<Row>, AutoCloseable {
        @Override
        void close();
    }
}
