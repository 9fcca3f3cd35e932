package org.dawaledger.network.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.network.FabricNetwork;
import org.dawaledger.network.LedgerClient;
import org.dawaledger.network.LedgerClient.Committed;
import org.dawaledger.network.Organisation;
import org.dawaledger.network.bench.Measurement.Rate;
import org.dawaledger.network.bench.Measurement.Report;

/**
 * The ledger's benchmark on the running network (network.sh bench starts it): commissioning per chunk size and a
 * million packs, eight 10,000-serial calls at once, shipping and receiving the largest calls, dispensing many packs
 * per call and one per call, VerifyPack at 1 and 16 callers, and the baseline: the simplest one-key write of
 * {@link BaselineContract}, on the same network in the same run. Prints every figure and writes them as Markdown to
 * the file it is given.
 *
 * <p>Arguments: {@code --markdown FILE} (required), {@code --million-packs N} (default 1,000,000; 0 skips it),
 * {@code --sweep-packs N} packs per chunk size (default 30,000).
 */
public final class NetworkBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANUFACTURER_GLN = gs1("896000000002");
    private static final String PHARMACY_GLN = gs1("896000000005");
    private static final String EXPIRY = "301231";
    private static final int CALLERS = 16;
    /** Concurrent 10,000-serial calls: eight took 29.5 s to endorse against 30 s defaults on the first network. */
    private static final int HEAVY_CALLERS = 8;
    /** The one-key chaincode network.sh bench deploys beside the ledger; its service is not part of the network. */
    private static final String BASELINE = "baseline";

    private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));
    private final String gtin = gs1("08960001" + run);
    private final Report report = new Report();
    private final LedgerClient regulator = LedgerClient.as(Organisation.REGULATOR, "Admin");
    private final LedgerClient manufacturer = LedgerClient.as(Organisation.MANUFACTURER, "User1");
    private final LedgerClient pharmacy = LedgerClient.as(Organisation.PHARMACY, "User1");
    private int lots;

    private NetworkBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final Map<String, String> options = options(args);
        final NetworkBenchmark benchmark = new NetworkBenchmark();
        benchmark.runAll(Integer.parseInt(options.getOrDefault("--million-packs", "1000000")),
                Integer.parseInt(options.getOrDefault("--sweep-packs", "30000")));
        Files.write(Path.of(options.get("--markdown")), benchmark.report.lines(), StandardCharsets.UTF_8);
        System.exit(0);
    }

    private void runAll(final int millionPacks, final int sweepPacks) throws Exception {
        manufacturer.submit("RegisterProduct", gtin, "Bench " + run, "500 mg", "tablet", "REG-B" + run, "");
        manufacturer.awaitBlock(regulator.submit("ApproveProduct", gtin, "benchmark").blockNumber());

        final Rate baselineSerial = baseline(1, 60);
        final Rate baselineParallel = baseline(CALLERS, 30);
        report.table("Baseline: one-key write (`baseline:Put`)", List.of(baselineSerial.row("1 caller"),
                baselineParallel.row(CALLERS + " callers")));

        final List<String> sweep = new ArrayList<>();
        Rate best = null;
        for (final int chunk : List.of(1_000, 2_000, 5_000, 10_000)) {
            final Rate rate = commission(newLot(sweepPacks), sweepPacks, chunk);
            sweep.add(rate.row(String.format(Locale.ROOT, "%,d per call", chunk)));
            best = best == null || rate.perSecond() > best.perSecond() ? rate : best;
        }
        report.table("CommissionPacks by chunk size (" + String.format(Locale.ROOT, "%,d", sweepPacks)
                + " packs each, one batch, calls one after another)", sweep);
        if (millionPacks > 0) {
            final Rate million = commission(newLot(millionPacks), millionPacks, 10_000);
            report.table(String.format(Locale.ROOT, "CommissionPacks: %,d packs of one batch, 10,000 per call",
                    millionPacks), List.of(million.row(String.format(Locale.ROOT, "%.1f minutes in all",
                    million.seconds() / 60))));
        }

        final List<String> heavyLots = new ArrayList<>();
        for (int i = 0; i < HEAVY_CALLERS; i++) {
            heavyLots.add(newLot(10_000));
        }
        final Rate heavy = Measurement.measure(HEAVY_CALLERS, 1, i -> manufacturer.submit("CommissionPacks", gtin,
                heavyLots.get(i), serials(heavyLots.get(i), 1, 10_000)).transactionBytes(), 10_000);
        report.table(String.format(Locale.ROOT, "CommissionPacks: %d calls of 10,000 serials at once, each of its own"
                + " batch (the worst case the timeouts must cover)", HEAVY_CALLERS), List.of(heavy.row(HEAVY_CALLERS
                + " callers")));

        final String lot = newLot(12_000);
        commission(lot, 12_000, 10_000);
        final Committed shipped = manufacturer.submit("ShipPacks", PHARMACY_GLN, contents(lot, 1, 10_000));
        pharmacy.awaitBlock(shipped.blockNumber());
        final Committed received = pharmacy.submit("ReceiveShipment",
                JSON.readTree(shipped.answer()).get("shipmentId").asText());
        final Committed shippedSingles = manufacturer.submit("ShipPacks", PHARMACY_GLN, contents(lot, 10_001, 12_000));
        pharmacy.awaitBlock(shippedSingles.blockNumber());
        pharmacy.submit("ReceiveShipment", JSON.readTree(shippedSingles.answer()).get("shipmentId").asText());
        report.table("The largest calls", List.of(
                "| ShipPacks, 10,000 packs | " + Measurement.mb(shipped.transactionBytes()) + " |",
                "| ReceiveShipment, 10,000 packs | " + Measurement.mb(received.transactionBytes()) + " |"),
                "| call | transaction size |", "|---|---|");

        final Rate dispenseMany = Measurement.measure(1, 10, i -> pharmacy.submit("DispensePacks",
                packs(lot, i * 1_000 + 1, (i + 1) * 1_000)).transactionBytes(), 1_000);
        final Rate dispenseOne = Measurement.measure(1, 60, i -> pharmacy.submit("DispensePacks",
                packs(lot, 10_001 + i, 10_001 + i)).transactionBytes(), 1);
        final Rate dispenseOneParallel = Measurement.measure(CALLERS, 60, i -> pharmacy.submit("DispensePacks",
                packs(lot, 10_101 + i, 10_101 + i)).transactionBytes(), 1);
        report.table("DispensePacks", List.of(dispenseMany.row("1,000 per call, 1 caller"),
                dispenseOne.row("1 per call, 1 caller"), dispenseOneParallel.row("1 per call, " + CALLERS
                        + " callers")));

        final Rate verifyOne = Measurement.measure(1, 400, i -> evaluate(lot, 1 + i % 10_000), 1);
        final Rate verifyMany = Measurement.measure(CALLERS, 200, i -> evaluate(lot, 1 + i % 10_000), 1);
        report.table("VerifyPack (evaluate, the pharmacy's own peer)", List.of(verifyOne.row("1 caller"),
                verifyMany.row(CALLERS + " callers")));

        report.ratios(List.of(
                Report.ratio("one-pack dispenses/s vs one-key writes/s, " + CALLERS + " callers",
                        dispenseOneParallel, baselineParallel),
                Report.ratio("one-pack dispenses/s vs one-key writes/s, 1 caller", dispenseOne, baselineSerial),
                Report.ratio("packs commissioned/s (best chunk) vs one-key writes/s, " + CALLERS + " callers", best,
                        baselineParallel)));
        memory();
    }

    // ------------------------------------------------------------------------------------------------ workloads

    private Rate baseline(final int callers, final int callsPerCaller) throws Exception {
        try (LedgerClient client = LedgerClient.as(Organisation.MANUFACTURER, "User1", BASELINE)) {
            return Measurement.measure(callers, callsPerCaller, i -> client.submit("baseline:Put",
                    "bench-" + run + "-" + callers + "-" + i, "v").transactionBytes(), 1);
        }
    }

    private Rate commission(final String lot, final int packs, final int chunk) throws Exception {
        final int calls = (packs + chunk - 1) / chunk;
        return Measurement.measure(1, calls, i -> manufacturer.submit("CommissionPacks", gtin, lot,
                serials(lot, i * chunk + 1, Math.min(packs, (i + 1) * chunk))).transactionBytes(), chunk);
    }

    private String newLot(final int quantity) throws Exception {
        final String lot = "B" + run + "-" + ++lots;
        manufacturer.submit("RegisterBatch", gtin, lot, EXPIRY, Integer.toString(quantity));
        return lot;
    }

    private int evaluate(final String lot, final int n) {
        pharmacy.evaluate("VerifyPack", gtin, serial(lot, n), lot, EXPIRY);
        return 0;
    }

    /** The network's own processes, totalled against the target; the benchmark's baseline service apart. */
    private void memory() throws IOException {
        final Path pids = FabricNetwork.organizations().getParent().resolve("pids");
        final List<String> rows = new ArrayList<>();
        final List<String> extra = new ArrayList<>();
        long total = 0;
        try (Stream<Path> files = Files.list(pids)) {
            for (final Path file : files.sorted().toList()) {
                final String name = file.getFileName().toString().replace(".pid", "");
                final long kb = rssKb(Files.readString(file).strip());
                final String row = String.format(Locale.ROOT, "| %s | %,d |", name, kb / 1024);
                if (name.equals("chaincode-" + BASELINE)) {
                    extra.add(row.replace(name, name + " (the benchmark's, not the network's)"));
                } else {
                    total += kb;
                    rows.add(row);
                }
            }
        }
        rows.add(String.format(Locale.ROOT, "| **the network: all %d processes** | **%,d** |", rows.size(),
                total / 1024));
        rows.addAll(extra);
        report.table("Resident memory after the benchmark", rows, "| process | RSS MB |", "|---|---|");
    }

    private static long rssKb(final String pid) throws IOException {
        final Path status = Path.of("/proc", pid, "status");
        if (!Files.exists(status)) {
            return 0;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong).findFirst().orElse(0);
    }

    // ------------------------------------------------------------------------------------------------ arguments

    private String serial(final String lot, final int n) {
        return String.format(Locale.ROOT, "%s-%07d", lot, n);
    }

    private String serials(final String lot, final int from, final int to) throws IOException {
        return JSON.writeValueAsString(IntStream.rangeClosed(from, to).mapToObj(n -> serial(lot, n)).toList());
    }

    private String packs(final String lot, final int from, final int to) throws IOException {
        return JSON.writeValueAsString(IntStream.rangeClosed(from, to)
                .mapToObj(n -> Map.of("gtin", gtin, "serial", serial(lot, n))).toList());
    }

    private String contents(final String lot, final int from, final int to) throws IOException {
        return JSON.writeValueAsString(Map.of("packs", IntStream.rangeClosed(from, to)
                .mapToObj(n -> Map.of("gtin", gtin, "serial", serial(lot, n))).toList()));
    }

    private static String gs1(final String stem) {
        return stem + Gtin.checkDigit(stem);
    }

    private static Map<String, String> options(final String[] args) {
        final Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--markdown")) {
            throw new IllegalArgumentException("usage: NetworkBenchmark --markdown FILE [--million-packs N]"
                    + " [--sweep-packs N]; got " + Arrays.toString(args));
        }
        return options;
    }
}
