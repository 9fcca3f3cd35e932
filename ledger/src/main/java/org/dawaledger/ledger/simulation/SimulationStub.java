package org.dawaledger.ledger.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.ContractRuntimeException;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The stub of one transaction simulated against a {@link StateView}, behaving as the 2.5 Java shim does in front of a
 * Fabric peer whose state database is LevelDB. The embedded ledger runs every transaction on one; so do the
 * chaincode's unit tests.
 *
 * <ul>
 *   <li>Reads see the state committed before the transaction started, never the transaction's own writes; each read
 *       is recorded with the version it saw, and each range query with the rows it returned, for MVCC at commit.
 *   <li>Writes go to a write set; the last write to a key wins; an empty value is a delete, as Fabric's write set
 *       treats it.
 *   <li>A missing key reads as an empty array (not null), as the shim returns it.
 *   <li>Errors the peer would return surface as the shim raises them: a {@link ContractRuntimeException}
 *       "[txid8]Unsuccessful response received." with no cause. The shim only logs the peer's message, so this stub
 *       gives it to {@link PeerFaults#log}.
 *   <li>A bookmark that sorts after the end of its range makes the peer panic (seen on Fabric 3.1.5 with LevelDB),
 *       answered as an error; one that sorts before the start starts the scan there, outside the range.
 * </ul>
 *
 * <p>One stub serves exactly one transaction; {@link #finish()} ends it and returns what it did.
 */
public final class SimulationStub implements ChaincodeStub {

    // The shim's own constants (InvocationStubImpl): where an open range starts and what ends a composite prefix.
    private static final String UNSPECIFIED_START_KEY = new String(Character.toChars(0x000001));
    private static final String UNSPECIFIED_END_KEY = "";
    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";

    private final StateView state;
    private final Invocation invocation;
    private final PeerFaults faults;
    private final String txId;
    private final Map<String, Optional<Version>> reads = new LinkedHashMap<>();
    private final List<RangeRead.Builder> rangeReads = new ArrayList<>();
    private final List<StateView.Rows> openRows = new ArrayList<>();
    private final SortedMap<String, byte[]> writeSet = new TreeMap<>(KeyOrder.CODE_POINTS);
    private ChaincodeEvent event;
    private boolean writePerformed;
    private boolean paginatedQueryPerformed;
    private boolean finished;

    /**
     * A stub for one transaction.
     *
     * @param state what it reads; it must not change until {@link #finish()}
     * @param invocation the client's invocation
     * @param faults the peer's faults and log
     */
    public SimulationStub(final StateView state, final Invocation invocation, final PeerFaults faults) {
        this.state = Objects.requireNonNull(state, "state");
        this.invocation = Objects.requireNonNull(invocation, "invocation");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.txId = invocation.txId();
    }

    /**
     * Fabric's transaction id for a invocation: hex(SHA-256(nonce || creator)).
     */
    public static String computeTxId(final byte[] nonce, final byte[] creator) {
        MessageDigest digest = sha256();
        digest.update(nonce);
        digest.update(creator);
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    // ---------------------------------------------------------------- what the ledger reads when the tx ends

    /**
     * Ends the transaction: the peer forgets its context, so later calls fail; open query results are released.
     *
     * @return what the transaction read, wrote and emitted
     */
    public Simulation finish() {
        finished = true;
        openRows.forEach(StateView.Rows::close);
        openRows.clear();
        return simulation();
    }

    /** What the transaction has read, written and emitted so far. */
    public Simulation simulation() {
        return new Simulation(txId, reads, rangeReads.stream().map(RangeRead.Builder::build).toList(), writeSet,
                event);
    }

    // ---------------------------------------------------------------- invocation data

    /**
     * The invocation arguments, function name first. Empty when a test calls the contract directly rather than
     * through the shim's router.
     */
    @Override
    public List<byte[]> getArgs() {
        return new ArrayList<>(invocation.arguments());
    }

    @Override
    public List<String> getStringArgs() {
        return new ArrayList<>(invocation.arguments().stream().map(argument -> new String(argument, UTF_8)).toList());
    }

    /** The function name, or null when there are no arguments (as the shim returns it). */
    @Override
    public String getFunction() {
        final List<String> arguments = getStringArgs();
        return arguments.isEmpty() ? null : arguments.get(0);
    }

    @Override
    public List<String> getParameters() {
        final List<String> arguments = getStringArgs();
        return arguments.isEmpty() ? new ArrayList<>() : new ArrayList<>(arguments.subList(1, arguments.size()));
    }

    /** The 64-hex-character transaction id. */
    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return invocation.channel();
    }

    /** The client's stamp on the invocation. */
    @Override
    public Instant getTxTimestamp() {
        return invocation.timestamp();
    }

    /** The caller's serialized identity: {@code SerializedIdentity{mspid, PEM certificate}}. */
    @Override
    public byte[] getCreator() {
        return invocation.creator();
    }

    /** The invocation's transient data, in a mutable map like the shim's. */
    @Override
    public Map<String, byte[]> getTransient() {
        final Map<String, byte[]> copy = new java.util.HashMap<>();
        invocation.transientData().forEach((key, value) -> copy.put(key, value.clone()));
        return copy;
    }

    /** The binding the shim computes: SHA-256(nonce || creator || epoch as 8 little-endian bytes), epoch 0. */
    @Override
    public byte[] getBinding() {
        MessageDigest digest = sha256();
        digest.update(invocation.nonce());
        digest.update(invocation.creator());
        digest.update(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0L).array());
        return digest.digest();
    }

    /**
     * A invocation built as a client SDK builds one (channel header with tx id, timestamp and channel; signature header
     * with creator and nonce), signed with the caller's key.
     */
    @Override
    public SignedProposal getSignedProposal() {
        Timestamp timestamp = Timestamp.newBuilder()
                .setSeconds(invocation.timestamp().getEpochSecond())
                .setNanos(invocation.timestamp().getNano())
                .build();
        ChaincodeID chaincodeId = ChaincodeID.newBuilder().setName(invocation.chaincode()).build();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(invocation.channel())
                .setTxId(txId)
                .setTimestamp(timestamp)
                .setEpoch(0)
                .setExtension(ChaincodeHeaderExtension.newBuilder().setChaincodeId(chaincodeId).build().toByteString())
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(invocation.creator()))
                .setNonce(ByteString.copyFrom(invocation.nonce()))
                .build();
        ChaincodeInvocationSpec invocationSpec = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setType(ChaincodeSpec.Type.JAVA)
                        .setChaincodeId(chaincodeId)
                        .setInput(ChaincodeInput.getDefaultInstance()))
                .build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString())
                        .build()
                        .toByteString())
                .setPayload(ChaincodeProposalPayload.newBuilder()
                        .setInput(invocationSpec.toByteString())
                        .build()
                        .toByteString())
                .build();
        byte[] proposalBytes = proposal.toByteArray();
        return SignedProposal.newBuilder()
                .setProposalBytes(ByteString.copyFrom(proposalBytes))
                .setSignature(ByteString.copyFrom(invocation.signer().sign(proposalBytes)))
                .build();
    }

    /** The MSP id of the endorsing peer ({@code CORE_PEER_LOCALMSPID}), not the caller's. */
    @Override
    public String getMspId() {
        return invocation.peerMspId();
    }

    /** Chaincode-to-chaincode calls are not simulated. */
    @Override
    public Response invokeChaincode(final String chaincodeName, final List<byte[]> args, final String channel) {
        throw new UnsupportedOperationException("invokeChaincode is not simulated by SimulationStub");
    }

    // ---------------------------------------------------------------- world state

    /** The committed value, or an empty array when the key does not exist (the shim never returns null here). */
    @Override
    public byte[] getState(final String key) {
        checkActive();
        injectedFault("GET_STATE");
        Objects.requireNonNull(key, "key");
        final String wireKey = onTheWire(key);
        final StateView.Versioned value = state.get(wireKey);
        reads.putIfAbsent(wireKey, Optional.ofNullable(value).map(StateView.Versioned::version));
        return value == null ? new byte[0] : value.value().clone();
    }

    /** Buffers a write. An empty value is a delete (Fabric's write set sets is_delete when the value is empty). */
    @Override
    public void putState(final String key, final byte[] value) {
        checkActive();
        validateKey(key);
        // The shim does ByteString.copyFrom(value), which fails on null exactly like this.
        Objects.requireNonNull(value, "value");
        checkWritePrecondition("PUT_STATE");
        injectedFault("PUT_STATE");
        writeSet.put(key, value.clone());
    }

    /** Buffers a delete. The shim does not validate the key here; neither does the LevelDB peer. */
    @Override
    public void delState(final String key) {
        checkActive();
        Objects.requireNonNull(key, "key");
        requireValidUtf8(key);
        checkWritePrecondition("DEL_STATE");
        writeSet.put(key, new byte[0]);
    }

    /** Committed keys in [startKey, endKey); "" or null is open; composite keys are never included. */
    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(final String startKey, final String endKey) {
        checkActive();
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? UNSPECIFIED_END_KEY : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return scan(start, end, null);
    }

    /** A page of {@link #getStateByRange}; the bookmark is the key the next page starts at, "" after the last. */
    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(final String startKey,
            final String endKey, final int pageSize, final String bookmark) {
        checkActive();
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? UNSPECIFIED_END_KEY : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return paginatedScan(start, end, pageSize, bookmark);
    }

    /** Keys with a composite-key prefix; a string not starting with U+0000 is taken as the object type. */
    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String compositeKey) {
        CompositeKey key = compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey)
                : new CompositeKey(compositeKey);
        return getStateByPartialCompositeKey(key);
    }

    /** Keys of {@code objectType} whose leading attributes are {@code attributes}. */
    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String objectType,
            final String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    /** Keys with the prefix {@code compositeKey}; null means every composite key. */
    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final CompositeKey compositeKey) {
        checkActive();
        String prefix = compositePrefix(compositeKey);
        return scan(prefix, prefix + MAX_UNICODE_RUNE, null);
    }

    /** A page of {@link #getStateByPartialCompositeKey(CompositeKey)}, with LevelDB bookmark semantics. */
    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            final CompositeKey compositeKey, final int pageSize, final String bookmark) {
        checkActive();
        String prefix = compositePrefix(compositeKey);
        return paginatedScan(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    /** The shim's own {@link CompositeKey}: U+0000 + type + U+0000 + (attribute + U+0000)*, validated. */
    @Override
    public CompositeKey createCompositeKey(final String objectType, final String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    /** The shim's own {@link CompositeKey#parseCompositeKey}. */
    @Override
    public CompositeKey splitCompositeKey(final String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    /** Rich queries need CouchDB; a LevelDB peer answers with an error. */
    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(final String query) {
        checkActive();
        throw peerError("GET_QUERY_RESULT", "ExecuteQuery not supported for leveldb");
    }

    /** Rich queries need CouchDB; a LevelDB peer answers with an error. */
    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(final String query,
            final int pageSize, final String bookmark) {
        checkActive();
        Objects.requireNonNull(bookmark, "bookmark");
        if (pageSize != 0 || !bookmark.isEmpty()) {
            checkBeforePaginatedQuery("GET_QUERY_RESULT");
            throw peerError("GET_QUERY_RESULT", "ExecuteQueryWithMetadata not supported for leveldb");
        }
        throw peerError("GET_QUERY_RESULT", "ExecuteQuery not supported for leveldb");
    }

    /** The committed modifications of {@code key}, most recent first. */
    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(final String key) {
        checkActive();
        injectedFault("GET_HISTORY_FOR_KEY");
        Objects.requireNonNull(key, "key");
        return results(state.history(onTheWire(key)).stream().<KeyModification>map(m -> m).iterator(), null);
    }

    // ---------------------------------------------------------------- not simulated

    /** State-based endorsement is not simulated. */
    @Override
    public byte[] getStateValidationParameter(final String key) {
        throw new UnsupportedOperationException("state-based endorsement is not simulated by SimulationStub");
    }

    /** State-based endorsement is not simulated. */
    @Override
    public void setStateValidationParameter(final String key, final byte[] value) {
        throw new UnsupportedOperationException("state-based endorsement is not simulated by SimulationStub");
    }

    /** Private data is not simulated. */
    @Override
    public byte[] getPrivateData(final String collection, final String key) {
        throw privateDataUnsupported();
    }

    /** Private data is not simulated. */
    @Override
    public byte[] getPrivateDataHash(final String collection, final String key) {
        throw privateDataUnsupported();
    }

    /** Private data is not simulated. */
    @Override
    public byte[] getPrivateDataValidationParameter(final String collection, final String key) {
        throw privateDataUnsupported();
    }

    /** Private data is not simulated. */
    @Override
    public void putPrivateData(final String collection, final String key, final byte[] value) {
        throw privateDataUnsupported();
    }

    /** Private data is not simulated. */
    @Override
    public void setPrivateDataValidationParameter(final String collection, final String key, final byte[] value) {
        throw privateDataUnsupported();
    }

    /** Private data is not simulated. */
    @Override
    public void delPrivateData(final String collection, final String key) {
        throw privateDataUnsupported();
    }

    /** Private data is not simulated. */
    @Override
    public void purgePrivateData(final String collection, final String key) {
        throw privateDataUnsupported();
    }

    /** Private data is not simulated. */
    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(final String collection, final String startKey,
            final String endKey) {
        throw privateDataUnsupported();
    }

    /** Private data is not simulated. */
    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(final String collection,
            final String compositeKey) {
        throw privateDataUnsupported();
    }

    /** Private data is not simulated. */
    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(final String collection,
            final CompositeKey compositeKey) {
        throw privateDataUnsupported();
    }

    /** Private data is not simulated. */
    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(final String collection,
            final String objectType, final String... attributes) {
        throw privateDataUnsupported();
    }

    /** Private data is not simulated. */
    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(final String collection, final String query) {
        throw privateDataUnsupported();
    }

    // ---------------------------------------------------------------- events

    /**
     * Sets the transaction's event. A transaction carries one event: a second call replaces the first, as in the shim.
     */
    @Override
    public void setEvent(final String name, final byte[] payload) {
        checkActive();
        // The shim's check and message, verbatim (InvocationStubImpl.setEvent); blank names are rejected too.
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        ChaincodeEvent.Builder builder = ChaincodeEvent.newBuilder().setEventName(name);
        if (payload != null) {
            builder.setPayload(ByteString.copyFrom(payload));
        }
        event = builder.build();
    }

    /** The event set so far in this transaction, or null. */
    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    @Override
    public String toString() {
        return "SimulationStub[txId=" + txId + "]";
    }

    // ---------------------------------------------------------------- internals

    /**
     * Committed keys in [start, end) (end "" = open), read from the state as the chaincode iterates them; the rows it
     * takes are recorded, for the commit's check that the range still holds them (phantom reads).
     */
    private Results<KeyValue> scan(final String start, final String end, final QueryResponseMetadata metadata) {
        injectedFault("GET_STATE_BY_RANGE");
        final String from = onTheWire(start);
        final String to = onTheWire(end);
        final RangeRead.Builder record = new RangeRead.Builder(from, to);
        rangeReads.add(record);
        if (!to.isEmpty() && KeyOrder.CODE_POINTS.compare(from, to) >= 0) {
            record.exhausted(); // LevelDB yields nothing
            return results(Collections.emptyIterator(), metadata);
        }
        final StateView.Rows rows = state.scan(from, to);
        openRows.add(rows);
        return results(new Iterator<>() {
            @Override
            public boolean hasNext() {
                final boolean more = rows.hasNext();
                if (!more) {
                    record.exhausted();
                }
                return more;
            }

            @Override
            public KeyValue next() {
                final StateView.Row row = rows.next();
                record.read(row.key(), row.version());
                return row;
            }
        }, metadata);
    }

    /** At most {@code limit} committed keys in [start, end), and LevelDB's bookmark: the key the next page starts at. */
    private Results<KeyValue> page(final String start, final String end, final int limit) {
        injectedFault("GET_STATE_BY_RANGE");
        final String from = onTheWire(start);
        final String to = onTheWire(end);
        final List<KeyValue> rows = new ArrayList<>();
        String bookmark = "";
        if (to.isEmpty() || KeyOrder.CODE_POINTS.compare(from, to) < 0) {
            try (StateView.Rows range = state.scan(from, to)) {
                while (range.hasNext()) {
                    final StateView.Row row = range.next();
                    if (rows.size() == limit) {
                        bookmark = row.key();
                        break;
                    }
                    rows.add(row);
                }
            }
        }
        final QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(rows.size())
                .setBookmark(bookmark)
                .build();
        return results(rows.iterator(), metadata);
    }

    private Results<KeyValue> paginatedScan(final String start, final String end, final int pageSize,
            final String bookmark) {
        // The shim puts the bookmark in a protobuf message, which rejects null.
        Objects.requireNonNull(bookmark, "bookmark");
        if (pageSize == 0 && bookmark.isEmpty()) {
            // The peer treats this metadata as "not paginated": a plain scan, and empty response metadata.
            return scan(start, end, QueryResponseMetadata.getDefaultInstance());
        }
        checkBeforePaginatedQuery("GET_STATE_BY_RANGE");
        if (!bookmark.isEmpty() && !end.isEmpty() && KeyOrder.CODE_POINTS.compare(bookmark, end) > 0) {
            throw peerError("GET_STATE_BY_RANGE",
                    "Recovered from panic handling GET_STATE_BY_RANGE: runtime error: slice bounds out of range");
        }
        return page(bookmark.isEmpty() ? start : bookmark, end, pageSize);
    }

    private static String compositePrefix(final CompositeKey compositeKey) {
        return compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString() : compositeKey.toString();
    }

    // Fabric's txSimulator: a transaction may write or run paginated queries, not both.
    private void checkWritePrecondition(final String messageType) {
        if (paginatedQueryPerformed) {
            throw peerError(messageType, "txid [" + txId + "]: unsuppored transaction. Transaction has already "
                    + "performed a paginated query. Writes are not allowed");
        }
        writePerformed = true;
    }

    private void checkBeforePaginatedQuery(final String messageType) {
        if (writePerformed) {
            throw peerError(messageType, "txid [" + txId + "]: unsuppored transaction. Paginated queries are "
                    + "supported only in a read-only transaction");
        }
        paginatedQueryPerformed = true;
    }

    private void checkActive() {
        if (finished) {
            throw peerError("STATE_REQUEST", "transaction context not found (timed out ?)");
        }
    }

    /**
     * What the Java shim throws when the peer answers ERROR: no cause and no peer text, which the shim only logs; the
     * peer's message goes to the ledger's peer log.
     */
    private ContractRuntimeException peerError(final String messageType, final String peerMessage) {
        faults.log(messageType + " failed: transaction ID: " + txId + ": " + peerMessage);
        return new ContractRuntimeException(String.format("[%-8.8s]Unsuccessful response received.", txId));
    }

    /** Answers ERROR when the ledger was told to fail this kind of request next. */
    private void injectedFault(final String messageType) {
        faults.next(messageType).ifPresent(message -> {
            throw peerError(messageType, message);
        });
    }

    private static UnsupportedOperationException privateDataUnsupported() {
        return new UnsupportedOperationException(
                "private data collections are not simulated by SimulationStub; DawaLedger keeps all data public");
    }

    private static void validateKey(final String key) {
        // The shim's validateKey, same exception types and messages
        Objects.requireNonNull(key, "key cannot be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key cannot not be an empty string");
        }
        requireValidUtf8(key);
    }

    // protobuf would silently replace a lone surrogate with '?' on the wire, writing a different key: refuse it.
    private static void requireValidUtf8(final String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format(
                        "key is not valid UTF-8: lone surrogate U+%04X at index %d", (int) c, i));
            }
        }
    }

    /** The string the peer receives for {@code key}: protobuf encodes it as UTF-8, lone surrogates becoming '?'. */
    private static String onTheWire(final String key) {
        return new String(key.getBytes(UTF_8), UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Results whose rows after the first come, as on a peer, with a QUERY_STATE_NEXT request each can fail. */
    private <T> Results<T> results(final Iterator<T> rows, final QueryResponseMetadata metadata) {
        return new Results<>(rows, metadata, () -> injectedFault("QUERY_STATE_NEXT"));
    }

    /**
     * Query results, one-shot like the shim's: every {@link #iterator()} continues where the last left off, and
     * {@link #close()} ends iteration.
     */
    private static final class Results<T> implements QueryResultsIteratorWithMetadata<T>, QueryResultsIterator<T> {
        private final QueryResponseMetadata metadata;
        private final Runnable beforeLaterRows;
        private Iterator<T> remaining;
        private boolean first = true;

        Results(final Iterator<T> rows, final QueryResponseMetadata metadata, final Runnable beforeLaterRows) {
            this.remaining = rows;
            this.metadata = metadata;
            this.beforeLaterRows = beforeLaterRows;
        }

        @Override
        public Iterator<T> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return remaining.hasNext();
                }

                @Override
                public T next() {
                    if (!remaining.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    if (!first) {
                        beforeLaterRows.run();
                    }
                    first = false;
                    return remaining.next();
                }
            };
        }

        @Override
        public QueryResponseMetadata getMetadata() {
            if (metadata == null) {
                throw new UnsupportedOperationException("not a paginated query");
            }
            return metadata;
        }

        @Override
        public void close() {
            remaining = Collections.emptyIterator();
        }
    }
}
