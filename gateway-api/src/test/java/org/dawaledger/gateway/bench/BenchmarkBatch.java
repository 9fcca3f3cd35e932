package org.dawaledger.gateway.bench;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.dawaledger.gateway.demo.DemoWorld;

/**
 * The batch the gateway's benchmark commissions into the demo world and verifies: the demo product, one lot, and its
 * packs {@code 1..packs} with serials {@code BN0000001…}; every one of them ACTIVE until something else touches it.
 */
public final class BenchmarkBatch {
    /** Of the demo product ({@link DemoWorld#GTIN}), whose manufacturer the demo world licenses. */
    public static final String GTIN = DemoWorld.GTIN;
    public static final String LOT = "BENCH1M";
    public static final String EXPIRY = DemoWorld.EXPIRY;

    private BenchmarkBatch() {
    }

    /** The serial of pack {@code n}, from 1. */
    public static String serial(final int n) {
        return String.format(Locale.ROOT, "BN%07d", n);
    }

    /** Pack {@code n} as a scanner reads it, in the bracketed GS1 form. */
    public static String scan(final int n) {
        return "(01)" + GTIN + "(21)" + serial(n) + "(10)" + LOT + "(17)" + EXPIRY;
    }

    /** One of the batch's packs, drawn at random. */
    public static int randomPack(final int packs) {
        return 1 + ThreadLocalRandom.current().nextInt(packs);
    }
}
