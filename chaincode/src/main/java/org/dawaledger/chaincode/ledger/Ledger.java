package org.dawaledger.chaincode.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.ContractRuntimeException;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * One transaction's view of the world state: typed reads and writes, the transaction's time and id, and its one
 * event.
 *
 * <p>Fabric executes a transaction against a snapshot, so the stub never shows a transaction its own writes. The
 * rules often touch a record twice in one call (the same pack listed twice, a batch's stock read by several packs),
 * so this view answers reads of keys it has written from its write set first.
 */
public final class Ledger {
    private static final java.time.format.DateTimeFormatter SORTABLE_TIME = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * The first instant the ledger dates a transaction at. The client stamps each proposal, and endorsing peers accept
     * any stamp within 15 minutes of their clocks; a peer with a broken clock would pass anything on.
     */
    public static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    /** The last instant: GS1's two-digit expiry years and the index keys' time text are read within these years. */
    public static final Instant LATEST = Instant.parse("2199-12-31T23:59:59.999999999Z");

    private static final char KEY_DELIMITER = '\u0000';
    private static final char LAST_HIGH_SURROGATE = Character.highSurrogate(Character.MAX_CODE_POINT);
    private static final char LAST_LOW_SURROGATE = Character.lowSurrogate(Character.MAX_CODE_POINT);

    private final Context context;
    private final ChaincodeStub stub;
    private final Instant now;
    private final Map<String, Optional<Object>> written = new HashMap<>();
    // Writes reach the peer at the end of the rule, many per message where the peer takes batches (PeerBatches).
    private final Map<String, byte[]> pendingWrites = new LinkedHashMap<>();
    // Records are immutable, and a key's committed value cannot change during a transaction: read each once.
    private final Map<String, Optional<Object>> readCache = new HashMap<>();
    // Raw values read ahead in batches (prefetch), not yet parsed.
    private final Map<String, byte[]> fetched = new HashMap<>();
    private boolean eventSet;
    private int sequence;

    /**
     * @throws LedgerRefusal {@code INVALID_TRANSACTION_TIME} if the transaction is dated outside
     *     {@link #EARLIEST}…{@link #LATEST}
     */
    public Ledger(final Context context) {
        this.context = context;
        this.stub = context.getStub();
        this.now = stub.getTxTimestamp();
        if (now == null || now.isBefore(EARLIEST) || now.isAfter(LATEST)) {
            throw ErrorCode.INVALID_TRANSACTION_TIME.exception("the transaction is dated %s; the ledger dates"
                    + " transactions from %s to %s", now, EARLIEST, LATEST);
        }
    }

    public ClientIdentity identity() {
        return context.getClientIdentity();
    }

    public String txId() {
        return stub.getTxId();
    }

    /** The transaction's timestamp from its header: the same on every endorsing peer, unlike the clock. */
    public Instant now() {
        return now;
    }

    /** {@link #now()} as ISO-8601 text, the form records store. */
    public String nowText() {
        return now().toString();
    }

    /** The transaction's date in UTC, against which expiry dates are judged. */
    public LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneOffset.UTC);
    }

    /**
     * An ISO instant with a fixed nine-digit fraction, for index keys: {@link Instant#toString()} drops trailing zero
     * digits, so its text does not sort in time order within a second.
     */
    public static String sortable(final String isoInstant) {
        return SORTABLE_TIME.format(Instant.parse(isoInstant));
    }

    /**
     * An ISO instant as an index key component that sorts newest first: LevelDB lists keys only in ascending order,
     * so the key holds {@code Long.MAX_VALUE} minus the instant's nanoseconds since the epoch, zero-padded to 19
     * digits (every instant from {@link #EARLIEST} to {@link #LATEST} fits a long).
     */
    public static String newestFirst(final String isoInstant) {
        final Instant instant = Instant.parse(isoInstant);
        final long nanos = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
                instant.getNano());
        return String.format(Locale.ROOT, "%019d", Long.MAX_VALUE - nanos);
    }

    /**
     * The composite key of a record, exactly as the shim's {@code ChaincodeStub.createCompositeKey} makes it
     * ({@code U+0000}, then the object type and each attribute, each followed by {@code U+0000}), without the regex
     * the shim compiles for every segment: a verification makes four keys (product, pack, batch, price), and that
     * regex was a tenth of its cost.
     *
     * @throws IllegalArgumentException if a segment holds {@code U+0000} or {@code U+10FFFF}, as the shim refuses
     */
    public String key(final String objectType, final String... attributes) {
        return compositeKey(objectType, attributes);
    }

    static String compositeKey(final String objectType, final String... attributes) {
        final StringBuilder key = new StringBuilder(96).append(KEY_DELIMITER);
        appendSegment(key, objectType);
        for (final String attribute : attributes) {
            appendSegment(key, attribute);
        }
        return key.toString();
    }

    private static void appendSegment(final StringBuilder key, final String segment) {
        for (int i = 0; i < segment.length(); i++) {
            final char c = segment.charAt(i);
            final boolean lastCodePoint = c == LAST_HIGH_SURROGATE && i + 1 < segment.length()
                    && segment.charAt(i + 1) == LAST_LOW_SURROGATE;
            if (c == KEY_DELIMITER || lastCodePoint) {
                throw new IllegalArgumentException("a composite key segment may not hold U+0000 or U+10FFFF: "
                        + printable(segment) + " at index " + i);
            }
        }
        key.append(segment).append(KEY_DELIMITER);
    }

    /**
     * Reads a record, seeing this transaction's own earlier writes.
     *
     * @param key a key built with {@link #key}
     * @param type the record type stored there
     * @return the record, or empty when there is none
     */
    public <T> Optional<T> read(final String key, final Class<T> type) {
        final Optional<Object> pending = written.get(key);
        if (pending != null) {
            return pending.map(type::cast);
        }
        final Optional<Object> cached = readCache.get(key);
        if (cached != null) {
            return cached.map(type::cast);
        }
        final byte[] stored = fetched.containsKey(key) ? fetched.remove(key)
                : peer("read", key, () -> stub.getState(key));
        final Optional<Object> value = stored == null || stored.length == 0
                ? Optional.empty() : Optional.of(Json.readStored(stored, type));
        readCache.put(key, value);
        return value.map(type::cast);
    }

    /**
     * A number unique within this transaction, counting from 1: with {@link #txId()} it names records a transaction
     * creates several of, such as alerts.
     */
    public int nextSequence() {
        return ++sequence;
    }

    /** Whether a key holds a value, seeing this transaction's own writes. */
    public boolean exists(final String key) {
        final Optional<Object> pending = written.get(key);
        if (pending != null) {
            return pending.isPresent();
        }
        final Optional<Object> cached = readCache.get(key);
        if (cached != null) {
            return cached.isPresent();
        }
        final byte[] stored = fetched.containsKey(key) ? fetched.get(key)
                : peer("read", key, () -> stub.getState(key));
        return stored != null && stored.length > 0;
    }

    public void write(final String key, final Object record) {
        pendingWrites.put(key, Json.bytes(record));
        written.put(key, Optional.of(record));
    }

    /** Writes an index entry: a key whose value only marks that it exists. */
    public void mark(final String key) {
        pendingWrites.put(key, Keys.MARKER);
        written.put(key, Optional.of(Keys.MARKER));
    }

    public void delete(final String key) {
        pendingWrites.put(key, null);
        written.put(key, Optional.empty());
    }

    /**
     * Reads many keys ahead of the rule that needs them, in as few requests to the peer as it allows, so that the
     * rule's {@link #read} and {@link #exists} of them are answered here. Keys this transaction wrote or read already
     * are skipped.
     */
    public void prefetch(final java.util.Collection<String> keys) {
        final List<String> missing = keys.stream().distinct()
                .filter(key -> !written.containsKey(key) && !readCache.containsKey(key) && !fetched.containsKey(key))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        final Optional<PeerBatches> batches = PeerBatches.of(stub);
        if (batches.isEmpty()) {
            return;
        }
        final List<byte[]> values = peer("read", missing.get(0), () -> batches.get().read(missing));
        for (int i = 0; i < missing.size(); i++) {
            fetched.put(missing.get(i), values.get(i));
        }
    }

    /**
     * Sends this transaction's writes to the peer: at the end of the rule, when nothing can refuse the call any more.
     * Fabric keeps the last write of each key, as this does.
     */
    public void flush() {
        if (pendingWrites.isEmpty()) {
            return;
        }
        final Optional<PeerBatches> batches = PeerBatches.of(stub);
        if (batches.isPresent()) {
            peer("write", pendingWrites.keySet().iterator().next(), () -> {
                batches.get().write(pendingWrites);
                return null;
            });
        } else {
            pendingWrites.forEach((key, value) -> peer(value == null ? "delete" : "write", key, () -> {
                if (value == null) {
                    stub.delState(key);
                } else {
                    stub.putState(key, value);
                }
                return null;
            }));
        }
        pendingWrites.clear();
    }

    /**
     * Sets the transaction's event. Fabric keeps only one event per transaction, so each transaction sets exactly one,
     * describing everything it changed.
     *
     * @throws IllegalStateException if the transaction set one already
     */
    public void emit(final LedgerEvent event) {
        if (eventSet) {
            throw new IllegalStateException("a transaction emits one event; " + event.type() + " is a second");
        }
        eventSet = true;
        stub.setEvent(event.type(), Json.bytes(event));
    }

    /**
     * Lists the records under a partial composite key, one page at a time.
     *
     * @param objectType the key's object type
     * @param attributes leading attributes that every listed key shares
     * @param pageSize at most this many records
     * @param bookmark where to start: empty for the first page, else a bookmark a previous page returned
     * @param reader turns a key-value into the listed record
     * @return the page
     */
    public <T> Page<T> page(final String objectType, final String[] attributes, final int pageSize,
            final String bookmark, final Function<KeyValue, T> reader) {
        final String partialKey = key(objectType, attributes);
        requireBookmarkOf(partialKey, bookmark);
        final List<T> records = new ArrayList<>();
        final QueryResultsIteratorWithMetadata<KeyValue> results = peer("list", partialKey,
                () -> stub.getStateByPartialCompositeKeyWithPagination(stub.createCompositeKey(objectType, attributes),
                        pageSize, bookmark));
        try (results) {
            for (final KeyValue keyValue : results) {
                records.add(reader.apply(keyValue));
            }
            // LevelDB names the next page's first key, and nothing after the last page, full or not.
            final String next = results.getMetadata() == null ? "" : results.getMetadata().getBookmark();
            return new Page<>(records, next == null ? "" : next, records.size());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Only close() throws checked exceptions; the page was read by then.
            throw new IllegalStateException("cannot close the listing of " + objectType, e);
        }
    }

    /**
     * A bookmark is the key the next page starts at, so one of this listing lies in its key range. Anything else
     * would make the peer scan from outside the range: keys of other records from before it, or, from after it, a
     * panic of the peer (seen on Fabric 3.1.5). So refuse it before the query runs.
     *
     * @throws LedgerRefusal {@code INVALID_ARGUMENT} if the bookmark is not empty and not a key of this listing
     */
    private static void requireBookmarkOf(final String partialKey, final String bookmark) {
        if (bookmark.isEmpty()) {
            return;
        }
        final boolean inRange = bookmark.startsWith(partialKey) && bookmark.endsWith("\u0000")
                && bookmark.codePoints().noneMatch(c -> c == Character.MAX_CODE_POINT
                        || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
        if (!inRange) {
            throw ErrorCode.INVALID_ARGUMENT.exception("bookmark does not belong to this listing");
        }
    }

    /**
     * Every committed key under a partial composite key, for the few small groups a submit transaction must see whole.
     * Not paginated (Fabric allows no paginated query in a transaction that writes), and it does not see this
     * transaction's own writes: check each key with {@link #read} where that matters.
     */
    public List<String> keysUnder(final String objectType, final String... attributes) {
        final String partialKey = key(objectType, attributes);
        final List<String> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = peer("list", partialKey,
                () -> stub.getStateByPartialCompositeKey(stub.createCompositeKey(objectType, attributes)))) {
            for (final KeyValue keyValue : results) {
                keys.add(keyValue.getKey());
            }
        } catch (LedgerRefusal e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot list " + printable(partialKey), e);
        }
        return keys;
    }

    /**
     * Runs one request to the peer. The peer can refuse it (a state database fault, a transaction the peer no longer
     * knows); the shim then throws a bare {@code ContractRuntimeException} that names neither the request nor the key,
     * so say both.
     *
     * @throws LedgerRefusal {@code INTERNAL_ERROR} if the peer refused the request
     */
    private static <T> T peer(final String action, final String key, final java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (ContractRuntimeException e) {
            throw ErrorCode.INTERNAL_ERROR.exception("the peer could not %s %s: %s (the peer's log has its reason)",
                    action, printable(key), e.getMessage());
        }
    }

    /** A composite key as people read it: {@code pack/09506000134352/S0001}. */
    static String printable(final String key) {
        final String readable = key.startsWith("\u0000") ? key.substring(1) : key;
        final String trimmed = readable.endsWith("\u0000") ? readable.substring(0, readable.length() - 1) : readable;
        return trimmed.replace('\u0000', '/');
    }

    /** Reads a listed key-value's record. */
    public static <T> T recordOf(final KeyValue keyValue, final Class<T> type) {
        return Json.readStored(keyValue.getValue(), type);
    }

    /** The attributes of a listed key, e.g. [gtin, lot] of an index entry. */
    public List<String> attributesOf(final String compositeKey) {
        return stub.splitCompositeKey(compositeKey).getAttributes();
    }

    /**
     * Every committed version of a key, oldest first. Fabric returns history newest first; audits read it forwards.
     */
    public <T> List<Version<T>> history(final String key, final Class<T> type) {
        final List<Version<T>> versions = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> results = peer("read the history of", key,
                () -> stub.getHistoryForKey(key))) {
            for (final KeyModification modification : results) {
                final T value = modification.isDeleted() || modification.getValue() == null
                        || modification.getValue().length == 0
                        ? null : Json.readStored(modification.getValue(), type);
                versions.add(new Version<>(modification.getTxId(), modification.getTimestamp(), value));
            }
        } catch (LedgerRefusal e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read history of " + printable(key), e);
        }
        java.util.Collections.reverse(versions);
        return versions;
    }

    /**
     * One committed version of a key.
     *
     * @param txId the transaction that wrote it
     * @param timestamp that transaction's time
     * @param value the record, or null for a delete
     */
    public record Version<T>(String txId, Instant timestamp, T value) {
    }
}
