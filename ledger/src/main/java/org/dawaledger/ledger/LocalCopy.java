package org.dawaledger.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.dawaledger.ledger.simulation.Invocation;
import org.dawaledger.ledger.simulation.PeerFaults;
import org.dawaledger.ledger.simulation.SimulationStub;
import org.dawaledger.ledger.state.BlockStore;
import org.dawaledger.ledger.state.WorldState;
import org.dawaledger.ledger.store.OrderedStore;
import org.dawaledger.ledger.store.WriteBatch;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * An organisation's local copy of the ledger: world state, history and blocks in one store, the lock that keeps
 * simulations consistent (they share it; writing a block takes it alone, as a Fabric peer's state database does),
 * and the feed of its blocks. The embedded ledger writes it with the blocks it commits; in Fabric mode the follower
 * writes it with the peer's blocks. Either way reads run the chaincode on it.
 */
final class LocalCopy implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OrderedStore store;
    private final WorldState state;
    private final BlockStore blocks;
    private final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();
    private final ReentrantLock heightLock = new ReentrantLock();
    private final Condition newBlock = heightLock.newCondition();
    private volatile boolean closed;
    private CommittedBlock lastBlock;

    LocalCopy(final OrderedStore store) {
        this.store = store;
        this.state = new WorldState(store);
        this.blocks = new BlockStore(store);
        final long height = blocks.height();
        if (height > 0) {
            lastBlock = blocks.block(height - 1).orElseThrow(() -> new IllegalStateException(
                    "the store's height is " + height + " but it has no block " + (height - 1)));
        }
    }

    WorldState state() {
        return state;
    }

    /** The number of blocks it holds. */
    long height() {
        heightLock.lock();
        try {
            return lastBlock == null ? 0 : lastBlock.number() + 1;
        } finally {
            heightLock.unlock();
        }
    }

    /** The last block it holds, if any. */
    Optional<CommittedBlock> lastBlock() {
        heightLock.lock();
        try {
            return Optional.ofNullable(lastBlock);
        } finally {
            heightLock.unlock();
        }
    }

    /**
     * A proposal as a client builds one: a fresh nonce, the transaction id Fabric derives from it, and the arguments.
     *
     * @param peerMspId the organisation whose peer runs the chaincode
     */
    static Invocation proposal(final String channel, final String chaincodeName, final String peerMspId,
            final Caller caller, final Instant proposalTime, final String function, final String... arguments) {
        final byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        final byte[] creator = caller.serializedIdentity();
        final List<byte[]> args = new ArrayList<>(arguments.length + 1);
        args.add(function.getBytes(UTF_8));
        for (final String argument : arguments) {
            args.add(argument.getBytes(UTF_8));
        }
        return new Invocation(channel, chaincodeName, SimulationStub.computeTxId(nonce, creator), proposalTime, nonce,
                creator, peerMspId, args, Map.of(), caller::sign);
    }

    /**
     * Evaluates: runs the chaincode on the committed state and keeps nothing of what it would write.
     *
     * @throws RefusedException if the chaincode answers with an error
     */
    Evaluated evaluate(final Chaincode chaincode, final Invocation invocation) {
        final Execution execution = execute(chaincode, invocation);
        return new Evaluated(execution.answer(), execution.blockNumber());
    }

    /**
     * Waits until it holds a block.
     *
     * @return whether it does, false when the time ran out or it closed first
     */
    boolean awaitBlock(final long number, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        heightLock.lock();
        try {
            while (lastBlock == null || lastBlock.number() < number) {
                final long left = deadline - System.nanoTime();
                if (closed || left <= 0) {
                    return false;
                }
                newBlock.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            heightLock.unlock();
        }
    }

    /** The answer of a chaincode run on the committed state, and the block it reflects. */
    record Execution(SimulationStub stub, Chaincode.Response response, long blockNumber) {
        /**
         * The chaincode's answer.
         *
         * @throws RefusedException if it answered with an error
         */
        byte[] answer() {
            if (response.getStatus().getCode() >= 400) {
                throw new RefusedException(response.getStatus().getCode(), response.getMessage());
            }
            return response.getPayload() == null ? new byte[0] : response.getPayload();
        }
    }

    /** Runs the chaincode on the committed state; no block is written while it runs. */
    Execution execute(final Chaincode chaincode, final Invocation invocation) {
        stateLock.readLock().lock();
        try {
            final long blockNumber = height() - 1;
            final SimulationStub stub = new SimulationStub(state, invocation, PeerFaults.NONE);
            try {
                return new Execution(stub, chaincode.invoke(stub), blockNumber);
            } finally {
                stub.finish();
            }
        } finally {
            stateLock.readLock().unlock();
        }
    }

    /**
     * Writes a block with the state changes of its valid transactions, in one durable batch, while no simulation
     * runs.
     *
     * @param batch the state changes; the block is added to it
     * @throws IllegalArgumentException if it is not the next block
     */
    void write(final CommittedBlock block, final WriteBatch batch) {
        stateLock.writeLock().lock();
        try {
            blocks.stage(batch, block);
            store.write(batch);
            heightLock.lock();
            try {
                lastBlock = block;
                newBlock.signalAll();
            } finally {
                heightLock.unlock();
            }
        } finally {
            stateLock.writeLock().unlock();
        }
    }

    /** Holds off every simulation while {@code action} runs, as a block commit does. */
    <T> T exclusively(final Supplier<T> action) {
        stateLock.writeLock().lock();
        try {
            return action.get();
        } finally {
            stateLock.writeLock().unlock();
        }
    }

    /** Its blocks from {@code from} on, waiting for new ones. */
    BlockFeed blocks(final long from) {
        if (from < 0) {
            throw new IllegalArgumentException("block numbers start at 0: " + from);
        }
        return new Feed(from);
    }

    @Override
    public void close() {
        closed = true;
        heightLock.lock();
        try {
            newBlock.signalAll();
        } finally {
            heightLock.unlock();
        }
        stateLock.writeLock().lock();
        try {
            store.close();
        } finally {
            stateLock.writeLock().unlock();
        }
    }

    private final class Feed implements BlockFeed {
        private long next;
        private volatile boolean feedClosed;

        Feed(final long from) {
            this.next = from;
        }

        @Override
        public boolean hasNext() {
            return !feedClosed && !closed;
        }

        @Override
        public CommittedBlock next() {
            heightLock.lock();
            try {
                while (lastBlock == null || lastBlock.number() < next) {
                    if (feedClosed || closed) {
                        throw new NoSuchElementException("the feed is closed");
                    }
                    newBlock.await(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NoSuchElementException("interrupted while waiting for block " + next);
            } finally {
                heightLock.unlock();
            }
            final long number = next++;
            return blocks.block(number).orElseThrow(() -> new IllegalStateException("block " + number
                    + " is committed but not stored"));
        }

        @Override
        public void close() {
            feedClosed = true;
        }
    }
}
