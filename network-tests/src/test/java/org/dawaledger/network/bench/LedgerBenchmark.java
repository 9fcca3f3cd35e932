package org.dawaledger.network.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dawaledger.chaincode.ChaincodeService;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.ledger.BlockFeed;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.CommittedBlock;
import org.dawaledger.ledger.CommittedTransaction;
import org.dawaledger.ledger.EmbeddedLedger;
import org.dawaledger.ledger.Evaluated;
import org.dawaledger.ledger.FabricLedger;
import org.dawaledger.ledger.Ledger;
import org.dawaledger.ledger.Submitted;
import org.dawaledger.ledger.identity.LocalCa;
import org.dawaledger.ledger.store.RocksStore;
import org.dawaledger.network.LedgerClient;
import org.dawaledger.network.LedgerClient.Committed;
import org.dawaledger.network.Organisation;
import org.dawaledger.network.bench.Measurement.Rate;
import org.dawaledger.network.bench.Measurement.Report;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * The local ledger's benchmark (scripts/bench-ledger.sh starts it). The embedded ledger on RocksDB with the real
 * contract in-process: a million packs commissioned, one-pack dispenses, VerifyPack on the local copy at 1 and 2
 * threads, each beside the simplest contract's writes of as many keys on the same ledger. Then, on the running
 * network: a million packs commissioned through the manufacturer's peer while the pharmacy's copy follows its own
 * peer (blocks and keys applied against the network's own commits, and how far behind it is), a fresh copy catching
 * up from block 0, and VerifyPack on the pharmacy's copy against the same evaluation on its peer, in the same run.
 *
 * <p>Arguments: {@code --markdown FILE} (required), {@code --packs N} (default 1,000,000), {@code --network-packs N}
 * (default 1,000,000; 0 skips the network), {@code --seconds S} per VerifyPack row (default 10).
 */
public final class LedgerBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGULATOR_GLN = gs1("896000000001");
    private static final String MANUFACTURER_GLN = gs1("896000000002");
    private static final String PHARMACY_GLN = gs1("896000000005");
    private static final String EXPIRY = "301231";
    private static final int CHUNK = 10_000;
    private static final int CALLERS = 16;
    private static final int DISPENSE_PACKS = 10_000;

    private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));
    private final Report report = new Report();
    private final Path work;
    private final Chaincode contract = ChaincodeService.inProcess();
    private final Duration verifySeconds;
    /** The embedded ledger's VerifyPack at 1 and 2 threads, to set beside the peer's. */
    private List<Rate> embeddedVerify = List.of();

    private LedgerBenchmark(final Path work, final Duration verifySeconds) {
        this.work = work;
        this.verifySeconds = verifySeconds;
    }

    public static void main(final String[] args) throws Exception {
        final Map<String, String> options = options(args);
        final Path work = Files.createTempDirectory("bench-ledger");
        try {
            final LedgerBenchmark benchmark = new LedgerBenchmark(work,
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("--seconds", "10"))));
            benchmark.embedded(Integer.parseInt(options.getOrDefault("--packs", "1000000")));
            final int networkPacks = Integer.parseInt(options.getOrDefault("--network-packs", "1000000"));
            if (networkPacks > 0) {
                benchmark.network(networkPacks);
            }
            Files.write(Path.of(options.get("--markdown")), benchmark.report.lines(), UTF_8);
        } finally {
            delete(work);
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------------ embedded

    private void embedded(final int packs) throws Exception {
        final LocalCa regulators = LocalCa.open(work.resolve("ca/regulator"), "RegulatorMSP");
        final LocalCa manufacturers = LocalCa.open(work.resolve("ca/manufacturer"), "ManufacturerMSP");
        final LocalCa pharmacies = LocalCa.open(work.resolve("ca/pharmacy"), "PharmacyMSP");
        final Caller regulator = regulators.member("admin", LocalCa.Role.ADMIN);
        final Caller manufacturer = manufacturers.member("user1", LocalCa.Role.CLIENT);
        final Caller pharmacist = pharmacies.member("till1", LocalCa.Role.CLIENT);
        final Path storeFolder = work.resolve("embedded");
        System.out.printf("bench: embedded ledger on RocksDB in %s%n", storeFolder);
        try (EmbeddedLedger ledger = EmbeddedLedger.builder(RocksStore.open(storeFolder), contract)
                .member("RegulatorMSP", regulators.certificate())
                .member("ManufacturerMSP", manufacturers.certificate())
                .member("PharmacyMSP", pharmacies.certificate()).open()) {
            valid(ledger.submit(regulator, "InitLedger", "RegulatorMSP", REGULATOR_GLN,
                    "Drug Regulatory Authority of Pakistan", "DRAP-HQ-001"));
            valid(ledger.submit(regulator, "RegisterParticipant", MANUFACTURER_GLN, "MANUFACTURER",
                    "Indus Pharmaceuticals Ltd", "DML-000123", "[\"8960001\"]", "ManufacturerMSP",
                    manufacturer.certificatePem()));
            valid(ledger.submit(regulator, "RegisterParticipant", PHARMACY_GLN, "PHARMACY", "Shifa Pharmacy",
                    "DPL-000555", "", "PharmacyMSP", pharmacist.certificatePem()));
            final String gtin = gs1("08960001" + run);
            valid(ledger.submit(manufacturer, "RegisterProduct", gtin, "Bench " + run, "500 mg", "tablet",
                    "REG-B" + run, ""));
            valid(ledger.submit(regulator, "ApproveProduct", gtin, "benchmark"));
            final String lot = "B" + run;
            valid(ledger.submit(manufacturer, "RegisterBatch", gtin, lot, EXPIRY, Integer.toString(packs)));

            final Rate commissioned = Measurement.measure(1, packs / CHUNK, i -> committed(ledger.submit(
                    manufacturer, "CommissionPacks", gtin, lot, serials(lot, i * CHUNK + 1, (i + 1) * CHUNK))),
                    CHUNK);
            final int packBytes = packRecordBytes(ledger, gtin, lot);
            final Rate putMany = Measurement.measure(1, packs / CHUNK, i -> committed(ledger.submit(manufacturer,
                    "baseline:PutMany", "many-" + i, Integer.toString(CHUNK), Integer.toString(packBytes))), CHUNK);
            report.table(String.format(Locale.ROOT, "Embedded: %,d packs commissioned (one batch, %,d per call)",
                    packs, CHUNK), List.of(
                            commissioned.row(String.format(Locale.ROOT, "CommissionPacks, %.1f s in all",
                                    commissioned.seconds())),
                            putMany.row(String.format(Locale.ROOT, "baseline: `PutMany` of %,d keys of %d bytes,"
                                    + " %.1f s in all", CHUNK, packBytes, putMany.seconds()))),
                    "| run | calls | keys or packs per second | p50 ms | p99 ms | largest transaction |",
                    "|---|---|---|---|---|---|");

            final Submitted shipped = valid(ledger.submit(manufacturer, "ShipPacks", PHARMACY_GLN,
                    contents(gtin, lot, 1, DISPENSE_PACKS)));
            valid(ledger.submit(pharmacist, "ReceiveShipment",
                    JSON.readTree(shipped.answer()).get("shipmentId").asText()));
            final Rate dispenseOne = Measurement.measure(1, 100, i -> committed(ledger.submit(pharmacist,
                    "DispensePacks", packs(gtin, lot, 1 + i))), 1);
            final Rate dispenseMany = Measurement.measure(CALLERS, 200, i -> committed(ledger.submit(pharmacist,
                    "DispensePacks", packs(gtin, lot, 101 + i))), 1);
            final Rate putOne = Measurement.measure(1, 100, i -> committed(ledger.submit(pharmacist,
                    "baseline:Put", "one-" + i, "v")), 1);
            final Rate putOneMany = Measurement.measure(CALLERS, 200, i -> committed(ledger.submit(pharmacist,
                    "baseline:Put", "many-one-" + i, "v")), 1);
            report.table("Embedded: one-pack dispenses committed", List.of(
                    dispenseOne.row("DispensePacks of 1 pack, 1 caller"),
                    dispenseMany.row("DispensePacks of 1 pack, " + CALLERS + " callers"),
                    putOne.row("baseline: `Put` of 1 key, 1 caller"),
                    putOneMany.row("baseline: `Put` of 1 key, " + CALLERS + " callers")));

            final Rate verifyOne = verify(1, ledger::evaluate, pharmacist, gtin, lot, packs);
            final Rate verifyTwo = verify(2, ledger::evaluate, pharmacist, gtin, lot, packs);
            report.table(String.format(Locale.ROOT, "Embedded: VerifyPack on the local copy (%,d packs in it)",
                    packs), List.of(verifyOne.row("1 thread"), verifyTwo.row("2 threads")));
            report.ratios(List.of(
                    Report.ratio("embedded: packs commissioned/s vs `PutMany` keys/s", commissioned, putMany),
                    Report.ratio("embedded: one-pack dispenses/s vs one-key writes/s, 1 caller", dispenseOne,
                            putOne),
                    Report.ratio("embedded: one-pack dispenses/s vs one-key writes/s, " + CALLERS + " callers",
                            dispenseMany, putOneMany)));
            embeddedVerify = List.of(verifyOne, verifyTwo);
        }
    }

    /** The size of one commissioned pack's state record, for a baseline that writes keys of the same size. */
    private static int packRecordBytes(final EmbeddedLedger ledger, final String gtin, final String lot) {
        final String key = "\u0000pack\u0000" + gtin + "\u0000" + serial(lot, 1) + "\u0000";
        final var record = ledger.state().get(key);
        if (record == null) {
            throw new IllegalStateException("no pack record under " + key.replace('\u0000', '/'));
        }
        return record.value().length;
    }

    // ------------------------------------------------------------------------------------------------ network

    private void network(final int packs) throws Exception {
        final Caller pharmacist = Organisation.PHARMACY.caller("User1");
        try (LedgerClient regulator = LedgerClient.as(Organisation.REGULATOR, "Admin");
                LedgerClient manufacturer = LedgerClient.as(Organisation.MANUFACTURER, "User1");
                FabricLedger copy = follow(work.resolve("follower"), pharmacist)) {
            final String gtin = gs1("08960001" + run);
            final String lot = "N" + run;
            manufacturer.submit("RegisterProduct", gtin, "Bench N" + run, "500 mg", "tablet", "REG-N" + run, "");
            manufacturer.awaitBlock(regulator.submit("ApproveProduct", gtin, "benchmark").blockNumber());
            final Committed batch = manufacturer.submit("RegisterBatch", gtin, lot, EXPIRY, Integer.toString(packs));
            awaitHeight(copy, batch.blockNumber() + 1);

            // Every block the copy applies, with when and how many keys, while the network commits.
            final Map<Long, long[]> applied = new ConcurrentHashMap<>();
            final Thread watcher = new Thread(() -> {
                try (BlockFeed feed = copy.blocks(copy.height())) {
                    while (!Thread.currentThread().isInterrupted()) {
                        final CommittedBlock block = feed.next();
                        applied.put(block.number(), new long[] {System.nanoTime(), keys(block)});
                    }
                } catch (java.util.NoSuchElementException e) {
                    // the copy was closed
                }
            }, "bench-watcher");
            watcher.setDaemon(true);
            watcher.start();
            final Map<Long, Long> committedAt = new ConcurrentHashMap<>();
            final long start = System.nanoTime();
            final Rate commissioned = Measurement.measure(1, packs / CHUNK, i -> {
                final Committed committed = manufacturer.submit("CommissionPacks", gtin, lot,
                        serials(lot, i * CHUNK + 1, (i + 1) * CHUNK));
                committedAt.put(committed.blockNumber(), System.nanoTime());
                return committed.transactionBytes();
            }, CHUNK);
            final long lastBlock = Collections.max(committedAt.keySet());
            awaitHeight(copy, lastBlock + 1);
            // The feed hands a block on just after the copy has it.
            final long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!applied.containsKey(lastBlock)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the copy's feed never handed on block " + lastBlock);
                }
                Thread.sleep(5);
            }
            watcher.interrupt();

            final List<Long> window = applied.keySet().stream().filter(number -> number <= lastBlock).sorted()
                    .toList();
            final long keys = window.stream().mapToLong(number -> applied.get(number)[1]).sum();
            final double networkSeconds = (committedAt.get(lastBlock) - start) / 1e9;
            final double copySeconds = (applied.get(lastBlock)[0] - start) / 1e9;
            final long[] lags = committedAt.entrySet().stream().filter(entry -> applied.containsKey(entry.getKey()))
                    .mapToLong(entry -> applied.get(entry.getKey())[0] - entry.getValue()).sorted().toArray();

            final Path catchUpFolder = work.resolve("catch-up");
            final long height = copy.height();
            final long catchUpStart = System.nanoTime();
            long catchUpKeys = 0;
            final double catchUpSeconds;
            try (FabricLedger fresh = follow(catchUpFolder, pharmacist)) {
                awaitHeight(fresh, height);
                catchUpSeconds = (System.nanoTime() - catchUpStart) / 1e9;
                try (BlockFeed feed = fresh.blocks(0)) {
                    for (long number = 0; number < height; number++) {
                        catchUpKeys += keys(feed.next());
                    }
                }
            }
            report.table(String.format(Locale.ROOT, "Network: the pharmacy's copy following its peer while"
                        + " %,d packs are commissioned (%,d per call)", packs, CHUNK), List.of(
                                String.format(Locale.ROOT, "| the network commits (manufacturer's submits) | %,d |"
                                        + " %.1f | %.1f | %,.0f | %,.0f |", window.size(), networkSeconds,
                                        window.size() / networkSeconds, keys / networkSeconds,
                                        commissioned.perSecond()),
                                String.format(Locale.ROOT, "| the copy applies them (same blocks) | %,d | %.1f |"
                                        + " %.1f | %,.0f | — |", window.size(), copySeconds,
                                        window.size() / copySeconds, keys / copySeconds),
                                String.format(Locale.ROOT, "| a fresh copy catching up from block 0 | %,d | %.1f |"
                                        + " %.1f | %,.0f | — |", height, catchUpSeconds, height / catchUpSeconds,
                                        catchUpKeys / catchUpSeconds)),
                        "| who | blocks | s | blocks/s | keys/s | packs/s |", "|---|---|---|---|---|---|");
            report.table("Network: how far behind the committing client the copy applied each block", List.of(
                    String.format(Locale.ROOT, "| %,d | %.0f | %.0f | %.0f | %.0f |", lags.length,
                            percentile(lags, 50), percentile(lags, 99), lags[lags.length - 1] / 1e6,
                            lags[0] / 1e6)),
                    "| blocks | p50 ms | p99 ms | max ms | min ms |", "|---|---|---|---|---|");

            final Rate localOne = verify(1, copy::evaluate, pharmacist, gtin, lot, packs);
            final Rate localTwo = verify(2, copy::evaluate, pharmacist, gtin, lot, packs);
            final Rate peerOne = verify(1, copy::evaluateOnPeer, pharmacist, gtin, lot, packs);
            final Rate peerTwo = verify(2, copy::evaluateOnPeer, pharmacist, gtin, lot, packs);
            final Rate peerMany = verify(CALLERS, copy::evaluateOnPeer, pharmacist, gtin, lot, packs);
            report.table(String.format(Locale.ROOT, "Network: VerifyPack on the pharmacy's copy and on its peer"
                    + " (%,d packs of the batch)", packs), List.of(
                            localOne.row("local copy, 1 thread"), localTwo.row("local copy, 2 threads"),
                            peerOne.row("peer evaluate, 1 caller"), peerTwo.row("peer evaluate, 2 callers"),
                            peerMany.row("peer evaluate, " + CALLERS + " callers")));
            final List<String> ratios = new ArrayList<>(List.of(
                    Report.ratio("the copy's blocks/s vs the network's, while commissioning",
                            perSecond(window.size(), copySeconds), perSecond(window.size(), networkSeconds)),
                    Report.ratio("a fresh copy's keys/s catching up vs the network's keys/s committing",
                            perSecond(catchUpKeys, catchUpSeconds), perSecond(keys, networkSeconds)),
                    Report.ratio("local VerifyPack/s vs peer evaluate/s, 1 thread", localOne, peerOne),
                    Report.ratio("local VerifyPack/s vs peer evaluate/s, 2 threads", localTwo, peerTwo),
                    Report.ratio("local VerifyPack/s, 2 threads, vs peer evaluate/s at its best of "
                            + CALLERS + " callers", localTwo, peerMany)));
            if (!embeddedVerify.isEmpty()) {
                ratios.add(Report.ratio("embedded VerifyPack/s, 2 threads, vs peer evaluate/s, 2 callers",
                        embeddedVerify.get(1), peerTwo));
            }
            report.table("Network: against the baseline", ratios, "| figure | measured | baseline | ratio |",
                    "|---|---|---|---|");
        }
    }

    private FabricLedger follow(final Path folder, final Caller member) {
        final String[] partners = Arrays.stream(Organisation.values()).filter(o -> o != Organisation.PHARMACY)
                .map(Organisation::mspId).toArray(String[]::new);
        return FabricLedger.builder(RocksStore.open(folder), contract, FabricLedger.peer(
                Organisation.PHARMACY.peerEndpoint(), Organisation.PHARMACY.tlsCa())).organisation(member)
                .endorsingPartners(partners).open();
    }

    private static void awaitHeight(final Ledger ledger, final long height) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (ledger.height() < height) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the copy reached " + ledger.height() + " of " + height + " blocks");
            }
            Thread.sleep(5);
        }
    }

    private static long keys(final CommittedBlock block) {
        return block.transactions().stream().filter(CommittedTransaction::isValid)
                .mapToLong(transaction -> transaction.writes().size()).sum();
    }

    // ------------------------------------------------------------------------------------------------ reads

    /** Where a VerifyPack runs: the local copy's evaluate or the peer's. */
    private interface Reader {
        Evaluated evaluate(Caller caller, String function, String... arguments);
    }

    private Rate verify(final int threads, final Reader reader, final Caller caller, final String gtin,
            final String lot, final int packs) throws Exception {
        return Measurement.measureFor(threads, verifySeconds, i -> {
            final int n = 1 + ThreadLocalRandom.current().nextInt(packs);
            expectVerified(reader.evaluate(caller, "VerifyPack", gtin, serial(lot, n), lot, EXPIRY).answer());
            return 0;
        });
    }

    /** A benchmark of answers nobody checked could time errors: every answer must find its pack. */
    private static void expectVerified(final byte[] answer) throws IOException {
        final String verdict = JSON.readTree(answer).path("verdict").asText();
        if (!verdict.equals("ACTIVE") && !verdict.equals("ALREADY_SUPPLIED")) {
            throw new IllegalStateException("VerifyPack answered " + new String(answer, UTF_8));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Submitted valid(final Submitted submitted) {
        if (!submitted.isValid()) {
            throw new IllegalStateException("transaction " + submitted.transactionId() + " was committed as "
                    + submitted.validationCode());
        }
        return submitted;
    }

    /**
     * Checks that an embedded call committed; its transaction's size is not reported, as the embedded ledger sends
     * none over a wire.
     */
    private static int committed(final Submitted submitted) {
        valid(submitted);
        return 0;
    }

    private static Rate perSecond(final double count, final double seconds) {
        return new Rate(count / seconds, seconds, 0, 0, 0, 0);
    }

    private static double percentile(final long[] sortedNanos, final int percent) {
        final int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    private static String serial(final String lot, final int n) {
        return String.format(Locale.ROOT, "%s-%07d", lot, n);
    }

    private static String serials(final String lot, final int from, final int to) throws IOException {
        return JSON.writeValueAsString(IntStream.rangeClosed(from, to).mapToObj(n -> serial(lot, n)).toList());
    }

    private static String packs(final String gtin, final String lot, final int n) throws IOException {
        return JSON.writeValueAsString(List.of(Map.of("gtin", gtin, "serial", serial(lot, n))));
    }

    private static String contents(final String gtin, final String lot, final int from, final int to)
            throws IOException {
        return JSON.writeValueAsString(Map.of("packs", IntStream.rangeClosed(from, to)
                .mapToObj(n -> Map.of("gtin", gtin, "serial", serial(lot, n))).toList()));
    }

    private static String gs1(final String stem) {
        return stem + Gtin.checkDigit(stem);
    }

    private static void delete(final Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Map<String, String> options(final String[] args) {
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--markdown")) {
            throw new IllegalArgumentException("usage: LedgerBenchmark --markdown FILE [--packs N]"
                    + " [--network-packs N] [--seconds S]; got " + Arrays.toString(args));
        }
        return options;
    }
}
