package org.dawaledger.network.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Timed runs of calls on several threads at once, as the benchmarks measure them. */
final class Measurement {
    private Measurement() {
    }

    /** One call; the size of the transaction it sent, or 0 for a read. */
    interface Call {
        int run(int index) throws Exception;
    }

    /**
     * Runs {@code callsPerCaller} calls on each of {@code callers} threads at once.
     *
     * @param itemsPerCall packs (or keys) one call handles, for the per-second rate
     */
    static Rate measure(final int callers, final int callsPerCaller, final Call call, final int itemsPerCall)
            throws Exception {
        return run(callers, callsPerCaller, null, call, itemsPerCall);
    }

    /** Runs calls on each of {@code callers} threads at once until {@code length} has passed. */
    static Rate measureFor(final int callers, final Duration length, final Call call) throws Exception {
        return run(callers, Integer.MAX_VALUE, length, call, 1);
    }

    private static Rate run(final int callers, final int callsPerCaller, final Duration length, final Call call,
            final int itemsPerCall) throws Exception {
        final List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        final ExecutorService pool = Executors.newFixedThreadPool(callers);
        final long start = System.nanoTime();
        final long end = length == null ? Long.MAX_VALUE : start + length.toNanos();
        try {
            final List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                final int caller = c;
                futures.add(pool.submit(() -> {
                    long[] own = new long[length == null ? callsPerCaller : 1 << 16];
                    int done = 0;
                    for (int i = 0; i < callsPerCaller && System.nanoTime() < end; i++) {
                        final long begin = System.nanoTime();
                        final int bytes = call.run(length == null ? caller * callsPerCaller + i
                                : i * callers + caller);
                        if (done == own.length) {
                            own = java.util.Arrays.copyOf(own, own.length * 2);
                        }
                        own[done++] = System.nanoTime() - begin;
                        if (bytes > 0) {
                            sizes.add(bytes);
                        }
                    }
                    latencies.add(java.util.Arrays.copyOf(own, done));
                    return null;
                }));
            }
            for (final Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final long[] sorted = latencies.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        final Rate rate = new Rate((double) sorted.length * itemsPerCall / seconds, seconds,
                percentile(sorted, 50), percentile(sorted, 99),
                sizes.stream().mapToInt(Integer::intValue).max().orElse(0), sorted.length);
        // Progress, not the result: stdout is what a script reads the figures from.
        System.err.printf(Locale.ROOT, "bench: %,d calls by %d caller(s) in %.1f s: %,.0f/s, p50 %.2f ms,"
                + " p99 %.2f ms%s%n", rate.calls(), callers, seconds, rate.perSecond(), rate.p50Ms(), rate.p99Ms(),
                rate.maxBytes() == 0 ? "" : ", max tx " + mb(rate.maxBytes()));
        return rate;
    }

    private static double percentile(final long[] sortedNanos, final int percent) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        final int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    static String mb(final long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1_048_576.0);
    }

    /**
     * @param perSecond items per second, over the whole run
     * @param seconds the run's length
     * @param p50Ms median call latency (submit until committed, or evaluate)
     * @param p99Ms 99th percentile (nearest rank)
     * @param maxBytes the largest transaction
     * @param calls how many calls
     */
    record Rate(double perSecond, double seconds, double p50Ms, double p99Ms, int maxBytes, int calls) {
        String row(final String label) {
            return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %s | %s | %s |", label, calls, perSecond,
                    milliseconds(p50Ms), milliseconds(p99Ms), maxBytes == 0 ? "—" : mb(maxBytes));
        }

        private static String milliseconds(final double ms) {
            return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.0f", ms);
        }
    }

    /** The Markdown a benchmark writes: tables under headings, each row also printed as it is added. */
    static final class Report {
        private final List<String> lines = new ArrayList<>();

        void table(final String title, final List<String> rows) {
            table(title, rows, "| run | calls | per second | p50 ms | p99 ms | largest transaction |",
                    "|---|---|---|---|---|---|");
        }

        void table(final String title, final List<String> rows, final String header, final String rule) {
            lines.add("### " + title);
            lines.add("");
            lines.add(header);
            lines.add(rule);
            lines.addAll(rows);
            lines.add("");
            rows.forEach(row -> System.out.println("bench: " + title + " " + row));
        }

        void ratios(final List<String> rows) {
            table("Against the baseline", rows, "| figure | measured | baseline | ratio |", "|---|---|---|---|");
        }

        static String ratio(final String label, final Rate measured, final Rate baseline) {
            return String.format(Locale.ROOT, "| %s | %s/s | %s/s | %s |", label, rate(measured.perSecond()),
                    rate(baseline.perSecond()), times(measured.perSecond() / baseline.perSecond()));
        }

        private static String rate(final double perSecond) {
            return String.format(Locale.ROOT, perSecond < 10 ? "%.2f" : "%,.0f", perSecond);
        }

        private static String times(final double ratio) {
            return ratio < 2 ? String.format(Locale.ROOT, "%.0f%%", 100 * ratio)
                    : String.format(Locale.ROOT, "%.1f×", ratio);
        }

        List<String> lines() {
            return List.copyOf(lines);
        }
    }
}
