package org.dawaledger.gateway.bench;

import java.util.Locale;

/** The one JSON line of figures every client of the gateway's benchmark prints, read by scripts/bench-gateway.sh. */
public final class Figures {
    private Figures() {
    }

    /**
     * @param sortedNanos the latencies of the answers counted, sorted
     * @param seconds the measured time
     * @param cpuSeconds the server's CPU time in it, or NaN when not watched
     */
    public static String json(final String client, final String mode, final long[] sortedNanos, final double seconds,
            final long errors, final double cpuSeconds) {
        return String.format(Locale.ROOT, "{\"client\": \"%s\", \"mode\": \"%s\", \"requests\": %d, \"seconds\": %.1f,"
                + " \"rps\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"errors\": %d%s}", client, mode,
                sortedNanos.length, seconds, sortedNanos.length / seconds, percentile(sortedNanos, 50),
                percentile(sortedNanos, 99), errors, Double.isNaN(cpuSeconds) ? ""
                        : String.format(Locale.ROOT, ", \"server_cpu_s\": %.2f", cpuSeconds));
    }

    /** Nearest rank, in milliseconds. */
    public static double percentile(final long[] sortedNanos, final int percent) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        final int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }
}
