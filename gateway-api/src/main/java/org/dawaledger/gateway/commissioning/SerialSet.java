package org.dawaledger.gateway.commissioning;

import java.security.SecureRandom;
import org.dawaledger.gs1.Gs1Text;

/**
 * An exact set of checked GS1 serials at 16 bytes each, so that a million-serial upload is checked for repeats without
 * holding its serials as strings. A serial is 1 to 20 characters of GS1's character set 82: each character is one of
 * 83 values (the 82, or none), and ten of them fit one long as a base-83 number (83^10 &lt; 2^64), so two longs name
 * any serial, and different serials differently. No hash is trusted to tell serials apart.
 */
final class SerialSet {
    private static final int RADIX = 83;
    private static final int PER_LONG = 10;
    /** Each character of set 82 as 1 to 82; 0 is "no character". */
    private static final byte[] DIGITS = new byte[128];

    static {
        byte next = 1;
        for (char c = 0; c < DIGITS.length; c++) {
            if (Gs1Text.isCset82(String.valueOf(c))) {
                DIGITS[c] = next++;
            }
        }
    }

    /** Per-set, so that no upload can choose serials that all land in one slot. */
    private final long seed = new SecureRandom().nextLong();
    /** Open addressing: slot i holds its serial's two longs at 2i and 2i + 1; a first long of 0 is an empty slot. */
    private long[] slots = new long[2 * 1024];
    private int size;

    /**
     * Adds a serial.
     *
     * @param serial a serial {@link Gs1Text#serial(String)} accepts
     * @return false if the set held it already
     */
    boolean add(final String serial) {
        if (4L * (size + 1) > 3L * capacity()) {
            grow();
        }
        if (!insert(slots, pack(serial, 0), pack(serial, PER_LONG))) {
            return false;
        }
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private int capacity() {
        return slots.length / 2;
    }

    private boolean insert(final long[] into, final long high, final long low) {
        final int mask = into.length / 2 - 1;
        int slot = (int) mix(high, low) & mask;
        while (into[2 * slot] != 0) {
            if (into[2 * slot] == high && into[2 * slot + 1] == low) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        into[2 * slot] = high;
        into[2 * slot + 1] = low;
        return true;
    }

    private void grow() {
        final long[] larger = new long[2 * slots.length];
        for (int slot = 0; slot < capacity(); slot++) {
            if (slots[2 * slot] != 0) {
                insert(larger, slots[2 * slot], slots[2 * slot + 1]);
            }
        }
        slots = larger;
    }

    /** Characters {@code from} to {@code from + 9} as a base-83 number; 0 when there are none (never for the first). */
    private static long pack(final String serial, final int from) {
        long packed = 0;
        for (int i = Math.min(serial.length(), from + PER_LONG) - 1; i >= from; i--) {
            packed = packed * RADIX + DIGITS[serial.charAt(i)];
        }
        return packed;
    }

    private long mix(final long high, final long low) {
        return finish(finish(high ^ seed) + low);
    }

    /** MurmurHash3's 64-bit finaliser: every input bit moves every output bit. */
    private static long finish(final long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
