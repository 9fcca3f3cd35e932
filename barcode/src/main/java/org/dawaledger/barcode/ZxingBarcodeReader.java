/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.barcode;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

final class ZxingBarcodeReader implements BarcodeReader {
    private static final Map<DecodeHintType, Object> HINTS = hints();
    private static final char GS = '\u001d';

    @Override
    public List<Barcode> read(final BufferedImage image) {
        Objects.requireNonNull(image, "image");
        final LuminanceSource source = new BufferedImageLuminanceSource(image);
        final BinaryBitmap whole = new BinaryBitmap(new HybridBinarizer(source));
        List<Result> results = withRegions(whole, decode(whole));
        if (results.isEmpty()) {
            // Blurred or unevenly lit symbols: the global threshold sometimes finds what the local one misses
            results = decode(new BinaryBitmap(new GlobalHistogramBinarizer(source)));
        }
        if (results.isEmpty()) {
            // A grainy photo: smoothing first keeps the noise from breaking the finder pattern's edges
            results = decode(new BinaryBitmap(new HybridBinarizer(Luminance.smoothed(source))));
        }
        if (results.isEmpty()) {
            // Modules of two or three pixels: doubling the resolution gives the detector room to sample them
            results = decode(new BinaryBitmap(new HybridBinarizer(Luminance.doubled(source))));
        }
        final Map<String, Barcode> barcodes = new LinkedHashMap<>();
        inReadingOrder(results).forEach(result -> barcodes.putIfAbsent(result.getBarcodeFormat() + result.getText(),
                        new Barcode(result.getBarcodeFormat().name(), withIdentifier(result))));
        return List.copyOf(barcodes.values());
    }

    @Override
    public List<Barcode> read(final Path file) {
        Objects.requireNonNull(file, "file");
        return found(EncodedImages.decode(file), file, file.toString());
    }

    @Override
    public List<Barcode> read(final byte[] image) {
        Objects.requireNonNull(image, "image");
        return found(EncodedImages.decode(image), null, "image");
    }

    private List<Barcode> found(final BufferedImage image, final Path file, final String name) {
        final List<Barcode> barcodes = read(image);
        if (barcodes.isEmpty()) {
            throw new UnreadableImageException(UnreadableImageException.Reason.NO_BARCODE, file,
                    name + ": no DataMatrix, GS1-128 or QR Code found in it", null);
        }
        return barcodes;
    }

    /**
     * Symbols the whole-image pass missed: the multiple reader looks beside a symbol it found, not around it, and the
     * DataMatrix detector finds one symbol, near the centre of what it is given. So each separate cluster of dark
     * pixels is tried on its own (in its own coordinates: points are mapped back).
     */
    private static List<Result> withRegions(final BinaryBitmap whole, final List<Result> first) {
        final List<Result> all = new ArrayList<>(first);
        final BitMatrix black;
        try {
            black = whole.getBlackMatrix();
        } catch (NotFoundException e) {
            return all;
        }
        for (final int[] region : Regions.of(black)) {
            if (all.stream().anyMatch(known -> contains(region, known))) {
                continue;
            }
            for (final Result result : decode(whole.crop(region[0], region[1], region[2], region[3]))) {
                if (all.stream().noneMatch(known -> known.getText().equals(result.getText()))) {
                    all.add(translated(result, region[0], region[1]));
                }
            }
        }
        return all;
    }

    /** Whether a region holds the centre of a symbol already found (so that it need not be tried again). */
    private static boolean contains(final int[] region, final Result result) {
        final List<ResultPoint> points = points(result);
        if (points.isEmpty()) {
            return false;
        }
        final double x = points.stream().mapToDouble(ResultPoint::getX).average().orElseThrow();
        final double y = points.stream().mapToDouble(ResultPoint::getY).average().orElseThrow();
        return x >= region[0] && x < region[0] + region[2] && y >= region[1] && y < region[1] + region[3];
    }

    private static Result translated(final Result result, final int left, final int top) {
        final ResultPoint[] points = result.getResultPoints();
        final ResultPoint[] moved = points == null ? null : new ResultPoint[points.length];
        for (int i = 0; moved != null && i < points.length; i++) {
            moved[i] = points[i] == null ? null : new ResultPoint(points[i].getX() + left, points[i].getY() + top);
        }
        final Result copy = new Result(result.getText(), result.getRawBytes(), moved, result.getBarcodeFormat());
        copy.putAllMetadata(result.getResultMetadata());
        return copy;
    }

    /**
     * One symbol, the first ZXing finds. Not its GenericMultipleBarcodeReader: searching the four sides of every
     * symbol found costs seven times a single read on a photo (docs/benchmarks.md), and {@link Regions} finds
     * the symbols of a sheet or a tray better.
     */
    private static List<Result> decode(final BinaryBitmap bitmap) {
        try {
            return List.of(new MultiFormatReader().decode(bitmap, HINTS));
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    /** ZXing puts the identifier in the text for GS1-128 (ASSUME_GS1) and only in the metadata otherwise. */
    private static String withIdentifier(final Result result) {
        final String text = result.getText();
        final Object identifier = result.getResultMetadata() == null ? null
                : result.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER);
        final String data = identifier == null || text.startsWith(identifier.toString()) ? text
                : identifier + text;
        // ZXing gives FNC1 in first position as a GS too; a scanner sends only the identifier that stands for it
        if (data.length() > 3 && data.charAt(0) == ']' && data.charAt(3) == GS) {
            return data.substring(0, 3) + data.substring(4);
        }
        return data;
    }

    /** Rows of symbols whose heights overlap, top to bottom, and each row left to right. */
    private static List<Result> inReadingOrder(final List<Result> results) {
        final List<Result> byTop = new ArrayList<>(results);
        byTop.sort(Comparator.comparingDouble(ZxingBarcodeReader::top));
        final List<Result> ordered = new ArrayList<>();
        final List<Result> row = new ArrayList<>();
        double rowBottom = Double.NEGATIVE_INFINITY;
        for (final Result result : byTop) {
            if (!row.isEmpty() && top(result) > rowBottom) {
                row.sort(Comparator.comparingDouble(ZxingBarcodeReader::left));
                ordered.addAll(row);
                row.clear();
                rowBottom = Double.NEGATIVE_INFINITY;
            }
            row.add(result);
            rowBottom = Math.max(rowBottom, bottom(result));
        }
        row.sort(Comparator.comparingDouble(ZxingBarcodeReader::left));
        ordered.addAll(row);
        return ordered;
    }

    private static double bottom(final Result result) {
        return points(result).stream().mapToDouble(ResultPoint::getY).max().orElse(0);
    }

    private static double top(final Result result) {
        return points(result).stream().mapToDouble(ResultPoint::getY).min().orElse(0);
    }

    private static double left(final Result result) {
        return points(result).stream().mapToDouble(ResultPoint::getX).min().orElse(0);
    }

    private static List<ResultPoint> points(final Result result) {
        final List<ResultPoint> points = new ArrayList<>();
        if (result.getResultPoints() != null) {
            for (final ResultPoint point : result.getResultPoints()) {
                if (point != null) {
                    points.add(point);
                }
            }
        }
        return points;
    }

    private static Map<DecodeHintType, Object> hints() {
        final Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS,
                List.of(BarcodeFormat.DATA_MATRIX, BarcodeFormat.CODE_128, BarcodeFormat.QR_CODE));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        // Code 128: FNC1 first gives ]C1 and every later FNC1 a GS, as a GS1-128 scanner sends them
        hints.put(DecodeHintType.ASSUME_GS1, Boolean.TRUE);
        return Map.copyOf(hints);
    }
}
