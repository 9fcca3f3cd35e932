package org.dawaledger.network;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dawaledger.ledger.simulation.Version;

/**
 * A peer's world state exactly as the peer exports it ({@code network.sh snapshot}, Fabric's ledger snapshot): the
 * public state file is a format byte and then length-prefixed {@code SnapshotRecord{key, value, metadata, version}}
 * messages, grouped by namespace in the order and counts the metadata file gives.
 *
 * @param blockNumber the last block the snapshot includes
 * @param state one namespace's keys with their values and versions
 */
record PeerSnapshot(long blockNumber, Map<String, Entry> state) {
    /** A key's value and version in the peer's state database. */
    record Entry(byte[] value, Version version) {
        @Override
        public boolean equals(final Object other) {
            return other instanceof Entry entry && Arrays.equals(value, entry.value) && version.equals(entry.version);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(value) + version.hashCode();
        }

        @Override
        public String toString() {
            return version + " " + new String(value, StandardCharsets.UTF_8);
        }
    }

    /** Takes a snapshot of an organisation's peer at its last block and reads one namespace of it. */
    static PeerSnapshot of(final Organisation organisation, final String namespace) throws IOException {
        final Path folder = Path.of(FabricNetwork.run(Duration.ofMinutes(3), "snapshot",
                organisation.name().toLowerCase(java.util.Locale.ROOT)).strip().lines().reduce((a, b) -> b)
                .orElseThrow());
        final Map<String, Long> counts = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(folder.resolve("public_state.metadata"))) {
            final CodedInputStream metadata = CodedInputStream.newInstance(in);
            metadata.readRawByte();
            final long namespaces = metadata.readUInt64();
            for (long i = 0; i < namespaces; i++) {
                counts.put(metadata.readStringRequireUtf8(), metadata.readUInt64());
            }
        }
        final Map<String, Entry> state = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(folder.resolve("public_state.data"))) {
            final CodedInputStream data = CodedInputStream.newInstance(in);
            data.setSizeLimit(Integer.MAX_VALUE);
            data.readRawByte();
            for (final Map.Entry<String, Long> group : counts.entrySet()) {
                for (long i = 0; i < group.getValue(); i++) {
                    final int limit = data.pushLimit(data.readRawVarint32());
                    String key = null;
                    byte[] value = new byte[0];
                    byte[] version = new byte[0];
                    while (!data.isAtEnd()) {
                        final int tag = data.readTag();
                        switch (tag >>> 3) {
                            case 1 -> key = data.readBytes().toStringUtf8();
                            case 2 -> value = data.readByteArray();
                            case 4 -> version = data.readByteArray();
                            default -> data.skipField(tag);
                        }
                    }
                    data.popLimit(limit);
                    if (group.getKey().equals(namespace)) {
                        state.put(key, new Entry(value, version(version)));
                    }
                }
            }
        }
        return new PeerSnapshot(Long.parseLong(folder.getFileName().toString()), state);
    }

    /** Fabric's height encoding: each number as its byte count (a varint), then its big-endian bytes. */
    private static Version version(final byte[] bytes) {
        final long[] numbers = new long[2];
        int at = 0;
        for (int n = 0; n < 2; n++) {
            final int size = bytes[at++];
            long number = 0;
            for (int i = 0; i < size; i++) {
                number = (number << 8) | (bytes[at++] & 0xff);
            }
            numbers[n] = number;
        }
        return new Version(numbers[0], (int) numbers[1]);
    }
}
