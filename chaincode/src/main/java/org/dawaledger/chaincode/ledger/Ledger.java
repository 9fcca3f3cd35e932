package org.dawaledger.chaincode.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.contract.ClientIdentity;
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

    private final Context context;
    private final ChaincodeStub stub;
    private final Map<String, Optional<Object>> written = new HashMap<>();
    // Records are immutable, and a key's committed value cannot change during a transaction: read each once.
    private final Map<String, Optional<Object>> readCache = new HashMap<>();
    private boolean eventSet;
    private int sequence;

    public Ledger(final Context context) {
        this.context = context;
        this.stub = context.getStub();
    }

    public ClientIdentity identity() {
        return context.getClientIdentity();
    }

    public String txId() {
        return stub.getTxId();
    }

    /** The transaction's timestamp from its header: the same on every endorsing peer, unlike the clock. */
    public Instant now() {
        return stub.getTxTimestamp();
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

    public String key(final String objectType, final String... attributes) {
        return stub.createCompositeKey(objectType, attributes).toString();
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
        final byte[] stored = stub.getState(key);
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
        final byte[] stored = stub.getState(key);
        return stored != null && stored.length > 0;
    }

    public void write(final String key, final Object record) {
        stub.putState(key, Json.bytes(record));
        written.put(key, Optional.of(record));
    }

    /** Writes an index entry: a key whose value only marks that it exists. */
    public void mark(final String key) {
        stub.putState(key, Keys.MARKER);
        written.put(key, Optional.of(Keys.MARKER));
    }

    public void delete(final String key) {
        stub.delState(key);
        written.put(key, Optional.empty());
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
        final List<T> records = new ArrayList<>();
        final QueryResultsIteratorWithMetadata<KeyValue> results = stub.getStateByPartialCompositeKeyWithPagination(
                stub.createCompositeKey(objectType, attributes), pageSize, bookmark);
        try (results) {
            for (final KeyValue keyValue : results) {
                if (!keyValue.getKey().startsWith(partialKey)) {
                    throw ErrorCode.INVALID_ARGUMENT.exception("bookmark does not belong to this listing");
                }
                records.add(reader.apply(keyValue));
            }
            final String next = results.getMetadata() == null ? "" : results.getMetadata().getBookmark();
            // Fabric hands back a bookmark even after the last page; a full page is the only sign more may follow.
            final String nextBookmark = records.size() < pageSize || next == null ? "" : next;
            return new Page<>(records, nextBookmark, records.size());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Only close() throws checked exceptions; the page was read by then.
            throw new IllegalStateException("cannot close the listing of " + objectType, e);
        }
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
        try (QueryResultsIterator<KeyModification> results = stub.getHistoryForKey(key)) {
            for (final KeyModification modification : results) {
                final T value = modification.isDeleted() || modification.getValue() == null
                        || modification.getValue().length == 0
                        ? null : Json.readStored(modification.getValue(), type);
                versions.add(new Version<>(modification.getTxId(), modification.getTimestamp(), value));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read history of " + key.replace('\u0000', '/'), e);
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
