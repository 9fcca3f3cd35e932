package org.dawaledger.chaincode.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dawaledger.chaincode.testing.InMemoryLedger;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.ledger.simulation.SimulationStub;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Measures what {@code CommissionPacks} costs the chaincode itself, per chunk size (serials per call), on the
 * in-memory Fabric of the tests, called through the shim's real {@link ContractRouter} as a peer calls it.
 *
 * <p>Not a test (its name does not end in Test/IT, so surefire and failsafe never run it): a command, run by
 * {@code scripts/bench-chaincode.sh}. The in-memory stub answers getState/putState in-process; on a real peer each of
 * those is a gRPC round trip, so the rates here are an upper bound of the contract's own CPU/JSON cost, not network
 * throughput.
 *
 * <p>Options: {@code --sizes 1000,2000,5000,10000}, {@code --packs 200000} (measured packs per size),
 * {@code --warmup-packs 40000} (per size, on its own batch, at least 3 calls), {@code --markdown FILE} (also write
 * the table as Markdown).
 */
public final class CommissionChunkBenchmark {
    private static final String REGULATOR_MSP = "RegulatorMSP";
    private static final String MANUFACTURER_MSP = "ManufacturerMSP";
    private static final String REGULATOR_GLN = withCheckDigit("950000000001");
    private static final String MANUFACTURER_GLN = withCheckDigit("950000000002");
    private static final String GTIN = withCheckDigit("0950600013435");
    /** Far enough ahead of the in-memory ledger's clock (2026-01-15). */
    private static final String EXPIRY = "280600";
    private static final long MIN_BATCH_QUANTITY = 1_000_000L;
    private static final double MB = 1024.0 * 1024.0;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private final TestIdentity regulator = TestIdentity.of(REGULATOR_MSP, "Admin");
    private final TestIdentity manufacturer = TestIdentity.of(MANUFACTURER_MSP, "User1");
    private final ContractRouter router;

    private CommissionChunkBenchmark(final ContractRouter router) {
        this.router = router;
    }

    public static void main(final String[] args) throws Exception {
        int[] sizes = {1_000, 2_000, 5_000, 10_000};
        int packsPerSize = 200_000;
        int warmupPacks = 40_000;
        Path markdown = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--packs" -> packsPerSize = Integer.parseInt(args[++i]);
                case "--warmup-packs" -> warmupPacks = Integer.parseInt(args[++i]);
                case "--markdown" -> markdown = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!REGULATOR_MSP.equals(System.getenv("DAWALEDGER_REGULATOR_MSP"))) {
            // The contract refuses InitLedger unless the deployment pins the regulator's MSP.
            throw new IllegalStateException("run with DAWALEDGER_REGULATOR_MSP=" + REGULATOR_MSP
                    + " (scripts/bench-chaincode.sh sets it)");
        }

        final CommissionChunkBenchmark bench = new CommissionChunkBenchmark(startRouter());
        // JIT warm-up for the whole run, so the first size measured is not the coldest: a throwaway ledger.
        bench.measure(sizes[0], warmupPacks, warmupPacks);
        final List<Result> results = new ArrayList<>();
        for (final int size : sizes) {
            System.gc();
            results.add(bench.measure(size, packsPerSize, warmupPacks));
            System.err.printf(Locale.ROOT, "bench: chunk %,d done%n", size);
        }

        final String text = textTable(results, packsPerSize, warmupPacks);
        System.out.print(text);
        if (markdown != null) {
            Files.writeString(markdown, markdownTable(results, packsPerSize, warmupPacks), UTF_8);
        }
    }

    /** Starts the router as the chaincode jar's main does, minus the network server. */
    private static ContractRouter startRouter() throws IOException, InterruptedException {
        final ContractRouter router = new ContractRouter(
                new String[] {"--id", "dawaledger:bench", "--peer.address", "127.0.0.1:7052"});
        router.startRouterWithChaincodeServer(new ChaincodeServer() {
            @Override
            public void start() {
                // No network: the benchmark invokes the router directly.
            }

            @Override
            public void stop() {
                // Nothing was started.
            }
        });
        return router;
    }

    /** One chunk size on a fresh ledger: licensed parties, a product, a warm-up batch and a measured batch. */
    private Result measure(final int size, final int packs, final int warmupPacks) {
        final int calls = Math.max(1, packs / size);
        final int warmupCalls = Math.max(3, warmupPacks / size);
        final InMemoryLedger ledger = licensedLedger();
        final String warmLot = "WARM" + size;
        final String lot = "LOT" + size;
        registerBatch(ledger, warmLot, (long) warmupCalls * size);
        registerBatch(ledger, lot, (long) calls * size);

        // Warm-up: same calls on their own batch, through a stub wrapper that counts the state API calls (each one a
        // peer round trip on Fabric). Not timed.
        final Map<String, Integer> stateCalls = new TreeMap<>();
        for (int c = 0; c < warmupCalls; c++) {
            stateCalls.clear();
            final CountingChaincode counting = new CountingChaincode(router, stateCalls);
            final Chaincode.Response response = ledger.invoke(manufacturer, counting, "CommissionPacks", GTIN,
                    warmLot, serialsJson("W", size, c));
            requireSuccess(response, "warm-up CommissionPacks");
        }

        final MeasuringChaincode measuring = new MeasuringChaincode(router);
        final long[] chaincodeNanos = new long[calls];
        final long[] totalNanos = new long[calls];
        final long[] allocated = new long[calls];
        final long[] peakHeap = new long[calls];
        final long[] heapBefore = new long[calls];
        long writeKeys = 0;
        long writeBytes = 0;
        long eventBytes = 0;
        long argumentBytes = 0;
        long responseBytes = 0;
        final long gcCountBefore = COLLECTORS.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        final long gcMillisBefore = COLLECTORS.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        for (int c = 0; c < calls; c++) {
            final String serials = serialsJson("K", size, c);
            heapBefore[c] = HEAP_POOLS.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
            HEAP_POOLS.forEach(MemoryPoolMXBean::resetPeakUsage);
            final long start = System.nanoTime();
            final Chaincode.Response response = ledger.invoke(manufacturer, measuring, "CommissionPacks", GTIN, lot,
                    serials);
            totalNanos[c] = System.nanoTime() - start;
            peakHeap[c] = HEAP_POOLS.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            chaincodeNanos[c] = measuring.lastNanos;
            allocated[c] = measuring.lastAllocatedBytes;
            requireSuccess(response, "CommissionPacks");

            final SortedMap<String, byte[]> writeSet = writeSet(measuring.lastStub);
            for (final Map.Entry<String, byte[]> write : writeSet.entrySet()) {
                writeBytes += write.getKey().getBytes(UTF_8).length + write.getValue().length;
            }
            writeKeys += writeSet.size();
            final ChaincodeEvent event = event(measuring.lastStub);
            eventBytes += event == null ? 0 : event.getEventName().getBytes(UTF_8).length + event.getPayload().size();
            argumentBytes += serials.getBytes(UTF_8).length;
            responseBytes += response.getPayload().length;
            measuring.lastStub = null;
        }
        final long gcCount = COLLECTORS.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum()
                - gcCountBefore;
        final long gcMillis = COLLECTORS.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum()
                - gcMillisBefore;

        final long chaincodeTotal = Arrays.stream(chaincodeNanos).sum();
        final long endToEndTotal = Arrays.stream(totalNanos).sum();
        final long measuredPacks = (long) calls * size;
        return new Result(size, calls, warmupCalls,
                measuredPacks / (chaincodeTotal / 1e9),
                measuredPacks / (endToEndTotal / 1e9),
                percentile(chaincodeNanos, 50) / 1e6, percentile(chaincodeNanos, 99) / 1e6,
                percentile(totalNanos, 50) / 1e6,
                (double) writeKeys / calls, writeBytes / (double) calls, eventBytes / (double) calls,
                argumentBytes / (double) calls, responseBytes / (double) calls,
                Arrays.stream(allocated).average().orElse(0),
                percentile(peakHeap, 50), Arrays.stream(peakHeap).max().orElse(0),
                percentile(heapBefore, 50), gcCount, gcMillis,
                stateCalls.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
    }

    private InMemoryLedger licensedLedger() {
        final InMemoryLedger ledger = new InMemoryLedger();
        requireSuccess(ledger.invoke(regulator, router, "InitLedger", REGULATOR_MSP, REGULATOR_GLN,
                "Drug Regulatory Authority", "DRAP-001"), "InitLedger");
        requireSuccess(ledger.invoke(regulator, router, "RegisterParticipant", MANUFACTURER_GLN, "MANUFACTURER",
                "Bench Pharma", "LIC-" + MANUFACTURER_GLN, manufacturer.mspId(), manufacturer.certificatePem()),
                "RegisterParticipant");
        requireSuccess(ledger.invoke(manufacturer, router, "RegisterProduct", GTIN, "Paracetamol", "500 mg",
                "tablet", "REG-" + GTIN), "RegisterProduct");
        return ledger;
    }

    private void registerBatch(final InMemoryLedger ledger, final String lot, final long needed) {
        final long quantity = Math.max(MIN_BATCH_QUANTITY, needed);
        requireSuccess(ledger.invoke(manufacturer, router, "RegisterBatch", GTIN, lot, EXPIRY,
                Long.toString(quantity)), "RegisterBatch " + lot);
    }

    /** {@code size} distinct 15-character serials, e.g. K01000N00000042. */
    private static String serialsJson(final String prefix, final int size, final int call) {
        final List<String> serials = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            serials.add(String.format(Locale.ROOT, "%s%05dN%08d", prefix, size, (long) call * size + i));
        }
        try {
            return MAPPER.writeValueAsString(serials);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireSuccess(final Chaincode.Response response, final String what) {
        if (response.getStatus().getCode() >= 400) {
            throw new IllegalStateException(what + " failed: " + response.getStatus() + " " + response.getMessage());
        }
    }

    private static SortedMap<String, byte[]> writeSet(final ChaincodeStub stub) {
        return ((SimulationStub) stub).simulation().writes();
    }

    private static ChaincodeEvent event(final ChaincodeStub stub) {
        return ((SimulationStub) stub).simulation().event();
    }

    /** Nearest-rank percentile. */
    private static long percentile(final long[] values, final int percent) {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        final int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String withCheckDigit(final String stem) {
        return stem + Gtin.checkDigit(stem);
    }

    // ---------------------------------------------------------------- wrappers around the router

    /**
     * Times the chaincode's own part of a call (the router's invoke on the stub, i.e. what the chaincode process runs
     * on a peer) and the bytes this thread allocates in it, and keeps the stub so its write set can be read after.
     */
    private static final class MeasuringChaincode implements Chaincode {
        private final ContractRouter router;
        private long lastNanos;
        private long lastAllocatedBytes;
        private ChaincodeStub lastStub;

        MeasuringChaincode(final ContractRouter router) {
            this.router = router;
        }

        @Override
        public Response init(final ChaincodeStub stub) {
            return router.init(stub);
        }

        @Override
        public Response invoke(final ChaincodeStub stub) {
            final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            final long start = System.nanoTime();
            final Response response = router.invoke(stub);
            lastNanos = System.nanoTime() - start;
            lastAllocatedBytes = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            lastStub = stub;
            return response;
        }
    }

    /** Counts the stub's state API calls by name; used for the untimed warm-up calls only. */
    private static final class CountingChaincode implements Chaincode {
        private static final java.util.Set<String> COUNTED = java.util.Set.of("getState", "getStringState",
                "putState", "putStringState", "delState", "getStateByRange", "getStateByPartialCompositeKey",
                "getQueryResult", "getHistoryForKey", "setEvent", "getStateValidationParameter");
        private final ContractRouter router;
        private final Map<String, Integer> counts;

        CountingChaincode(final ContractRouter router, final Map<String, Integer> counts) {
            this.router = router;
            this.counts = counts;
        }

        @Override
        public Response init(final ChaincodeStub stub) {
            return router.init(stub);
        }

        @Override
        public Response invoke(final ChaincodeStub stub) {
            final InvocationHandler handler = (proxy, method, arguments) -> {
                if (COUNTED.contains(method.getName())) {
                    counts.merge(method.getName(), 1, Integer::sum);
                }
                try {
                    return method.invoke(stub, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            final ChaincodeStub counted = (ChaincodeStub) Proxy.newProxyInstance(
                    ChaincodeStub.class.getClassLoader(), new Class<?>[] {ChaincodeStub.class}, handler);
            return router.invoke(counted);
        }
    }

    // ---------------------------------------------------------------- report

    private record Result(int size, int calls, int warmupCalls, double packsPerSecond, double endToEndPacksPerSecond,
            double p50Millis, double p99Millis, double endToEndP50Millis, double writeKeys, double writeBytes,
            double eventBytes, double argumentBytes, double responseBytes, double allocatedBytes, long peakHeapP50,
            long peakHeapMax, long heapBeforeP50, long gcCount, long gcMillis, String stateCalls) {
    }

    private static String[] header() {
        return new String[] {"chunk", "calls", "packs/s (cc)", "ms/call p50", "ms/call p99", "packs/s (incl. stub)",
            "write keys", "write set MB", "event KB", "args KB", "alloc MB/call", "peak heap MB p50 / max",
            "GCs (ms)"};
    }

    private static String[] row(final Result r) {
        return new String[] {
            String.format(Locale.ROOT, "%,d", r.size()),
            Integer.toString(r.calls()),
            String.format(Locale.ROOT, "%,.0f", r.packsPerSecond()),
            String.format(Locale.ROOT, "%.1f", r.p50Millis()),
            String.format(Locale.ROOT, "%.1f", r.p99Millis()),
            String.format(Locale.ROOT, "%,.0f", r.endToEndPacksPerSecond()),
            String.format(Locale.ROOT, "%,.0f", r.writeKeys()),
            String.format(Locale.ROOT, "%.2f", r.writeBytes() / MB),
            String.format(Locale.ROOT, "%,.0f", r.eventBytes() / 1024),
            String.format(Locale.ROOT, "%,.0f", r.argumentBytes() / 1024),
            String.format(Locale.ROOT, "%.1f", r.allocatedBytes() / MB),
            String.format(Locale.ROOT, "%.0f / %.0f", r.peakHeapP50() / MB, r.peakHeapMax() / MB),
            String.format(Locale.ROOT, "%d (%d)", r.gcCount(), r.gcMillis()),
        };
    }

    private static String settings(final int packsPerSize, final int warmupPacks) {
        final Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT,
                "%,d packs measured per chunk size (after a JIT warm-up run, then per size a warm-up of >= %,d"
                        + " packs, at least 3 calls, on its own batch);"
                        + " max heap %.0f MB; GC %s; %d CPUs visible to the JVM",
                packsPerSize, warmupPacks, runtime.maxMemory() / MB,
                COLLECTORS.stream().map(GarbageCollectorMXBean::getName).collect(Collectors.joining(" + ")),
                runtime.availableProcessors());
    }

    private static String textTable(final List<Result> results, final int packsPerSize, final int warmupPacks) {
        final List<String[]> rows = new ArrayList<>();
        rows.add(header());
        results.forEach(r -> rows.add(row(r)));
        final int[] widths = new int[header().length];
        rows.forEach(cells -> {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        });
        final StringBuilder out = new StringBuilder();
        out.append("CommissionPacks through ContractRouter on the in-memory stub\n");
        out.append(settings(packsPerSize, warmupPacks)).append('\n');
        for (int r = 0; r < rows.size(); r++) {
            final String[] cells = rows.get(r);
            for (int i = 0; i < cells.length; i++) {
                out.append(i == 0 ? "" : "  ").append(String.format("%" + widths[i] + "s", cells[i]));
            }
            out.append('\n');
            if (r == 0) {
                out.append("-".repeat(Arrays.stream(widths).sum() + 2 * (widths.length - 1))).append('\n');
            }
        }
        out.append("state API calls in one call (each a gRPC round trip on a peer):\n");
        results.forEach(r -> out.append(String.format(Locale.ROOT, "  chunk %,d: %s%n", r.size(), r.stateCalls())));
        results.forEach(r -> out.append(String.format(Locale.ROOT,
                "  chunk %,d: incl.-stub p50 %.1f ms/call, response %.0f B, heap before call p50 %.0f MB%n",
                r.size(), r.endToEndP50Millis(), r.responseBytes(), r.heapBeforeP50() / MB)));
        return out.toString();
    }

    private static String markdownTable(final List<Result> results, final int packsPerSize, final int warmupPacks) {
        final StringBuilder out = new StringBuilder();
        out.append("Run settings: ").append(settings(packsPerSize, warmupPacks)).append(".\n\n");
        out.append("| ").append(String.join(" | ", header())).append(" |\n");
        out.append("|").append("---:|".repeat(header().length)).append('\n');
        results.forEach(r -> out.append("| ").append(String.join(" | ", row(r))).append(" |\n"));
        out.append("\nState API calls in one call (each one a gRPC round trip to the peer on Fabric):\n\n");
        results.forEach(r -> out.append(String.format(Locale.ROOT, "- chunk %,d: %s%n", r.size(), r.stateCalls())));
        out.append("\nPer chunk size, p50 of the whole in-memory call (contract + stub commit), the response payload"
                + " and the heap in use before a call (the in-memory world state of the run so far):\n\n");
        results.forEach(r -> out.append(String.format(Locale.ROOT,
                "- chunk %,d: %.1f ms/call incl. stub, response %.0f B, heap before call p50 %.0f MB%n",
                r.size(), r.endToEndP50Millis(), r.responseBytes(), r.heapBeforeP50() / MB)));
        return out.toString();
    }
}
