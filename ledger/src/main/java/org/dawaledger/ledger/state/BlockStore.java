package org.dawaledger.ledger.state;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dawaledger.ledger.CommittedBlock;
import org.dawaledger.ledger.CommittedTransaction;
import org.dawaledger.ledger.simulation.KeyOrder;
import org.dawaledger.ledger.store.OrderedStore;
import org.dawaledger.ledger.store.WriteBatch;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The committed blocks, kept in the same {@link OrderedStore} as the world state so that a block and the state it
 * leads to are written in one batch: after a crash the store holds every block it acknowledged, and no part of one.
 *
 * <p>Layout: {@code 'b' + number} holds the block; {@code 'm' + "height"} the number of blocks. Each block's hash is
 * SHA-256 of its number, the previous block's hash and the SHA-256 of its transactions, so the blocks form a chain.
 */
public final class BlockStore {
    /** The hash before block 0. */
    public static final byte[] NO_HASH = new byte[32];

    private static final byte BLOCK = 'b';
    private static final byte[] HEIGHT = "mheight".getBytes(UTF_8);

    private final OrderedStore store;

    /** The blocks kept in this store. */
    public BlockStore(final OrderedStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The number of blocks committed. */
    public long height() {
        final byte[] height = store.get(HEIGHT);
        return height == null ? 0 : ByteBuffer.wrap(height).getLong();
    }

    /** A committed block. */
    public Optional<CommittedBlock> block(final long number) {
        final byte[] stored = store.get(key(number));
        return stored == null ? Optional.empty() : Optional.of(decode(stored));
    }

    /**
     * The next block, chained to the last one committed.
     *
     * @param previous the last block committed, or empty for block 0
     */
    public static CommittedBlock next(final Optional<CommittedBlock> previous,
            final List<CommittedTransaction> transactions) {
        final long number = previous.map(block -> block.number() + 1).orElse(0L);
        final byte[] previousHash = previous.map(CommittedBlock::hash).orElse(NO_HASH);
        return new CommittedBlock(number, previousHash, hash(number, previousHash, transactions), transactions);
    }

    /** The hash a block with these contents has. */
    public static byte[] hash(final long number, final byte[] previousHash,
            final List<CommittedTransaction> transactions) {
        final MessageDigest digest = sha256();
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
        digest.update(previousHash);
        digest.update(sha256().digest(encodeTransactions(transactions)));
        return digest.digest();
    }

    /**
     * Adds a block to a batch, and the height after it.
     *
     * @throws IllegalArgumentException if it is not the next block
     */
    public void stage(final WriteBatch batch, final CommittedBlock block) {
        if (block.number() != height()) {
            throw new IllegalArgumentException("block " + block.number() + " is not the next block, " + height());
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(block.number());
            // Lengths too: a Fabric genesis block has no previous hash.
            writeBytes(out, block.previousHash());
            writeBytes(out, block.hash());
            out.write(encodeTransactions(block.transactions()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batch.put(key(block.number()), bytes.toByteArray());
        batch.put(HEIGHT, ByteBuffer.allocate(Long.BYTES).putLong(block.number() + 1).array());
    }

    private static byte[] key(final long number) {
        return ByteBuffer.allocate(1 + Long.BYTES).put(BLOCK).putLong(number).array();
    }

    private static byte[] encodeTransactions(final List<CommittedTransaction> transactions) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(transactions.size());
            for (final CommittedTransaction tx : transactions) {
                writeBytes(out, tx.id().getBytes(UTF_8));
                out.writeLong(tx.timestamp().getEpochSecond());
                out.writeInt(tx.timestamp().getNano());
                writeBytes(out, tx.creatorMspId().getBytes(UTF_8));
                writeBytes(out, tx.creator());
                out.writeInt(tx.validationCode().getNumber());
                out.writeInt(tx.writes().size());
                for (final Map.Entry<String, byte[]> write : tx.writes().entrySet()) {
                    writeBytes(out, write.getKey().getBytes(UTF_8));
                    writeBytes(out, write.getValue());
                }
                out.writeBoolean(tx.event().isPresent());
                if (tx.event().isPresent()) {
                    writeBytes(out, tx.event().get().name().getBytes(UTF_8));
                    writeBytes(out, tx.event().get().payload());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static CommittedBlock decode(final byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            final long number = in.readLong();
            final byte[] previousHash = readBytes(in);
            final byte[] hash = readBytes(in);
            final int count = in.readInt();
            final List<CommittedTransaction> transactions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                final String id = new String(readBytes(in), UTF_8);
                final Instant timestamp = Instant.ofEpochSecond(in.readLong(), in.readInt());
                final String mspId = new String(readBytes(in), UTF_8);
                final byte[] creator = readBytes(in);
                final TxValidationCode code = TxValidationCode.forNumber(in.readInt());
                final int writeCount = in.readInt();
                final SortedMap<String, byte[]> writes = new TreeMap<>(KeyOrder.CODE_POINTS);
                for (int w = 0; w < writeCount; w++) {
                    writes.put(new String(readBytes(in), UTF_8), readBytes(in));
                }
                final Optional<CommittedTransaction.Event> event = in.readBoolean()
                        ? Optional.of(new CommittedTransaction.Event(new String(readBytes(in), UTF_8), readBytes(in)))
                        : Optional.empty();
                transactions.add(new CommittedTransaction(id, timestamp, mspId, creator, code, writes, event));
            }
            return new CommittedBlock(number, previousHash, hash, transactions);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored block cannot be read", e);
        }
    }

    private static void writeBytes(final DataOutputStream out, final byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(final DataInputStream in) throws IOException {
        return in.readNBytes(in.readInt());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
