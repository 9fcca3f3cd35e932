package org.dawaledger.ledger.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link OrderedStore} must do; each implementation's test extends this. */
public abstract class OrderedStoreContract {
    protected OrderedStore store;

    /** A new, empty store. */
    protected abstract OrderedStore open() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static byte[] bytes(final String text) {
        return text.getBytes(UTF_8);
    }

    protected List<String> keys(final byte[] from, final byte[] to) {
        final List<String> keys = new ArrayList<>();
        try (OrderedStore.Entries entries = store.scan(from, to)) {
            while (entries.hasNext()) {
                keys.add(new String(entries.next().getKey(), UTF_8));
            }
        }
        return keys;
    }

    @Test
    void aKeyWithNoValueReadsAsNull() {
        assertThat(store.get(bytes("absent"))).isNull();
    }

    @Test
    void keysAreOrderedAsUnsignedBytesWhichIsCodePointOrder() {
        // U+FFFD sorts before U+1F48A as UTF-8 bytes (EF < F0), after it as UTF-16 units.
        store.write(new WriteBatch().put(bytes("\ud83d\udc8a"), bytes("1")).put(bytes("\ufffd"), bytes("2"))
                .put(bytes("a"), bytes("3")).put(new byte[] {0}, bytes("4")));

        assertThat(keys(new byte[] {0}, null)).containsExactly("\u0000", "a", "\ufffd", "\ud83d\udc8a");
    }

    @Test
    void aScanIncludesItsStartAndExcludesItsEnd() {
        store.write(new WriteBatch().put(bytes("a"), bytes("1")).put(bytes("b"), bytes("2")).put(bytes("c"),
                bytes("3")));

        assertThat(keys(bytes("a"), bytes("c"))).containsExactly("a", "b");
        assertThat(keys(bytes("b"), null)).containsExactly("b", "c");
        assertThat(keys(bytes("c"), bytes("a"))).isEmpty();
        assertThat(keys(bytes("b"), bytes("b"))).isEmpty();
    }

    @Test
    void aBatchAppliesInOrderSoItsLastOperationOnAKeyWins() {
        store.write(new WriteBatch().put(bytes("k"), bytes("old")).put(bytes("gone"), bytes("x")));

        store.write(new WriteBatch().put(bytes("k"), bytes("first")).delete(bytes("gone")).put(bytes("k"),
                bytes("last")).put(bytes("new"), bytes("n")).delete(bytes("new")));

        assertThat(new String(store.get(bytes("k")), UTF_8)).isEqualTo("last");
        assertThat(store.get(bytes("gone"))).isNull();
        assertThat(store.get(bytes("new"))).isNull();
    }

    @Test
    void valuesComeBackByteForByte() {
        final byte[] value = new byte[70_000];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        store.write(new WriteBatch().put(bytes("big"), value).put(bytes("empty"), new byte[0]));

        assertThat(store.get(bytes("big"))).isEqualTo(value);
        assertThat(store.get(bytes("empty"))).isEmpty();
        try (OrderedStore.Entries entries = store.scan(bytes("big"), bytes("bih"))) {
            final Map.Entry<byte[], byte[]> entry = entries.next();
            assertThat(entry.getValue()).isEqualTo(value);
            assertThat(entries.hasNext()).isFalse();
        }
    }

    @Test
    void changingWhatAReadReturnedChangesNothingStored() {
        store.write(new WriteBatch().put(bytes("k"), bytes("v")));

        store.get(bytes("k"))[0] = 'x';

        assertThat(new String(store.get(bytes("k")), UTF_8)).isEqualTo("v");
    }
}
