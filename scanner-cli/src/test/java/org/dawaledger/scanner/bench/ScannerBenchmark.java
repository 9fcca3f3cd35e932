/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.bench;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.dawaledger.gs1.Gs1Scan;
import org.dawaledger.gs1.Gtin;
import org.dawaledger.barcode.BarcodeReader;
import org.dawaledger.barcode.ImageTransforms;
import org.dawaledger.scanner.label.Gs1DataMatrix;
import org.dawaledger.scanner.label.Label;
import org.dawaledger.scanner.label.LabelBatch;

/**
 * The scanner's offline figures (scripts/bench-scanner.sh): parsing element strings on one thread, against a trivial
 * pass over the same strings; decoding a 1-megapixel photo of a label, against ZXing decoding the bare label.
 * In-process: warm-up, then several measured rounds, each reported; the median is the figure. Not a test.
 * <p>Options: {@code --strings N} (default 200,000), {@code --rounds R} (default 9), {@code --warmup W} rounds
 * (default 5), {@code --decodes D} per round (default 30), {@code --markdown FILE} for the table.</p>
 */
public final class ScannerBenchmark {
    private static final char GS = '\u001d';

    private ScannerBenchmark() {
    }

    public static void main(final String[] args) throws IOException {
        int strings = 200_000;
        int rounds = 9;
        int warmup = 5;
        int decodes = 30;
        Path markdown = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--strings" -> strings = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--decodes" -> decodes = Integer.parseInt(args[i + 1]);
                case "--markdown" -> markdown = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final List<String> rows = new ArrayList<>();
        rows.add("| Measured | Median | Rounds (min – max) | Against the baseline |");
        rows.add("|---|---:|---:|---:|");

        final String[] scans = elementStrings(strings);
        final Stats split = rate(scans, warmup, rounds, ScannerBenchmark::splitOnGs, "baseline: split on GS");
        final Stats parse = rate(scans, warmup, rounds, s -> Gs1Scan.parse(s).elements().size(),
                "Gs1Scan.parse");
        final Stats pack = rate(scans, warmup, rounds,
                s -> Gs1Scan.parse(s).toPackIdentifier(2026).lot().length(),
                "parse + toPackIdentifier(2026)");
        rows.add(row("Baseline: split each string on GS (`indexOf` loop)", split, "/s", "1×"));
        rows.add(row("`Gs1Scan.parse` (element strings/s, one thread)", parse, "/s",
                String.format(Locale.ROOT, "%.1f× slower", split.median / parse.median)));
        rows.add(row("`parse` + `toPackIdentifier(2026)` (element strings/s, one thread)", pack, "/s",
                String.format(Locale.ROOT, "%.1f× slower", split.median / pack.median)));

        final Label label = LabelBatch.of("09506000134352", "LOT-2027/A", "2027-06-30", List.of("SN0000123456"),
                2026).get(0);
        final String expected = "]d2" + label.elementString();
        final BufferedImage bare = Gs1DataMatrix.image(label, 6);
        final BufferedImage photo = ImageTransforms.photo(bare, 200, 6, 7);
        final BarcodeReader reader = BarcodeReader.create();
        final Stats zxingBare = millis(warmup, rounds, decodes, () -> zxing(bare), "baseline: ZXing, bare label "
                + bare.getWidth() + "x" + bare.getHeight());
        final Stats zxingPhoto = millis(warmup, rounds, decodes, () -> zxing(photo), "ZXing single read, 1 Mpx photo");
        final Stats ours = millis(warmup, rounds, decodes, () -> {
            final String text = reader.read(photo).get(0).text();
            if (!text.equals(expected)) {
                throw new IllegalStateException("decoded " + text);
            }
        }, "dawa-scan BarcodeReader, 1 Mpx photo");
        rows.add(row("Baseline: ZXing `MultiFormatReader` on the bare label (" + bare.getWidth() + " × "
                + bare.getHeight() + " px), ms per decode", zxingBare, " ms", "1×"));
        rows.add(row("ZXing `MultiFormatReader` on the 1 Mpx photo (one symbol, no search for more), ms", zxingPhoto,
                " ms", String.format(Locale.ROOT, "%.1f×", zxingPhoto.median / zxingBare.median)));
        rows.add(row("dawa-scan `BarcodeReader.read` on the 1 Mpx photo (every symbol), ms", ours, " ms",
                String.format(Locale.ROOT, "%.1f×", ours.median / zxingBare.median)));
        rows.add("");
        rows.add(String.format(Locale.ROOT, "**Targets.** Parsing at 1,000,000 element strings/s or more on one "
                + "thread: %s (%,d/s; with `toPackIdentifier` %,d/s). Decoding a 1-megapixel photo of a DataMatrix in "
                + "under 50 ms: %s (%.1f ms).", parse.median >= 1_000_000 ? "**met**" : "**not met**",
                Math.round(parse.median), Math.round(pack.median), ours.median < 50 ? "**met**" : "**not met**",
                ours.median));
        rows.forEach(System.out::println);
        if (markdown != null) {
            Files.write(markdown, rows, StandardCharsets.UTF_8);
        }
    }

    private record Stats(double median, double min, double max) {
    }

    private static String row(final String what, final Stats stats, final String unit, final String against) {
        final boolean rate = unit.equals("/s");
        return String.format(Locale.ROOT, "| %s | %s%s | %s – %s | %s |", what, number(stats.median, rate), unit,
                number(stats.min, rate), number(stats.max, rate), against);
    }

    private static String number(final double value, final boolean rate) {
        return rate ? String.format(Locale.ROOT, "%,d", Math.round(value)) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Distinct scans as a GS1 DataMatrix scanner sends them: lots of 4–10 characters, 12-character serials. */
    private static String[] elementStrings(final int count) {
        final String[] scans = new String[count];
        final java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < count; i++) {
            final String item = String.format(Locale.ROOT, "0950600%06d", random.nextInt(1_000_000));
            final String gtin = item + Gtin.checkDigit(item);
            final String lot = Long.toString(random.nextLong() & Long.MAX_VALUE, 36).toUpperCase(Locale.ROOT)
                    .substring(0, 4 + random.nextInt(7));
            final String serial = String.format(Locale.ROOT, "SN%010d", i);
            scans[i] = "]d201" + gtin + "17" + String.format(Locale.ROOT, "%02d%02d%02d", 27 + random.nextInt(5),
                    1 + random.nextInt(12), 1 + random.nextInt(28)) + "10" + lot + GS + "21" + serial;
        }
        return scans;
    }

    private static long splitOnGs(final String scan) {
        long parts = 1;
        int from = 0;
        int at;
        while ((at = scan.indexOf(GS, from)) >= 0) {
            parts += at - from;
            from = at + 1;
        }
        return parts + scan.length() - from;
    }

    private static double sink;

    /** Strings per second, per round. */
    private static Stats rate(final String[] scans, final int warmup, final int rounds,
            final ToLongFunction<String> work, final String name) {
        final double[] rates = new double[rounds];
        for (int round = -warmup; round < rounds; round++) {
            long blackhole = 0;
            final long start = System.nanoTime();
            for (final String scan : scans) {
                blackhole += work.applyAsLong(scan);
            }
            final long nanos = System.nanoTime() - start;
            sink += blackhole;
            if (round >= 0) {
                rates[round] = scans.length / (nanos / 1e9);
            }
        }
        return report(name, rates, "/s");
    }

    /** Milliseconds per decode, per round. */
    private static Stats millis(final int warmup, final int rounds, final int decodes, final Runnable decode,
            final String name) {
        final double[] times = new double[rounds];
        for (int round = -warmup; round < rounds; round++) {
            final long start = System.nanoTime();
            for (int i = 0; i < decodes; i++) {
                decode.run();
            }
            if (round >= 0) {
                times[round] = (System.nanoTime() - start) / 1e6 / decodes;
            }
        }
        return report(name, times, " ms");
    }

    private static Stats report(final String name, final double[] values, final String unit) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final Stats stats = new Stats(sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        final StringBuilder line = new StringBuilder("bench: " + name + ":");
        for (final double value : values) {
            line.append(String.format(Locale.ROOT, unit.equals("/s") ? " %,.0f" : " %.2f", value));
        }
        System.err.println(line.append(unit).append(String.format(Locale.ROOT, " (median %s)",
                unit.equals("/s") ? String.format(Locale.ROOT, "%,.0f", stats.median)
                        : String.format(Locale.ROOT, "%.2f", stats.median))));
        return stats;
    }

    private static final Map<DecodeHintType, Object> HINTS = hints();

    private static Map<DecodeHintType, Object> hints() {
        final Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS,
                List.of(BarcodeFormat.DATA_MATRIX, BarcodeFormat.CODE_128, BarcodeFormat.QR_CODE));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        return hints;
    }

    private static void zxing(final BufferedImage image) {
        try {
            new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image))), HINTS);
        } catch (NotFoundException e) {
            throw new IllegalStateException("ZXing found no symbol", e);
        }
    }
}
