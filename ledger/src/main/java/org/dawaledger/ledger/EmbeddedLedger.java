package org.dawaledger.ledger;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dawaledger.ledger.simulation.Invocation;
import org.dawaledger.ledger.simulation.KeyOrder;
import org.dawaledger.ledger.simulation.RangeRead;
import org.dawaledger.ledger.simulation.Simulation;
import org.dawaledger.ledger.simulation.SimulationStub;
import org.dawaledger.ledger.simulation.StateView;
import org.dawaledger.ledger.simulation.Version;
import org.dawaledger.ledger.state.BlockStore;
import org.dawaledger.ledger.state.WorldState;
import org.dawaledger.ledger.store.OrderedStore;
import org.dawaledger.ledger.store.WriteBatch;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * The ledger in one process: a chaincode run in-process with Fabric's semantics, on a local, durable store.
 *
 * <ul>
 *   <li>Endorsement: the chaincode runs on a {@link SimulationStub} over the committed state, which does not see its
 *       own writes; its read versions, range reads and write set are kept. A chaincode error refuses the
 *       transaction before it is ordered.
 *   <li>Ordering: endorsed transactions are cut into blocks in the order they arrive, when a block reaches its
 *       transaction count or size, or {@code batchTimeout} after its first transaction.
 *   <li>Commit: each transaction is validated in block order against the state and the block's earlier valid
 *       transactions: a key read at another version is MVCC_READ_CONFLICT, a range that would now answer otherwise
 *       is PHANTOM_READ_CONFLICT; such a transaction changes nothing. The valid ones' writes, the keys' history and
 *       the block (hash-chained to the one before) are written in one durable batch, so that a crash at any moment
 *       keeps every acknowledged transaction and no part of a block.
 *   <li>Time: the proposal carries the client's time; one more than 15 minutes from the peer's clock is refused,
 *       as a Fabric peer's {@code peer.authentication.timewindow} does.
 * </ul>
 *
 * <p>What it does not give is what Fabric is for: trust shared between organisations. One process holds the only
 * copy and decides alone; see docs/architecture.md.
 */
public final class EmbeddedLedger implements Ledger {
    /** Fabric's default {@code peer.authentication.timewindow}. */
    public static final Duration PROPOSAL_TIME_WINDOW = Duration.ofMinutes(15);

    private final LocalCopy copy;
    private final WorldState state;
    private final Chaincode chaincode;
    private final String channel;
    private final String chaincodeName;
    private final String peerMspId;
    private final Membership membership;
    private final Clock clock;
    private final Duration batchTimeout;
    private final int maxTransactionsPerBlock;
    private final long preferredMaxBytes;
    private final BlockingQueue<Endorsed> ordering = new LinkedBlockingQueue<>();
    private final Thread orderer;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    private EmbeddedLedger(final Builder builder) {
        this.copy = new LocalCopy(builder.store);
        this.state = copy.state();
        this.chaincode = builder.chaincode;
        this.channel = builder.channel;
        this.chaincodeName = builder.chaincodeName;
        this.peerMspId = builder.peerMspId;
        this.membership = new Membership(builder.members);
        this.clock = builder.clock;
        this.batchTimeout = builder.batchTimeout;
        this.maxTransactionsPerBlock = builder.maxTransactionsPerBlock;
        this.preferredMaxBytes = builder.preferredMaxBytes;
        if (copy.height() == 0) {
            commit(List.of());
        }
        this.orderer = new Thread(this::order, "dawaledger-orderer");
        orderer.setDaemon(true);
        orderer.start();
    }

    /**
     * An embedded ledger on this store, running this chaincode.
     *
     * @param store where the ledger lives; the ledger owns it from then on and closes it
     * @param chaincode the chaincode, for example the contract's {@code ContractRouter}
     */
    public static Builder builder(final OrderedStore store, final Chaincode chaincode) {
        return new Builder(store, chaincode);
    }

    @Override
    public Submitted submit(final Caller caller, final String function, final String... arguments) {
        return submit(caller, clock.instant(), function, arguments);
    }

    /**
     * Submits with the proposal stamped {@code proposalTime}, as a client whose clock is off (or that backdates)
     * would; see {@link #submit(Caller, String, String...)}.
     *
     * @throws RefusedException if the stamp is more than {@link #PROPOSAL_TIME_WINDOW} from the ledger's clock
     */
    public Submitted submit(final Caller caller, final Instant proposalTime, final String function,
            final String... arguments) {
        final Endorsed endorsed = endorse(caller, proposalTime, function, arguments);
        requireOpen();
        ordering.add(endorsed);
        try {
            return endorsed.committed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for transaction " + endorsed.simulation.txId()
                    + " to commit; it may still commit", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public Evaluated evaluate(final Caller caller, final String function, final String... arguments) {
        return evaluate(caller, clock.instant(), function, arguments);
    }

    /** Evaluates with the proposal stamped {@code proposalTime}; see {@link #submit(Caller, Instant, String, String...)}. */
    public Evaluated evaluate(final Caller caller, final Instant proposalTime, final String function,
            final String... arguments) {
        final Execution execution = execute(caller, proposalTime, function, arguments);
        return new Evaluated(execution.answer, execution.blockNumber);
    }

    @Override
    public long height() {
        return copy.height();
    }

    @Override
    public BlockFeed blocks(final long fromBlock) {
        return copy.blocks(fromBlock);
    }

    /** The committed state, for reads outside a transaction; it changes with every block. */
    public StateView state() {
        return state;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        orderer.interrupt();
        try {
            orderer.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        copy.close();
    }

    // ------------------------------------------------------------------------------------------------ endorsing

    private record Execution(Simulation simulation, byte[] answer, long blockNumber, Instant timestamp,
            Caller caller) {
    }

    /** An endorsed transaction waiting to be ordered. */
    static final class Endorsed {
        private final Simulation simulation;
        private final byte[] answer;
        private final Instant timestamp;
        private final Caller caller;
        private final long bytes;
        private final CompletableFuture<Submitted> committed = new CompletableFuture<>();

        Endorsed(final Execution execution) {
            this.simulation = execution.simulation;
            this.answer = execution.answer;
            this.timestamp = execution.timestamp;
            this.caller = execution.caller;
            this.bytes = execution.simulation.writes().entrySet().stream()
                    .mapToLong(write -> write.getKey().length() + write.getValue().length).sum() + answer.length;
        }

        Simulation simulation() {
            return simulation;
        }
    }

    private Endorsed endorse(final Caller caller, final Instant proposalTime, final String function,
            final String... arguments) {
        return new Endorsed(execute(caller, proposalTime, function, arguments));
    }

    /** Endorses without ordering, for tests that put transactions into one block in an order of their choosing. */
    Endorsed endorseOnly(final Caller caller, final String function, final String... arguments) {
        return endorse(caller, clock.instant(), function, arguments);
    }

    /** Commits these endorsed transactions as one block, in this order, as the orderer would have cut it. */
    List<Submitted> commitAsOneBlock(final List<Endorsed> endorsed) {
        commitAndAnswer(endorsed);
        return endorsed.stream().map(tx -> tx.committed.join()).toList();
    }

    private Execution execute(final Caller caller, final Instant proposalTime, final String function,
            final String... arguments) {
        requireOpen();
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(function, "function");
        final Instant now = clock.instant();
        // The peer's own check (core/handlers/auth/filter/timewindow.go), with its message.
        if (proposalTime.plus(PROPOSAL_TIME_WINDOW).isBefore(now)
                || proposalTime.minus(PROPOSAL_TIME_WINDOW).isAfter(now)) {
            throw new RefusedException(0, String.format(java.util.Locale.ROOT,
                    "request unauthorized due to incorrect timestamp %s, peer time %s,"
                            + " peer.authentication.timewindow 15m0s", proposalTime.truncatedTo(
                                    java.time.temporal.ChronoUnit.SECONDS), now.truncatedTo(
                                            java.time.temporal.ChronoUnit.SECONDS)));
        }
        membership.check(caller, now);
        final Invocation invocation = LocalCopy.proposal(channel, chaincodeName, peerMspId, caller, proposalTime,
                function, arguments);
        final LocalCopy.Execution execution = copy.execute(chaincode, invocation);
        return new Execution(execution.stub().simulation(), execution.answer(), execution.blockNumber(), proposalTime,
                caller);
    }

    // ------------------------------------------------------------------------------------------------ ordering

    /** Cuts blocks from the endorsed transactions, in arrival order, and commits each. */
    private void order() {
        final List<Endorsed> block = new ArrayList<>();
        while (!closed) {
            try {
                block.add(ordering.take());
                long bytes = block.get(0).bytes;
                final long deadline = System.nanoTime() + batchTimeout.toNanos();
                while (block.size() < maxTransactionsPerBlock && bytes < preferredMaxBytes) {
                    final Endorsed next = ordering.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    block.add(next);
                    bytes += next.bytes;
                }
            } catch (InterruptedException e) {
                if (closed && block.isEmpty()) {
                    break;
                }
                // Closing: commit what was ordered, then stop.
            }
            if (!block.isEmpty()) {
                commitAndAnswer(block);
                block.clear();
            }
        }
        final List<Endorsed> left = new ArrayList<>();
        ordering.drainTo(left);
        left.forEach(endorsed -> endorsed.committed.completeExceptionally(
                new IllegalStateException("the ledger closed before transaction " + endorsed.simulation.txId()
                        + " was ordered; it changed nothing")));
    }

    private void commitAndAnswer(final List<Endorsed> endorsed) {
        final CommittedBlock block;
        try {
            block = commit(endorsed);
        } catch (RuntimeException e) {
            failure = e;
            endorsed.forEach(tx -> tx.committed.completeExceptionally(e));
            return;
        }
        for (int i = 0; i < endorsed.size(); i++) {
            final Endorsed tx = endorsed.get(i);
            tx.committed.complete(new Submitted(tx.answer, tx.simulation.txId(), block.number(),
                    block.transactions().get(i).validationCode()));
        }
    }

    // ------------------------------------------------------------------------------------------------ committing

    /** Validates, writes and publishes one block; it is durable when this returns. */
    private CommittedBlock commit(final List<Endorsed> endorsed) {
        return copy.exclusively(() -> {
            final long number = copy.height();
            // What the block's earlier valid transactions wrote: empty for a delete.
            final Map<String, Optional<Version>> written = new HashMap<>();
            final Set<String> txIds = new HashSet<>();
            final List<CommittedTransaction> transactions = new ArrayList<>(endorsed.size());
            final WriteBatch batch = new WriteBatch();
            for (int i = 0; i < endorsed.size(); i++) {
                final Endorsed tx = endorsed.get(i);
                final Simulation simulation = tx.simulation;
                final TxValidationCode code = txIds.add(simulation.txId()) ? validate(simulation, written)
                        : TxValidationCode.DUPLICATE_TXID;
                if (code == TxValidationCode.VALID) {
                    final Version version = new Version(number, i);
                    state.stage(batch, simulation.txId(), tx.timestamp, version, simulation.writes());
                    simulation.writes().forEach((key, value) -> written.put(key,
                            value.length == 0 ? Optional.empty() : Optional.of(version)));
                }
                transactions.add(new CommittedTransaction(simulation.txId(), tx.timestamp, tx.caller.mspId(),
                        tx.caller.serializedIdentity(), code, simulation.writes(),
                        Optional.ofNullable(simulation.event()).map(event -> new CommittedTransaction.Event(
                                event.getEventName(), event.getPayload().toByteArray()))));
            }
            final CommittedBlock block = BlockStore.next(copy.lastBlock(), transactions);
            copy.write(block, batch);
            return block;
        });
    }

    /** Fabric's MVCC check of one transaction against the state and the block's earlier valid transactions. */
    private TxValidationCode validate(final Simulation simulation, final Map<String, Optional<Version>> written) {
        for (final Map.Entry<String, Optional<Version>> read : simulation.reads().entrySet()) {
            if (!read.getValue().equals(currentVersion(read.getKey(), written))) {
                return TxValidationCode.MVCC_READ_CONFLICT;
            }
        }
        for (final RangeRead range : simulation.rangeReads()) {
            if (!stillHolds(range, written)) {
                return TxValidationCode.PHANTOM_READ_CONFLICT;
            }
        }
        return TxValidationCode.VALID;
    }

    private Optional<Version> currentVersion(final String key, final Map<String, Optional<Version>> written) {
        final Optional<Version> inBlock = written.get(key);
        if (inBlock != null) {
            return inBlock;
        }
        return Optional.ofNullable(state.get(key)).map(StateView.Versioned::version);
    }

    /**
     * Whether the range, read again now up to where the transaction stopped, returns the same keys at the same
     * versions. A write in that stretch by an earlier transaction of the block changes the answer.
     */
    private boolean stillHolds(final RangeRead range, final Map<String, Optional<Version>> written) {
        final List<RangeRead.Row> read = range.rows();
        // Where the transaction's view of the range ended: its end, or the last key it read.
        final String last = range.exhausted() || read.isEmpty() ? null : read.get(read.size() - 1).key();
        for (final String key : written.keySet()) {
            if (KeyOrder.CODE_POINTS.compare(key, range.start()) >= 0
                    && (range.end().isEmpty() || KeyOrder.CODE_POINTS.compare(key, range.end()) < 0)
                    && (last == null ? range.exhausted() : KeyOrder.CODE_POINTS.compare(key, last) <= 0)) {
                return false;
            }
        }
        int index = 0;
        try (StateView.Rows rows = state.scan(range.start(), range.end())) {
            while (rows.hasNext()) {
                final StateView.Row row = rows.next();
                if (index == read.size()) {
                    // More rows than it read: a phantom if it had read to the end.
                    return !range.exhausted();
                }
                final RangeRead.Row expected = read.get(index++);
                if (!expected.key().equals(row.key()) || !expected.version().equals(row.version())) {
                    return false;
                }
                if (!range.exhausted() && index == read.size()) {
                    return true;
                }
            }
        }
        return index == read.size();
    }

    private void requireOpen() {
        if (failure != null) {
            throw new IllegalStateException("the ledger stopped: its store failed", failure);
        }
        if (closed) {
            throw new IllegalStateException("the ledger is closed");
        }
    }

    // ------------------------------------------------------------------------------------------------ building

    /** How an embedded ledger is set up; only the store and the chaincode are required. */
    public static final class Builder extends LedgerBuilder<Builder> {
        private final Map<String, X509Certificate> members = new HashMap<>();
        private String peerMspId;
        private Clock clock = Clock.systemUTC();
        private Duration batchTimeout = Duration.ofMillis(50);
        private int maxTransactionsPerBlock = 500;
        private long preferredMaxBytes = 8L * 1024 * 1024;

        private Builder(final OrderedStore store, final Chaincode chaincode) {
            super(store, chaincode);
        }

        /** An organisation whose members may call, by its CA's certificate. The first one added runs the peer. */
        public Builder member(final String mspId, final X509Certificate certificateAuthority) {
            members.put(Objects.requireNonNull(mspId, "mspId"), Objects.requireNonNull(certificateAuthority, "ca"));
            if (peerMspId == null) {
                peerMspId = mspId;
            }
            return this;
        }

        /** The organisation whose peer runs the chaincode ({@code getMspId()}); the first member by default. */
        public Builder peerMspId(final String mspId) {
            this.peerMspId = Objects.requireNonNull(mspId, "mspId");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** The peer's clock (default: the system's, UTC). */
        public Builder clock(final Clock peerClock) {
            this.clock = Objects.requireNonNull(peerClock, "clock");
            return this;
        }

        /** How long a block waits for more transactions after its first (default 50 ms). */
        public Builder batchTimeout(final Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("a batch timeout cannot be negative: " + timeout);
            }
            this.batchTimeout = timeout;
            return this;
        }

        /** The most transactions in one block (default 500). */
        public Builder maxTransactionsPerBlock(final int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a block holds at least one transaction: " + count);
            }
            this.maxTransactionsPerBlock = count;
            return this;
        }

        /** The size at which a block is cut (default 8 MB, as the network's orderer). */
        public Builder preferredMaxBytes(final long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("a block's size must be positive: " + bytes);
            }
            this.preferredMaxBytes = bytes;
            return this;
        }

        /**
         * Opens the ledger: the store's blocks are its history; an empty store gets block 0.
         *
         * @throws IllegalStateException if no member was added
         */
        public EmbeddedLedger open() {
            if (members.isEmpty()) {
                throw new IllegalStateException("an embedded ledger needs at least one member organisation");
            }
            return new EmbeddedLedger(this);
        }
    }
}
