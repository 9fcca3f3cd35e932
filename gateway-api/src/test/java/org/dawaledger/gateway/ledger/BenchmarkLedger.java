package org.dawaledger.gateway.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.dawaledger.gateway.bench.BenchmarkBatch;
import org.dawaledger.gateway.bench.Figures;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.Ledger;
import org.dawaledger.ledger.Submitted;
import org.dawaledger.ledger.identity.LocalCa;

/**
 * The gateway's ledger for its benchmark (scripts/bench-gateway.sh), opened on a data folder exactly as the gateway
 * opens it (a new one is seeded with the demo world), the gateway not running on that folder:
 *
 * <ul>
 *   <li>{@code commission DATA_DIR PACKS [PER_CALL]}: commissions {@link BenchmarkBatch}'s packs as the demo
 *       manufacturer, 10,000 (or {@code PER_CALL}) per call, and prints how long they took and each call's p50/p99;
 *   <li>{@code verify DATA_DIR PACKS THREADS WARMUP SECONDS}: the ledger alone, what every verification of the
 *       gateway costs at least: VerifyPack evaluated in-process on the local copy as the gateway's anonymous reader,
 *       on random packs of the batch, by {@code THREADS} threads, after a warm-up; prints the benchmark's figures.
 * </ul>
 */
public final class BenchmarkLedger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_CALL = 10_000;

    private final GatewayLedger gateway;

    private BenchmarkLedger(final Path dataDir) {
        this.gateway = new GatewayLedger(new Settings(dataDir), new SimpleMeterRegistry());
    }

    public static void main(final String[] args) throws Exception {
        final boolean commission = (args.length == 3 || args.length == 4) && args[0].equals("commission");
        if (!commission && !(args.length == 6 && args[0].equals("verify"))) {
            throw new IllegalArgumentException("usage: BenchmarkLedger commission DATA_DIR PACKS [PER_CALL], or"
                    + " BenchmarkLedger verify DATA_DIR PACKS THREADS WARMUP SECONDS; got " + Arrays.toString(args));
        }
        final BenchmarkLedger benchmark = new BenchmarkLedger(Path.of(args[1]));
        final int packs = Integer.parseInt(args[2]);
        try {
            if (commission) {
                benchmark.commission(packs, args.length == 4 ? Integer.parseInt(args[3]) : PER_CALL);
            } else {
                final int threads = Integer.parseInt(args[3]);
                benchmark.verify(packs, threads, Long.parseLong(args[4]));
                System.out.println(benchmark.verify(packs, threads, Long.parseLong(args[5])));
            }
        } finally {
            benchmark.gateway.close();
        }
    }

    private void commission(final int packs, final int perCall) throws Exception {
        final Ledger ledger = gateway.ledger();
        final Caller manufacturer = gateway.member(Organisation.MANUFACTURER, "user1", LocalCa.Role.CLIENT);
        valid(ledger.submit(manufacturer, "RegisterBatch", BenchmarkBatch.GTIN, BenchmarkBatch.LOT,
                BenchmarkBatch.EXPIRY, Integer.toString(packs)));
        final long[] calls = new long[(packs + perCall - 1) / perCall];
        final long start = System.nanoTime();
        for (int from = 1, call = 0; from <= packs; from += perCall, call++) {
            final int to = Math.min(packs, from + perCall - 1);
            final long begin = System.nanoTime();
            valid(ledger.submit(manufacturer, "CommissionPacks", BenchmarkBatch.GTIN, BenchmarkBatch.LOT,
                    JSON.writeValueAsString(IntStream.rangeClosed(from, to).mapToObj(BenchmarkBatch::serial)
                            .toList())));
            calls[call] = System.nanoTime() - begin;
            if (to / 100_000 > (from - 1) / 100_000) {
                System.err.printf(Locale.ROOT, "bench: %,d packs commissioned (%,.0f/s)%n", to,
                        to / ((System.nanoTime() - start) / 1e9));
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(calls);
        System.out.printf(Locale.ROOT, "{\"packs\": %d, \"seconds\": %.1f, \"height\": %d, \"per_call\": %d,"
                + " \"calls\": %d, \"p50_ms\": %.1f, \"p99_ms\": %.1f}%n", packs, seconds, ledger.height(),
                perCall, calls.length, Figures.percentile(calls, 50),
                Figures.percentile(calls, 99));
    }

    /**
     * VerifyPack on every thread until the time is up: the figures, with the CPU time of the verifying threads alone
     * as the server's (a fresh JVM's compiler threads would count otherwise).
     */
    private String verify(final int packs, final int threads, final long seconds) throws Exception {
        final AtomicLong errors = new AtomicLong();
        final AtomicLong cpuNanos = new AtomicLong();
        final List<long[]> latencies = new ArrayList<>();
        final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        final long start = System.nanoTime();
        final long deadline = start + seconds * 1_000_000_000L;
        final List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final Thread worker = new Thread(() -> {
                final long cpuBefore = cpu.getCurrentThreadCpuTime();
                long[] own = new long[1 << 16];
                int count = 0;
                for (long begin = System.nanoTime(); begin < deadline; begin = System.nanoTime()) {
                    final int pack = BenchmarkBatch.randomPack(packs);
                    final byte[] answer = gateway.ledger().evaluate(gateway.publicCaller(), "VerifyPack",
                            BenchmarkBatch.GTIN, BenchmarkBatch.serial(pack), BenchmarkBatch.LOT,
                            BenchmarkBatch.EXPIRY).answer();
                    if (count == own.length) {
                        own = Arrays.copyOf(own, count * 2);
                    }
                    own[count++] = System.nanoTime() - begin;
                    if (!new String(answer, StandardCharsets.UTF_8).contains("\"verdict\":\"ACTIVE\"")) {
                        errors.incrementAndGet();
                    }
                }
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuBefore);
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(own, count));
                }
            }, "bench-verify-" + t);
            worker.start();
            workers.add(worker);
        }
        for (final Thread worker : workers) {
            worker.join();
        }
        final long[] sorted = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return Figures.json("in-process", "ledger", sorted, (System.nanoTime() - start) / 1e9, errors.get(),
                cpuNanos.get() / 1e9);
    }

    private static void valid(final Submitted submitted) {
        if (!submitted.isValid()) {
            throw new IllegalStateException("transaction " + submitted.transactionId() + " was committed as "
                    + submitted.validationCode());
        }
    }

    /** The gateway's defaults, on the given folder, with the demo world. */
    private record Settings(Path dataDir) implements GatewayConfig {
        @Override
        public Mode ledger() {
            return Mode.EMBEDDED;
        }

        @Override
        public Fabric fabric() {
            throw new UnsupportedOperationException("the benchmark's ledger is the embedded one");
        }

        @Override
        public boolean demo() {
            return true;
        }

        @Override
        public String regulatorMspId() {
            return "RegulatorMSP";
        }

        @Override
        public AnonymousLimit anonymous() {
            throw new UnsupportedOperationException("the ledger alone limits nobody");
        }
    }
}
