package org.dawaledger.ledger.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.dawaledger.ledger.store.MvStoreStore;
import org.dawaledger.ledger.store.OrderedStore;
import org.dawaledger.ledger.store.RocksStore;
import org.dawaledger.ledger.store.SqliteStore;
import org.dawaledger.ledger.store.WriteBatch;

/**
 * Measures the three candidates for the ledger's embedded store (RocksDB, H2's MVStore, SQLite) on the ledger's own
 * workload, so that one of them is chosen by measurement: commissioning 1,000,000 packs in blocks of 10,000, each
 * block one durable batch of its state puts, their history, the block itself and the height, then point reads of
 * packs (what a verification is), a range scan, a reopen, and what each costs in disk, memory and jar.
 *
 * <p>Not a test (its name does not end in Test/IT, so surefire and failsafe never run it): a command, run by
 * {@code scripts/bench-store.sh}. Each store is measured in a JVM of its own, so that the resident memory figures are
 * the store's (RocksDB and SQLite hold native memory a heap figure misses) and no store inherits another's JIT or
 * heap; machine noise is spread by rounds: every store once, then every store again in reverse order. Besides the
 * three planned candidates it measures SQLite with a rowid table, since the planned WITHOUT ROWID table proved slow.
 *
 * <p>Options: {@code --packs 1000000}, {@code --block-packs 10000}, {@code --tx-packs 5000} (packs per transaction,
 * the clients' chunk), {@code --block-bytes 3000000} (the block record), {@code --gets 200000} (per read figure),
 * {@code --warmup-gets 200000}, {@code --scans 20}, {@code --serials sequential|random}, {@code --cap-seconds 150}
 * (a store's load stops after the block that passes it), {@code --read-cap-seconds 20} (the same for each read
 * phase), {@code --rounds 2}, {@code --stores rocksdb,mvstore,sqlite,sqlite-rowid}, {@code --data DIR} (the stores'
 * files, each deleted after its measurement), {@code --jvm-args "-Xms512m -Xmx512m ..."} (the children's),
 * {@code --markdown FILE} (also write the figures as Markdown). {@code --store NAME --dir DIR --result FILE} runs one
 * measurement in this JVM (what the children are started with).
 */
public final class StoreBenchmark {
    private static final String GTIN = "08960000000016";
    private static final String LOT = "B12345";
    private static final String GLN = "8960000000023";
    private static final byte[] PACK_JSON = ("{\"custodianGln\":\"" + GLN + "\",\"lastAction\":\"COMMISSIONED\","
            + "\"lastActionAt\":\"2026-12-02T00:00:00Z\",\"lastActionBy\":\"" + GLN + "\",\"lot\":\"" + LOT + "\","
            + "\"status\":\"ACTIVE\"}").getBytes(UTF_8);
    /** Everything of a pack's state key before its serial's digits. */
    private static final byte[] STATE_KEY_HEAD = ("\u0000pack\u0000" + GTIN + "\u0000" + LOT + "-").getBytes(UTF_8);
    private static final int SERIAL_DIGITS = 7;
    /** Scans cover the serials of one prefix of the digits: 10^3 of them. */
    private static final int SCAN_KEYS = 1_000;
    private static final byte[] HEIGHT_KEY = "m/height".getBytes(UTF_8);
    private static final long EPOCH_MILLIS = 1_796_169_600_000L;
    private static final long SEED = 20_261_202L;
    private static final double MB = 1024.0 * 1024.0;

    /** A candidate: its name on the command line, how it is opened, and the jar it brings. */
    private enum Candidate {
        ROCKSDB("rocksdb", "RocksDB", "RocksDB", RocksStore::open, "rocksdbjni-"),
        MVSTORE("mvstore", "MVStore", "H2 MVStore", MvStoreStore::open, "h2-"),
        SQLITE("sqlite", "SQLite WITHOUT ROWID", "SQLite", SqliteStore::open, "sqlite-jdbc-"),
        /** Not one of the three planned: the rowid layout, after the planned one proved slow with big values. */
        SQLITE_ROWID("sqlite-rowid", "SQLite rowid table", "SQLite",
                dir -> SqliteStore.open(dir, SqliteStore.Layout.ROWID), "sqlite-jdbc-");

        final String id;
        final String title;
        final String product;
        final Function<Path, OrderedStore> opener;
        final String jarPrefix;

        Candidate(final String id, final String title, final String product,
                final Function<Path, OrderedStore> opener, final String jarPrefix) {
            this.id = id;
            this.title = title;
            this.product = product;
            this.opener = opener;
            this.jarPrefix = jarPrefix;
        }

        static Candidate of(final String id) {
            return Arrays.stream(values()).filter(candidate -> candidate.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown store " + id));
        }
    }

    /** The workload, the same for every store. */
    private record Workload(int packs, int blockPacks, int txPacks, int blockBytes, int gets, int warmupGets,
            int scans, boolean randomSerials, int capSeconds, int readCapSeconds) {
        int blocks() {
            return (packs + blockPacks - 1) / blockPacks;
        }

        List<String> arguments() {
            return List.of("--packs", Integer.toString(packs), "--block-packs", Integer.toString(blockPacks),
                    "--tx-packs", Integer.toString(txPacks), "--block-bytes", Integer.toString(blockBytes),
                    "--gets", Integer.toString(gets), "--warmup-gets", Integer.toString(warmupGets), "--scans",
                    Integer.toString(scans), "--serials", randomSerials ? "random" : "sequential", "--cap-seconds",
                    Integer.toString(capSeconds), "--read-cap-seconds", Integer.toString(readCapSeconds));
        }
    }

    private StoreBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        int packs = 1_000_000;
        int blockPacks = 10_000;
        int txPacks = 5_000;
        int blockBytes = 3_000_000;
        int gets = 200_000;
        int warmupGets = 200_000;
        int scans = 20;
        boolean randomSerials = false;
        int capSeconds = 150;
        int readCapSeconds = 20;
        int rounds = 2;
        List<Candidate> candidates = List.of(Candidate.values());
        Path data = null;
        // A heap fixed and touched from the start, so that RSS minus the heap is what lies outside it.
        String jvmArgs = "-Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+UseSerialGC";
        Path markdown = null;
        Candidate store = null;
        Path dir = null;
        Path result = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--packs" -> packs = Integer.parseInt(args[++i]);
                case "--block-packs" -> blockPacks = Integer.parseInt(args[++i]);
                case "--tx-packs" -> txPacks = Integer.parseInt(args[++i]);
                case "--block-bytes" -> blockBytes = Integer.parseInt(args[++i]);
                case "--gets" -> gets = Integer.parseInt(args[++i]);
                case "--warmup-gets" -> warmupGets = Integer.parseInt(args[++i]);
                case "--scans" -> scans = Integer.parseInt(args[++i]);
                case "--serials" -> randomSerials = switch (args[++i]) {
                    case "sequential" -> false;
                    case "random" -> true;
                    default -> throw new IllegalArgumentException("--serials is sequential or random");
                };
                case "--cap-seconds" -> capSeconds = Integer.parseInt(args[++i]);
                case "--read-cap-seconds" -> readCapSeconds = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--stores" -> candidates = Arrays.stream(args[++i].split(",")).map(Candidate::of).toList();
                case "--data" -> data = Path.of(args[++i]);
                case "--jvm-args" -> jvmArgs = args[++i];
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--store" -> store = Candidate.of(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--result" -> result = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (packs % blockPacks != 0 || blockPacks % txPacks != 0 || Math.pow(10, SERIAL_DIGITS) < packs
                || packs < SCAN_KEYS) {
            throw new IllegalArgumentException("--packs must be a multiple of --block-packs, which must be one of"
                    + " --tx-packs, with at least " + SCAN_KEYS + " and at most 10^" + SERIAL_DIGITS + " packs");
        }
        final Workload workload = new Workload(packs, blockPacks, txPacks, blockBytes, gets, warmupGets, scans,
                randomSerials, capSeconds, readCapSeconds);
        if (store != null) {
            final Properties figures = measure(store, workload, dir);
            try (Writer out = Files.newBufferedWriter(result, UTF_8)) {
                figures.store(out, store.id);
            }
            return;
        }
        final Path root = data != null ? data : Files.createTempDirectory("store-benchmark");
        Files.createDirectories(root);
        final String fileSystem = Files.getFileStore(root).type();
        final List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            final List<Candidate> order = new ArrayList<>(candidates);
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (final Candidate candidate : order) {
                runs.add(runChild(candidate, round, workload, root, jvmArgs));
            }
        }
        if (data == null) {
            deleteTree(root);
        }
        // One row per jar: both SQLite layouts come from the same one.
        final List<JarFigures> jars = new ArrayList<>();
        for (final Candidate candidate : candidates) {
            if (jars.stream().noneMatch(jar -> jar.candidate().product.equals(candidate.product))) {
                jars.add(jarFigures(candidate));
            }
        }
        System.out.print(text(runs, jars));
        if (markdown != null) {
            Files.writeString(markdown, markdownSection(workload, runs, jars, jvmArgs, root, fileSystem), UTF_8);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // One store, in its own JVM

    private static Properties measure(final Candidate candidate, final Workload workload, final Path dir)
            throws Exception {
        final Map<String, Object> figures = new LinkedHashMap<>();
        final Serials serials = new Serials(workload.packs(), workload.randomSerials());
        final String name = candidate.id;
        deleteTree(dir);
        figures.put("rssBeforeOpenMb", rssMb("VmRSS"));

        long start = System.nanoTime();
        OrderedStore store = candidate.opener.apply(dir);
        figures.put("createMs", millisSince(start));

        // Load: only store.write is timed per block; building the batch is the ledger's work, not the store's.
        final long[] blockNanos = new long[workload.blocks()];
        final long writtenBefore = ioCounter("write_bytes");
        final long cpuBefore = processCpuNanos();
        final long loadStart = System.nanoTime();
        long logicalBytes = 0;
        int blocks = 0;
        boolean capped = false;
        while (blocks < workload.blocks()) {
            final WriteBatch batch = block(blocks + 1, workload, serials);
            logicalBytes += batch.bytes();
            start = System.nanoTime();
            store.write(batch);
            blockNanos[blocks] = System.nanoTime() - start;
            blocks++;
            if (blocks % 10 == 0 || blocks == workload.blocks()) {
                System.err.printf(Locale.ROOT, "store: %s block %d/%d (last write %.0f ms, %.0f s so far)%n", name,
                        blocks, workload.blocks(), blockNanos[blocks - 1] / 1e6, (System.nanoTime() - loadStart) / 1e9);
            }
            if (System.nanoTime() - loadStart > TimeUnit.SECONDS.toNanos(workload.capSeconds())
                    && blocks < workload.blocks()) {
                capped = true;
                System.err.printf(Locale.ROOT, "store: %s stopped at block %d/%d: over the cap of %d s%n", name,
                        blocks, workload.blocks(), workload.capSeconds());
                break;
            }
        }
        final long loadWallNanos = System.nanoTime() - loadStart;
        final long[] measuredBlocks = Arrays.copyOf(blockNanos, blocks);
        final int loaded = blocks * workload.blockPacks();
        figures.put("blocks", blocks);
        figures.put("packs", loaded);
        figures.put("capped", capped);
        figures.put("loadWriteSeconds", Arrays.stream(measuredBlocks).sum() / 1e9);
        figures.put("loadWallSeconds", loadWallNanos / 1e9);
        figures.put("blockP50Ms", percentile(measuredBlocks, 50) / 1e6);
        figures.put("blockP99Ms", percentile(measuredBlocks, 99) / 1e6);
        figures.put("blockMaxMs", Arrays.stream(measuredBlocks).max().orElse(0) / 1e6);
        figures.put("logicalMb", logicalBytes / MB);
        figures.put("diskWrittenMb", writtenBefore < 0 ? -1 : (ioCounter("write_bytes") - writtenBefore) / MB);
        figures.put("loadCpuSeconds", (processCpuNanos() - cpuBefore) / 1e9);
        System.gc();
        System.gc();
        final Runtime runtime = Runtime.getRuntime();
        figures.put("heapAfterLoadMb", (runtime.totalMemory() - runtime.freeMemory()) / MB);
        // The whole heap, both survivor spaces too (the memory beans and Runtime show only one of them); touched at
        // start with -Xms = -Xmx and AlwaysPreTouch, it is all resident.
        figures.put("heapCommittedMb", Long.parseLong(ManagementFactory.getPlatformMXBean(
                HotSpotDiagnosticMXBean.class).getVMOption("MaxHeapSize").getValue()) / MB);
        figures.put("rssAfterLoadMb", rssMb("VmRSS"));

        // Reads: keys drawn from the packs loaded, the same for every store (one seed).
        final Random random = new Random(SEED);
        final byte[][] warmup = randomStateKeys(random, workload.warmupGets(), loaded, serials);
        final byte[][] single = randomStateKeys(random, workload.gets(), loaded, serials);
        final byte[][] pair = randomStateKeys(random, workload.gets(), loaded, serials);
        final long readCap = TimeUnit.SECONDS.toNanos(workload.readCapSeconds());
        figures.put("warmupGets", timedGets(store, warmup, System.nanoTime() + readCap).length);
        System.err.printf(Locale.ROOT, "store: %s gets, 1 thread%n", name);
        start = System.nanoTime();
        final long[] singleNanos = timedGets(store, single, start + readCap);
        figures.put("get1Count", singleNanos.length);
        figures.put("get1PerSecond", singleNanos.length / ((System.nanoTime() - start) / 1e9));
        figures.put("get1P50Us", percentile(singleNanos, 50) / 1e3);
        figures.put("get1P99Us", percentile(singleNanos, 99) / 1e3);
        System.err.printf(Locale.ROOT, "store: %s gets, 2 threads%n", name);
        final long[][] pairNanos = new long[2][];
        final long pairWallNanos = twoThreadGets(store, pair, pairNanos, random, workload.warmupGets() / 2,
                readCap);
        final long[] bothNanos = Arrays.copyOf(pairNanos[0], pairNanos[0].length + pairNanos[1].length);
        System.arraycopy(pairNanos[1], 0, bothNanos, pairNanos[0].length, pairNanos[1].length);
        figures.put("get2Count", bothNanos.length);
        figures.put("get2PerSecond", bothNanos.length / (pairWallNanos / 1e9));
        figures.put("get2P50Us", percentile(bothNanos, 50) / 1e3);
        figures.put("get2P99Us", percentile(bothNanos, 99) / 1e3);

        System.err.printf(Locale.ROOT, "store: %s scans%n", name);
        final long[] scanNanos = new long[workload.scans() + 1];
        long scanned = 0;
        for (int i = 0; i < scanNanos.length; i++) {
            final int prefix = random.nextInt(loaded / SCAN_KEYS);
            start = System.nanoTime();
            scanned += scan(store, prefix);
            scanNanos[i] = System.nanoTime() - start;
        }
        figures.put("scanFirstMs", scanNanos[0] / 1e6);
        figures.put("scanP50Ms", percentile(Arrays.copyOfRange(scanNanos, 1, scanNanos.length), 50) / 1e6);
        figures.put("scanRowsMean", (double) scanned / scanNanos.length);
        figures.put("rssPeakMb", rssMb("VmHWM"));

        start = System.nanoTime();
        store.close();
        figures.put("closeMs", millisSince(start));
        figures.put("diskMb", treeBytes(dir) / MB);

        start = System.nanoTime();
        store = candidate.opener.apply(dir);
        final byte[] height = store.get(HEIGHT_KEY);
        final byte[] first = store.get(stateKey(serials.of(random.nextInt(loaded))));
        figures.put("reopenMs", millisSince(start));
        if (first == null || height == null || ByteBuffer.wrap(height).getLong() != blocks) {
            throw new IllegalStateException(name + " lost writes across a reopen");
        }
        store.close();
        deleteTree(dir);

        final Properties properties = new Properties();
        figures.forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
        System.err.printf(Locale.ROOT, "store: %s done: %s%n", name, figures);
        return properties;
    }

    /** The batch a block's commit writes: state, history, the block record, the height. */
    private static WriteBatch block(final long number, final Workload workload, final Serials serials)
            throws IOException {
        final WriteBatch batch = new WriteBatch();
        final int firstPack = (int) (number - 1) * workload.blockPacks();
        final byte[][] keys = new byte[workload.blockPacks()][];
        final ByteArrayOutputStream writeSet = new ByteArrayOutputStream(workload.blockBytes());
        for (int i = 0; i < keys.length; i++) {
            final int tx = i / workload.txPacks();
            keys[i] = stateKey(serials.of(firstPack + i));
            final byte[] value = ByteBuffer.allocate(12 + PACK_JSON.length).putLong(number).putInt(tx).put(PACK_JSON)
                    .array();
            batch.put(keys[i], value);
            writeSet.write(keys[i]);
            writeSet.write(value);
        }
        final long millis = EPOCH_MILLIS + number * 2_000L;
        final byte[][] txIds = new byte[keys.length / workload.txPacks()][];
        for (int tx = 0; tx < txIds.length; tx++) {
            txIds[tx] = txId(number, tx);
        }
        for (int i = 0; i < keys.length; i++) {
            final int tx = i / workload.txPacks();
            final byte[] key = ByteBuffer.allocate(1 + keys[i].length + 12).put((byte) 'h').put(keys[i])
                    .putLong(number).putInt(tx).array();
            final byte[] value = ByteBuffer.allocate(64 + 8 + PACK_JSON.length).put(txIds[tx]).putLong(millis)
                    .put(PACK_JSON).array();
            batch.put(key, value);
        }
        // The block record stands for the block's write set: its state keys and values, repeated to the size.
        final byte[] set = writeSet.toByteArray();
        final byte[] record = new byte[workload.blockBytes()];
        for (int at = 0; at < record.length; at += set.length) {
            System.arraycopy(set, 0, record, at, Math.min(set.length, record.length - at));
        }
        batch.put(ByteBuffer.allocate(9).put((byte) 'b').putLong(number).array(), record);
        batch.put(HEIGHT_KEY, ByteBuffer.allocate(8).putLong(number).array());
        return batch;
    }

    private static byte[] stateKey(final int serial) {
        final byte[] key = Arrays.copyOf(STATE_KEY_HEAD, STATE_KEY_HEAD.length + SERIAL_DIGITS + 1);
        int digits = serial;
        for (int i = STATE_KEY_HEAD.length + SERIAL_DIGITS - 1; i >= STATE_KEY_HEAD.length; i--) {
            key[i] = (byte) ('0' + digits % 10);
            digits /= 10;
        }
        return key;
    }

    private static byte[] txId(final long block, final int tx) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("block " + block + " tx " + tx).getBytes(UTF_8));
            return HexFormat.of().formatHex(digest).getBytes(US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The serial number of the i-th pack commissioned: i itself, or (random) a fixed permutation of [0, packs) that
     * spreads every block over the whole key range, as randomised serials (which EU-style rules ask for) would.
     */
    private static final class Serials {
        private final int packs;
        private final long multiplier;

        Serials(final int packs, final boolean random) {
            this.packs = packs;
            long candidate = random ? 2_654_435_761L : 1;
            while (gcd(candidate, packs) != 1) {
                candidate += 2;
            }
            this.multiplier = candidate;
        }

        int of(final int pack) {
            return (int) ((pack * multiplier) % packs);
        }

        private static long gcd(final long a, final long b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }

    private static byte[][] randomStateKeys(final Random random, final int count, final int loaded,
            final Serials serials) {
        final byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            keys[i] = stateKey(serials.of(random.nextInt(loaded)));
        }
        return keys;
    }

    /** Reads the keys one by one, or as many as it can until the deadline; returns each read's time. */
    private static long[] timedGets(final OrderedStore store, final byte[][] keys, final long deadline) {
        final long[] nanos = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            final long start = System.nanoTime();
            final byte[] value = store.get(keys[i]);
            nanos[i] = System.nanoTime() - start;
            if (value == null) {
                throw new IllegalStateException("a commissioned pack reads as absent");
            }
            if (i % 1_000 == 999 && start - deadline > 0) {
                return Arrays.copyOf(nanos, i + 1);
            }
        }
        return nanos;
    }

    /** Two threads reading half the keys each, started together; returns the wall time of both. */
    private static long twoThreadGets(final OrderedStore store, final byte[][] keys, final long[][] nanos,
            final Random random, final int warmupGets, final long readCap) throws InterruptedException {
        final CountDownLatch ready = new CountDownLatch(2);
        final CountDownLatch go = new CountDownLatch(1);
        final Throwable[] failures = new Throwable[2];
        final Thread[] threads = new Thread[2];
        // Set before the latch opens, which publishes it to the readers.
        final long[] deadline = new long[1];
        final int half = keys.length / 2;
        for (int t = 0; t < 2; t++) {
            final int index = t;
            final byte[][] mine = Arrays.copyOfRange(keys, t * half, t == 0 ? half : keys.length);
            final Random warm = new Random(random.nextLong());
            threads[t] = new Thread(() -> {
                try {
                    // Its own warm-up first: SQLite opens this thread's connection, with a cache of its own.
                    final long warmupEnd = System.nanoTime() + readCap;
                    for (int i = 0; i < warmupGets && System.nanoTime() - warmupEnd < 0; i++) {
                        store.get(mine[warm.nextInt(mine.length)]);
                    }
                } catch (RuntimeException e) {
                    failures[index] = e;
                } finally {
                    ready.countDown();
                }
                try {
                    go.await();
                    if (failures[index] == null) {
                        nanos[index] = timedGets(store, mine, deadline[0]);
                    }
                } catch (InterruptedException | RuntimeException e) {
                    failures[index] = e;
                }
            }, "reader-" + t);
            threads[t].start();
        }
        ready.await();
        final long begin = System.nanoTime();
        deadline[0] = begin + readCap;
        go.countDown();
        for (final Thread thread : threads) {
            thread.join();
        }
        final long wall = System.nanoTime() - begin;
        for (final Throwable failure : failures) {
            if (failure != null) {
                throw new IllegalStateException("a reader failed", failure);
            }
        }
        return wall;
    }

    /** Scans the state keys whose serials share their leading digits with {@code prefix}: SCAN_KEYS of them. */
    private static long scan(final OrderedStore store, final int prefix) {
        final byte[] from = stateKey(prefix * SCAN_KEYS);
        final int digitsKept = STATE_KEY_HEAD.length + SERIAL_DIGITS - 3;
        final byte[] start = Arrays.copyOf(from, digitsKept);
        final byte[] end = start.clone();
        end[end.length - 1]++;
        long rows = 0;
        try (OrderedStore.Entries entries = store.scan(start, end)) {
            while (entries.hasNext()) {
                entries.next();
                rows++;
            }
        }
        return rows;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The parent: children, rounds, tables

    /** One store's measurement in one round; figures is null when the child failed. */
    private record Run(Candidate candidate, int round, Properties figures, String failure) {
        double get(final String key) {
            return Double.parseDouble(figures.getProperty(key));
        }
    }

    private static Run runChild(final Candidate candidate, final int round, final Workload workload, final Path root,
            final String jvmArgs) throws IOException, InterruptedException {
        final Path dir = root.resolve(candidate.id + "-round" + round);
        final Path result = root.resolve(candidate.id + "-round" + round + ".properties");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmArgs.trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StoreBenchmark.class.getName(),
                "--store", candidate.id, "--dir", dir.toString(), "--result", result.toString()));
        command.addAll(workload.arguments());
        System.err.printf(Locale.ROOT, "store: round %d, %s in its own JVM (%s)%n", round, candidate.id, jvmArgs);
        final Process child = new ProcessBuilder(command).inheritIO().start();
        // The cap bounds the load; reads, scans and reopening are given as long again, and ten minutes more.
        final long limitSeconds = 2L * workload.capSeconds() + 600;
        String failure = null;
        if (!child.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            failure = "killed after " + limitSeconds + " s";
        } else if (child.exitValue() != 0) {
            failure = "exit " + child.exitValue();
        }
        deleteTree(dir);
        Properties figures = null;
        if (failure == null) {
            figures = new Properties();
            try (Reader in = Files.newBufferedReader(result, UTF_8)) {
                figures.load(in);
            }
        }
        Files.deleteIfExists(result);
        return new Run(candidate, round, figures, failure);
    }

    /** A candidate's jar on the class path, and the native library in it this machine loads, if any. */
    private record JarFigures(Candidate candidate, String jar, double jarMb, String nativeLibrary, double nativeMb,
            double javaMb) {
    }

    private static JarFigures jarFigures(final Candidate candidate) {
        final Path jar = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(path -> path.getFileName().toString().startsWith(candidate.jarPrefix)
                        && path.getFileName().toString().endsWith(".jar"))
                .findFirst().orElse(null);
        if (jar == null) {
            return new JarFigures(candidate, "(not on the class path)", 0, "", 0, 0);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            String nativeName = "";
            long nativeBytes = 0;
            long javaBytes = 0;
            for (final ZipEntry entry : Collections.list(file.entries())) {
                final String entryName = entry.getName();
                if (isThisPlatformsLibrary(entryName)) {
                    nativeName = entryName;
                    nativeBytes = entry.getSize();
                }
                // What MVStore alone needs is H2's org.h2.mvstore package (plus a few utilities it shares).
                if (entryName.endsWith(".class") && (candidate != Candidate.MVSTORE
                        || entryName.startsWith("org/h2/mvstore/"))) {
                    javaBytes += entry.getCompressedSize();
                }
            }
            return new JarFigures(candidate, jar.getFileName().toString(), Files.size(jar) / MB, nativeName,
                    nativeBytes / MB, javaBytes / MB);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + jar, e);
        }
    }

    private static boolean isThisPlatformsLibrary(final String entry) {
        // Linux on x86-64 with glibc, this machine's platform: what a gateway image on it would keep.
        return entry.equals("librocksdbjni-linux64.so")
                || entry.equals("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so");
    }

    private static String text(final List<Run> runs, final List<JarFigures> jars) {
        final StringBuilder out = new StringBuilder();
        for (final Run run : runs) {
            out.append(String.format(Locale.ROOT, "%-12s round %d: ", run.candidate().id, run.round()));
            if (run.figures() == null) {
                out.append("FAILED (").append(run.failure()).append(")\n");
                continue;
            }
            out.append(String.format(Locale.ROOT, "%,d packs%s in %.1f s of writes = %,.0f packs/s; block write"
                    + " p50 %.0f ms p99 %.0f ms; gets 1 thread %,.0f/s of %,d (p50 %.1f us, p99 %.1f us),"
                    + " 2 threads %,.0f/s of %,d (p50 %.1f us, p99 %.1f us); scan %,d keys %.2f ms (first %.2f ms);"
                    + " reopen %.0f ms;"
                    + " disk %.0f MB (written %.0f MB); heap %.0f MB; RSS %.0f MB after load, peak %.0f MB%n",
                    (long) run.get("packs"), Boolean.parseBoolean(run.figures().getProperty("capped")) ? " (CAPPED)"
                            : "", run.get("loadWriteSeconds"), run.get("packs") / run.get("loadWriteSeconds"),
                    run.get("blockP50Ms"), run.get("blockP99Ms"), run.get("get1PerSecond"),
                    (long) run.get("get1Count"), run.get("get1P50Us"), run.get("get1P99Us"), run.get("get2PerSecond"),
                    (long) run.get("get2Count"), run.get("get2P50Us"), run.get("get2P99Us"),
                    (long) run.get("scanRowsMean"), run.get("scanP50Ms"), run.get("scanFirstMs"),
                    run.get("reopenMs"), run.get("diskMb"), run.get("diskWrittenMb"), run.get("heapAfterLoadMb"),
                    run.get("rssAfterLoadMb"), run.get("rssPeakMb")));
        }
        for (final JarFigures jar : jars) {
            out.append(String.format(Locale.ROOT, "%-12s jar %s: %.1f MB%s%n", jar.candidate().product, jar.jar(),
                    jar.jarMb(), jar.nativeLibrary().isEmpty() ? " (pure Java)"
                            : String.format(Locale.ROOT, " (of which %s: %.1f MB uncompressed)", jar.nativeLibrary(),
                                    jar.nativeMb())));
        }
        return out.toString();
    }

    private static String markdownSection(final Workload workload, final List<Run> runs, final List<JarFigures> jars,
            final String jvmArgs, final Path data, final String fileSystem) {
        final StringBuilder md = new StringBuilder();
        final int stateKeyBytes = STATE_KEY_HEAD.length + SERIAL_DIGITS + 1;
        md.append(String.format(Locale.ROOT, "**Workload.** Commissioning %,d packs in %,d blocks of %,d, each block"
                + " **one** `WriteBatch` given to `OrderedStore.write` (which must be atomic and fsync'd before it"
                + " returns): %,d state puts (key `\\0pack\\0<GTIN-14>\\0<serial>\\0`, %d bytes, serials"
                + " `%s-0000000`… in %s order; value a 12-byte version, block and transaction number, then %d bytes"
                + " of pack JSON), %,d history puts (key `h` + state key + block + transaction number, value a"
                + " 64-character transaction id, 8-byte timestamp and the JSON), one block record (`b` + block"
                + " number, %,d bytes: the block's state keys and values, repeated to that size, so compressible as"
                + " a real block is) and `m/height`; %,d packs per transaction. Only `write` is timed; building the"
                + " batch is not. Then %,d point gets of random commissioned packs with 1 thread, and %,d more shared"
                + " by 2 threads started together, timed one by one (after a warm-up of %,d gets, and before the"
                + " second of half as many per thread, each on its own connection for SQLite); %d range scans of"
                + " %,d consecutive state keys (`[prefix, prefix+1)`, random prefixes; the"
                + " first, cold one reported apart); close; reopen and the first get. A store's load stops after"
                + " the block that passes %d s (marked *capped*), and each of its read phases (warm-up, 1 thread,"
                + " 2 threads) after %d s (the gets done are then shown in brackets).%n%n",
                workload.packs(), workload.blocks(), workload.blockPacks(), workload.blockPacks(), stateKeyBytes, LOT,
                workload.randomSerials() ? "a random (fixed, the same for every store)" : "ascending",
                PACK_JSON.length, workload.blockPacks(), workload.blockBytes(), workload.txPacks(), workload.gets(),
                workload.gets(), workload.warmupGets(), workload.scans() + 1, SCAN_KEYS,
                workload.capSeconds(), workload.readCapSeconds()));
        md.append("**Durability settings.** RocksDB: one RocksDB `WriteBatch` per batch written with"
                + " `WriteOptions.sync=true` (the write-ahead log is fsync'd), bytewise comparator, 32 MB LRU block"
                + " cache, 10-bit Bloom filter, defaults otherwise (Snappy compression, 64 MB memtable). MVStore: one"
                + " map with `ByteArrayDataType` keys (unsigned order), `autoCommitDisabled()` **and**"
                + " `autoCommitBufferSize(0)`, then per batch `commit()` followed by `sync()` (`FileChannel.force`),"
                + " 32 MB page cache, no compression. SQLite: table `entries(key BLOB PRIMARY KEY, value BLOB)`,"
                + " `WITHOUT ROWID` as planned, and also (*SQLite rowid table*) as an ordinary rowid table whose"
                + " primary key is an index; `journal_mode=WAL`, `synchronous=FULL`, one transaction per batch, 32 MB"
                + " page cache per connection, a read connection per reading thread.\n\n");
        md.append(String.format(Locale.ROOT, "**Method.** Each store runs in a JVM of its own (`%s`), so that its"
                + " memory figures are its own and no store inherits another's JIT or heap; to spread machine noise,"
                + " round 1 runs %s and round 2 the reverse order. p50/p99 are nearest-rank. *MB written* is the"
                + " process's `write_bytes` (`/proc/self/io`) during the load, against the batches' own keys and values"
                + " (*logical MB*). *Heap live* is the heap in use after the load and a full GC. *RSS* is `VmRSS` of"
                + " `/proc/self/status`, JVM and store together; the heap is fixed and touched at start"
                + " (`-Xms` = `-Xmx`, `AlwaysPreTouch`), so *outside the heap* (RSS minus the heap) is the store's"
                + " native memory and libraries plus the JVM's own (the *idle* figure, before the store was"
                + " opened); *peak* is `VmHWM` after the reads, less the heap. *On disk* is the store's directory"
                + " after it was closed. *Reopen* is opening the closed store again and reading the height and a"
                + " first pack.%n%n", jvmArgs,
                runs.stream().filter(run -> run.round() == 1).map(run -> run.candidate().id)
                        .reduce((a, b) -> a + ", " + b).orElse("")));
        md.append(String.format(Locale.ROOT, "**Machine.** %d CPUs, %.1f GiB RAM, %s on %s (`%s` file system for"
                + " the stores, under `%s`), run %s.%n%n", Runtime.getRuntime().availableProcessors(),
                memTotalKb() / 1024.0 / 1024.0, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), fileSystem, data.toAbsolutePath().getParent(),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))));

        md.append("Writes (the load):\n\n");
        md.append("| store | round | packs | s (writes) | packs/s | block ms p50 | block ms p99 | block ms max |"
                + " logical MB | MB written | CPU s |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final Run run : runs) {
            md.append(rowStart(run));
            if (run.figures() != null) {
                md.append(String.format(Locale.ROOT,
                        "%,d%s | %.1f | %,.0f | %.0f | %.0f | %.0f | %,.0f | %s | %.1f |%n",
                        (long) run.get("packs"), Boolean.parseBoolean(run.figures().getProperty("capped"))
                                ? " (capped)" : "", run.get("loadWriteSeconds"),
                        run.get("packs") / run.get("loadWriteSeconds"), run.get("blockP50Ms"), run.get("blockP99Ms"),
                        run.get("blockMaxMs"), run.get("logicalMb"), run.get("diskWrittenMb") < 0 ? "n/a"
                                : String.format(Locale.ROOT, "%,.0f", run.get("diskWrittenMb")),
                        run.get("loadCpuSeconds")));
            }
        }
        md.append("\nReads (after the load):\n\n");
        md.append("| store | round | gets/s, 1 thread | µs p50 | µs p99 | gets/s, 2 threads | µs p50 | µs p99 |"
                + " scan 1,000 keys ms p50 | first scan ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final Run run : runs) {
            md.append(rowStart(run));
            if (run.figures() != null) {
                md.append(String.format(Locale.ROOT, "%,.0f%s | %.1f | %.1f | %,.0f%s | %.1f | %.1f | %.2f | %.2f |%n",
                        run.get("get1PerSecond"), cappedGets(run, "get1Count", workload), run.get("get1P50Us"),
                        run.get("get1P99Us"), run.get("get2PerSecond"), cappedGets(run, "get2Count", workload),
                        run.get("get2P50Us"), run.get("get2P99Us"), run.get("scanP50Ms"), run.get("scanFirstMs")));
            }
        }
        md.append("\nFootprint:\n\n");
        md.append("| store | round | on disk MB | reopen ms | heap MB live | RSS MB after load |"
                + " outside the heap MB: idle | after load | peak |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final Run run : runs) {
            md.append(rowStart(run));
            if (run.figures() != null) {
                final double heap = run.get("heapCommittedMb");
                md.append(String.format(Locale.ROOT, "%,.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                        run.get("diskMb"), run.get("reopenMs"), run.get("heapAfterLoadMb"), run.get("rssAfterLoadMb"),
                        run.get("rssBeforeOpenMb") - heap, run.get("rssAfterLoadMb") - heap,
                        run.get("rssPeakMb") - heap));
            }
        }
        md.append("\nWhat each adds to the gateway (the jar on the class path; none of the three has dependencies"
                + " of its own):\n\n");
        md.append("| store | jar | jar MB | native code for Linux x86-64 (in the jar) | Java classes MB |\n");
        md.append("|---|---|---:|---|---:|\n");
        for (final JarFigures jar : jars) {
            md.append(String.format(Locale.ROOT, "| %s | `%s` | %.1f | %s | %.1f%s |%n", jar.candidate().product,
                    jar.jar(), jar.jarMb(), jar.nativeLibrary().isEmpty() ? "none (pure Java)"
                            : String.format(Locale.ROOT, "`%s`, %.1f MB", jar.nativeLibrary(), jar.nativeMb()),
                    jar.javaMb(), jar.candidate() == Candidate.MVSTORE ? " (`org/h2/mvstore` alone)" : ""));
        }
        return md.toString();
    }

    private static String cappedGets(final Run run, final String countKey, final Workload workload) {
        final long count = (long) run.get(countKey);
        return count < workload.gets() ? String.format(Locale.ROOT, " (%,d)", count) : "";
    }

    private static String rowStart(final Run run) {
        final String start = "| " + run.candidate().title + " | " + run.round() + " | ";
        return run.figures() == null ? start + "failed: " + run.failure() + " |\n" : start;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Measuring helpers

    private static long percentile(final long[] values, final int percent) {
        if (values.length == 0) {
            return 0;
        }
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        final int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millisSince(final long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A line of /proc/self/status in MB (VmRSS, VmHWM), or -1 where there is none. */
    private static double rssMb(final String field) {
        return procField(Path.of("/proc/self/status"), field) / 1024.0;
    }

    private static long ioCounter(final String field) {
        return procField(Path.of("/proc/self/io"), field);
    }

    private static long memTotalKb() {
        return procField(Path.of("/proc/meminfo"), "MemTotal");
    }

    private static long procField(final Path file, final String field) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(field + ":")).findFirst()
                    .map(line -> Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]))
                    .orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long treeBytes(final Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    private static void deleteTree(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
