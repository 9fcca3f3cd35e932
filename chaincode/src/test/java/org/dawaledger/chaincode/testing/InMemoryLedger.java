/*
 * DawaLedger — unit-test fixture.
 */
package org.dawaledger.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dawaledger.ledger.simulation.Invocation;
import org.dawaledger.ledger.simulation.KeyOrder;
import org.dawaledger.ledger.simulation.PeerFaults;
import org.dawaledger.ledger.simulation.Simulation;
import org.dawaledger.ledger.simulation.SimulationStub;
import org.dawaledger.ledger.simulation.StateView;
import org.dawaledger.ledger.simulation.Version;
import org.dawaledger.ledger.state.WorldState;
import org.dawaledger.ledger.store.MemoryStore;
import org.dawaledger.ledger.store.WriteBatch;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/**
 * An in-memory Fabric channel with one chaincode, for unit tests: a world state ordered like LevelDB, the history of
 * every key, committed chaincode events, a transaction clock and deterministic transaction ids. It stands on the
 * ledger module's own Fabric semantics (its {@link SimulationStub} and {@link WorldState}, over a {@link MemoryStore}),
 * which the embedded ledger runs on too, and adds what tests need: a settable clock, injected peer faults and the
 * record of a failed attempt.
 *
 * <p>Each {@link #submit} is one transaction, simulated on a {@link SimulationStub} and committed atomically: if the
 * transaction function throws, nothing is applied and the exception reaches the test unchanged. {@link #evaluate} runs
 * a query and discards its writes and event, as a Fabric evaluate does.
 *
 * <pre>{@code
 * InMemoryLedger ledger = new InMemoryLedger();
 * TestIdentity manufacturer = TestIdentity.of("ManufacturerMSP", "User1");
 * ledger.submit(manufacturer, ctx -> contract.registerBatch(ctx, "...json..."));
 * assertThat(ledger.lastEvent()).map(RecordedEvent::name).contains("BatchRegistered");
 * }</pre>
 *
 * <p>Transactions run one at a time, each committed as a block of its own; the ledger is safe to share between
 * threads but not re-entrant.
 */
public final class InMemoryLedger {

    /** The clock's starting instant. */
    public static final Instant DEFAULT_START_TIME = Instant.parse("2026-01-15T09:00:00Z");
    /**
     * How far a proposal's timestamp may be from the endorsing peer's clock: Fabric's default
     * {@code peer.authentication.timewindow}. Outside it the peer refuses the proposal before any chaincode runs.
     */
    public static final Duration PROPOSAL_TIME_WINDOW = Duration.ofMinutes(15);

    /** The channel every test transaction runs on. */
    public static final String CHANNEL_ID = "dawaledger";
    /** The chaincode name written into the proposal. */
    public static final String CHAINCODE_NAME = "dawaledger";

    private final MemoryStore store = new MemoryStore();
    private final WorldState state = new WorldState(store);
    private final List<RecordedEvent> events = new ArrayList<>();
    private final List<String> peerLog = new ArrayList<>();
    private final Map<String, String> faults = new HashMap<>();
    private final PeerFaults peer = new PeerFaults() {
        @Override
        public Optional<String> next(final String messageType) {
            return Optional.ofNullable(faults.remove(messageType));
        }

        @Override
        public void log(final String peerMessage) {
            peerLog.add(peerMessage);
        }
    };
    private Attempt lastAttempt;
    private Instant now = DEFAULT_START_TIME;
    private long txCounter;
    private long blockNumber;
    private String lastTxId;
    private boolean inTransaction;

    /**
     * An empty ledger whose clock reads {@link #DEFAULT_START_TIME}.
     */
    public InMemoryLedger() {
        // nothing committed yet
    }

    /**
     * Submits one transaction as {@code caller}: runs {@code transaction} on a fresh {@link SimulationStub} and, if it
     * returns normally, commits its write set, the keys' history and its event (if any) atomically.
     *
     * @param caller the client identity that signs the proposal.
     * @param transaction the transaction, e.g. {@code ctx -> contract.someTransaction(ctx, args)}.
     * @param <T> the transaction's result type.
     * @return what the transaction returned.
     * @throws RuntimeException whatever the transaction threw, unchanged; the ledger is then left untouched.
     */
    public <T> T submit(final TestIdentity caller, final Function<Context, T> transaction) {
        return submitStamped(caller, now(), transaction);
    }

    /**
     * Submits one transaction whose proposal the client stamped with {@code timestamp} rather than with the ledger
     * clock, as a client with a wrong clock, or one that backdates, would. The endorsing peer refuses it when the stamp
     * is more than {@link #PROPOSAL_TIME_WINDOW} from its own clock ({@link #now()}).
     *
     * @throws ProposalRefusedException if the stamp is outside the window; nothing runs then
     * @see #submit(TestIdentity, Function)
     */
    public synchronized <T> T submitStamped(final TestIdentity caller, final Instant timestamp,
            final Function<Context, T> transaction) {
        Objects.requireNonNull(transaction, "transaction");
        SimulationStub stub = begin(caller, timestamp, List.of());
        T result;
        try {
            result = transaction.apply(new Context(stub));
        } catch (RuntimeException e) {
            lastAttempt = attempt(end(stub));
            throw e;
        }
        commit(end(stub), timestamp);
        return result;
    }

    /**
     * Submits one transaction that returns nothing; see {@link #submit(TestIdentity, Function)}. (A separate name,
     * because a lambda calling a value-returning method fits both {@code Function} and {@code Consumer}.)
     *
     * @param caller the client identity that signs the proposal.
     * @param transaction the transaction.
     */
    public void submitVoid(final TestIdentity caller, final Consumer<Context> transaction) {
        Objects.requireNonNull(transaction, "transaction");
        submit(caller, ctx -> {
            transaction.accept(ctx);
            return null;
        });
    }

    /**
     * Invokes a chaincode the way a peer does: through its {@code invoke} entry point with the function name and
     * string arguments, so the shim's router picks the transaction. As on Fabric, the writes and event are applied
     * only when the response is a success (status below 400).
     *
     * @param caller the client identity that signs the proposal.
     * @param chaincode the chaincode, e.g. a {@code ContractRouter}.
     * @param arguments the function name, then its arguments.
     * @return the chaincode's response.
     */
    public synchronized org.hyperledger.fabric.shim.Chaincode.Response invoke(final TestIdentity caller,
            final org.hyperledger.fabric.shim.Chaincode chaincode, final String... arguments) {
        final SimulationStub stub = begin(caller, now, Arrays.asList(arguments));
        final org.hyperledger.fabric.shim.Chaincode.Response response;
        try {
            response = chaincode.invoke(stub);
        } catch (RuntimeException e) {
            end(stub);
            throw e;
        }
        final Simulation simulation = end(stub);
        if (response.getStatus().getCode() < 400) {
            commit(simulation, now);
        } else {
            lastAttempt = attempt(simulation);
        }
        return response;
    }

    /**
     * Evaluates a query as {@code caller}: runs it on a fresh {@link SimulationStub} and discards any writes and event.
     * It still gets a transaction id, as a Fabric evaluate does, but does not change {@link #lastTxId()}.
     *
     * @param caller the client identity that signs the proposal.
     * @param query the query, e.g. {@code ctx -> contract.readBatch(ctx, id)}.
     * @param <T> the result type.
     * @return what the query returned.
     */
    public <T> T evaluate(final TestIdentity caller, final Function<Context, T> query) {
        return evaluateStamped(caller, now(), query);
    }

    /**
     * Evaluates a query whose proposal the client stamped with {@code timestamp}; the peer checks the stamp as for
     * {@link #submitStamped}.
     *
     * @throws ProposalRefusedException if the stamp is outside the window
     */
    public synchronized <T> T evaluateStamped(final TestIdentity caller, final Instant timestamp,
            final Function<Context, T> query) {
        Objects.requireNonNull(query, "query");
        SimulationStub stub = begin(caller, timestamp, List.of());
        try {
            return query.apply(new Context(stub));
        } finally {
            end(stub);
        }
    }

    /**
     * The committed value of {@code key}.
     *
     * @param key a world-state key.
     * @return a copy of the value, or empty if the key does not exist.
     */
    public synchronized Optional<byte[]> state(final String key) {
        return Optional.ofNullable(state.get(key)).map(StateView.Versioned::value);
    }

    /**
     * The committed value of {@code key} decoded as UTF-8.
     *
     * @param key a world-state key.
     * @return the value, or empty if the key does not exist.
     */
    public Optional<String> stateAsString(final String key) {
        return state(key).map(value -> new String(value, UTF_8));
    }

    /**
     * A copy of the whole world state in LevelDB order.
     *
     * @return key to a copy of the value.
     */
    public synchronized SortedMap<String, byte[]> snapshot() {
        TreeMap<String, byte[]> copy = new TreeMap<>(KeyOrder.CODE_POINTS);
        try (StateView.Rows rows = state.scan("", "")) {
            rows.forEachRemaining(row -> copy.put(row.key(), row.value()));
        }
        return copy;
    }

    /**
     * The whole world state with values decoded as UTF-8, in LevelDB order; equal snapshots compare equal, which
     * makes "nothing changed" assertions one line.
     *
     * @return key to value.
     */
    public synchronized Map<String, String> snapshotAsStrings() {
        Map<String, String> copy = new LinkedHashMap<>();
        snapshot().forEach((key, value) -> copy.put(key, new String(value, UTF_8)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The committed modifications of {@code key}, most recent first, as {@code getHistoryForKey} returns them.
     *
     * @param key a world-state key.
     * @return the modifications; empty if the key was never written.
     */
    public synchronized List<KeyModification> history(final String key) {
        return List.copyOf(state.history(key));
    }

    /**
     * The events of committed transactions, oldest first. A transaction commits at most one event.
     *
     * @return the events.
     */
    public synchronized List<RecordedEvent> events() {
        return List.copyOf(events);
    }

    /**
     * The event of the most recent committed transaction that set one.
     *
     * @return the event, or empty if no committed transaction set an event.
     */
    public synchronized Optional<RecordedEvent> lastEvent() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }

    /**
     * The transaction clock: the timestamp the next transaction gets.
     *
     * @return the current instant.
     */
    public synchronized Instant now() {
        return now;
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far; must not be negative.
     */
    public synchronized void advance(final Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock cannot go back by advancing: " + duration);
        }
        now = now.plus(duration);
    }

    /**
     * Sets the clock. Fabric does not require timestamps to increase, so neither does this.
     *
     * @param time the timestamp the next transaction gets.
     */
    public synchronized void setTime(final Instant time) {
        now = Objects.requireNonNull(time, "time");
    }

    /**
     * The id of the most recent committed transaction.
     *
     * @return the 64-hex-character transaction id, or null if nothing has been committed.
     */
    public synchronized String lastTxId() {
        return lastTxId;
    }

    /**
     * The number of keys in the world state.
     *
     * @return the key count.
     */
    public synchronized int stateSize() {
        return snapshot().size();
    }

    /**
     * The last submitted transaction that ended with an exception (or, through {@link #invoke}, an error response):
     * what it had done by then. Fabric discards all of it;
     * tests read it to check that a refusal was decided before the call emitted anything.
     *
     * @return the attempt, or empty if no submit has failed yet.
     */
    public synchronized Optional<Attempt> lastFailedAttempt() {
        return Optional.ofNullable(lastAttempt);
    }

    /**
     * Makes the peer answer ERROR to the next request of this type ({@code GET_STATE}, {@code PUT_STATE},
     * {@code GET_STATE_BY_RANGE}, {@code GET_HISTORY_FOR_KEY}, or {@code QUERY_STATE_NEXT}: the fetch of a query's
     * later rows while the chaincode iterates them), as a peer whose state database fails does.
     *
     * @param messageType the shim's request type.
     * @param peerMessage what the peer logs and answers.
     */
    public synchronized void failNext(final String messageType, final String peerMessage) {
        faults.put(Objects.requireNonNull(messageType, "messageType"), Objects.requireNonNull(peerMessage, "message"));
    }

    /**
     * What the peer answered when it refused a chaincode's request. The Java shim does not pass this text on to the
     * chaincode; it only logs it, and so does this ledger.
     *
     * @return the messages, oldest first.
     */
    public synchronized List<String> peerLog() {
        return List.copyOf(peerLog);
    }

    /**
     * What a submitted transaction had done when it threw.
     *
     * @param txId its transaction id.
     * @param committed always false: a transaction that throws commits nothing.
     * @param event the event it had set by then, if any.
     * @param writes how many keys it had written by then.
     */
    public record Attempt(String txId, boolean committed, Optional<RecordedEvent> event, int writes) {
    }

    /** The endorsing peer refused the proposal before running the chaincode, e.g. for its timestamp. */
    public static final class ProposalRefusedException extends RuntimeException {
        ProposalRefusedException(final String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- internals

    private SimulationStub begin(final TestIdentity caller, final Instant timestamp, final List<String> arguments) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(timestamp, "timestamp");
        if (inTransaction) {
            throw new IllegalStateException("a transaction is already running: submit/evaluate cannot be nested");
        }
        // The peer's own check (core/handlers/auth/filter/timewindow.go), with its message.
        if (timestamp.plus(PROPOSAL_TIME_WINDOW).isBefore(now) || timestamp.minus(PROPOSAL_TIME_WINDOW).isAfter(now)) {
            throw new ProposalRefusedException(String.format(java.util.Locale.ROOT,
                    "request unauthorized due to incorrect timestamp %s, peer time %s,"
                            + " peer.authentication.timewindow %s", rfc3339(timestamp), rfc3339(now), "15m0s"));
        }
        inTransaction = true;
        byte[] nonce = nextNonce();
        String txId = SimulationStub.computeTxId(nonce, caller.serializedIdentity());
        // The caller's own organisation's peer endorses: getMspId() is the caller's MSP id.
        return new SimulationStub(state, new Invocation(CHANNEL_ID, CHAINCODE_NAME, txId, timestamp, nonce,
                caller.serializedIdentity(), caller.mspId(), arguments.stream().map(a -> a.getBytes(UTF_8)).toList(),
                Map.of(), data -> sign(caller, data)), peer);
    }

    private static Attempt attempt(final Simulation simulation) {
        return new Attempt(simulation.txId(), false, Optional.ofNullable(simulation.event()).map(
                event -> new RecordedEvent(simulation.txId(), event.getEventName(), event.getPayload().toByteArray())),
                simulation.writes().size());
    }

    private static String rfc3339(final Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private Simulation end(final SimulationStub stub) {
        inTransaction = false;
        return stub.finish();
    }

    private void commit(final Simulation simulation, final Instant timestamp) {
        final WriteBatch batch = new WriteBatch();
        state.stage(batch, simulation.txId(), timestamp, new Version(++blockNumber, 0), simulation.writes());
        store.write(batch);
        ChaincodeEvent event = simulation.event();
        if (event != null) {
            events.add(new RecordedEvent(simulation.txId(), event.getEventName(), event.getPayload().toByteArray()));
        }
        lastTxId = simulation.txId();
    }

    private static byte[] sign(final TestIdentity caller, final byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(TestCertificates.privateKey(caller));
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign proposal", e);
        }
    }

    // Deterministic 24-byte nonce from a counter; the tx id is then derived from it as Fabric derives it.
    private byte[] nextNonce() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(ByteBuffer.allocate(Long.BYTES).putLong(++txCounter).array());
            return Arrays.copyOf(digest, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
