/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.label;

import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DecoderResult;
import com.google.zxing.datamatrix.decoder.Decoder;
import com.google.zxing.datamatrix.encoder.DefaultPlacement;
import com.google.zxing.datamatrix.encoder.ErrorCorrection;
import com.google.zxing.datamatrix.encoder.SymbolInfo;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import java.awt.image.BufferedImage;

/**
 * Draws a label's GS1 DataMatrix: FNC1 in first position, then the element string with FNC1 for each GS.
 */
public final class Gs1DataMatrix {
    /** Light modules around the symbol, in modules: GS1 asks for at least one; two survive a crop. */
    public static final int QUIET_ZONE = 2;

    private static final int FNC1 = 232;
    private static final int PAD = 129;
    private static final char GS = '\u001d';

    private Gs1DataMatrix() {
    }

    /**
     * The symbol's modules, one bit each (true is dark), without a quiet zone. Every symbol is decoded again before it
     * is returned, so that a label never carries other data than its element string.
     * @param label the label.
     * @return the smallest square symbol that holds the label in ASCII encodation.
     * @throws IllegalStateException if the symbol does not decode to the label's element string (not expected).
     */
    public static BitMatrix modules(final Label label) {
        final String codewords = asciiCodewords(label.elementString());
        final SymbolInfo symbol = SymbolInfo.lookup(codewords.length(), SymbolShapeHint.FORCE_SQUARE, null, null,
                true);
        final StringBuilder padded = new StringBuilder(codewords);
        if (padded.length() < symbol.getDataCapacity()) {
            padded.append((char) PAD);
        }
        while (padded.length() < symbol.getDataCapacity()) {
            padded.append((char) randomizedPad(padded.length() + 1));
        }
        final DefaultPlacement placement = new DefaultPlacement(ErrorCorrection.encodeECC200(padded.toString(),
                symbol), symbol.getSymbolDataWidth(), symbol.getSymbolDataHeight());
        placement.place();
        final BitMatrix modules = withFinderPatterns(placement, symbol);
        check(modules, label);
        return modules;
    }

    /**
     * ASCII encodation (ISO/IEC 16022 §5.2.3): FNC1 first, digit pairs in one codeword, FNC1 for each GS. ZXing's
     * own GS1 mode (its minimal encoder) is not used: in C40 and Text it writes a GS as an ESC, not as FNC1.
     */
    private static String asciiCodewords(final String elementString) {
        final StringBuilder codewords = new StringBuilder().append((char) FNC1);
        for (int i = 0; i < elementString.length(); i++) {
            final char c = elementString.charAt(i);
            if (c == GS) {
                codewords.append((char) FNC1);
            } else if (isDigit(c) && i + 1 < elementString.length() && isDigit(elementString.charAt(i + 1))) {
                codewords.append((char) (130 + (c - '0') * 10 + (elementString.charAt(i + 1) - '0')));
                i++;
            } else if (c < 128) {
                codewords.append((char) (c + 1));
            } else {
                throw new IllegalArgumentException("not ASCII: " + elementString);
            }
        }
        return codewords.toString();
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    /** The 253-state randomising of pad codewords after the first (ISO/IEC 16022 §5.2.8). */
    private static int randomizedPad(final int position) {
        final int pad = PAD + (149 * position) % 253 + 1;
        return pad <= 254 ? pad : pad - 254;
    }

    /** The data regions framed by their finder (solid left and bottom) and timing (alternating top and right). */
    private static BitMatrix withFinderPatterns(final DefaultPlacement placement, final SymbolInfo symbol) {
        final BitMatrix matrix = new BitMatrix(symbol.getSymbolWidth(), symbol.getSymbolHeight());
        int row = 0;
        for (int y = 0; y < symbol.getSymbolDataHeight(); y++) {
            if (y % symbol.matrixHeight == 0) {
                for (int x = 0; x < symbol.getSymbolWidth(); x += 2) {
                    matrix.set(x, row);
                }
                row++;
            }
            int column = 0;
            for (int x = 0; x < symbol.getSymbolDataWidth(); x++) {
                if (x % symbol.matrixWidth == 0) {
                    matrix.set(column, row);
                    column++;
                }
                if (placement.getBit(x, y)) {
                    matrix.set(column, row);
                }
                column++;
                if (x % symbol.matrixWidth == symbol.matrixWidth - 1) {
                    if (y % 2 == 0) {
                        matrix.set(column, row);
                    }
                    column++;
                }
            }
            row++;
            if (y % symbol.matrixHeight == symbol.matrixHeight - 1) {
                for (int x = 0; x < symbol.getSymbolWidth(); x++) {
                    matrix.set(x, row);
                }
                row++;
            }
        }
        return matrix;
    }

    private static void check(final BitMatrix modules, final Label label) {
        final DecoderResult decoded;
        try {
            decoded = new Decoder().decode(modules);
        } catch (ChecksumException | FormatException e) {
            throw new IllegalStateException("the DataMatrix of " + label.elementString() + " does not decode", e);
        }
        if (decoded.getSymbologyModifier() != 2 || !decoded.getText().equals(GS + label.elementString())) {
            throw new IllegalStateException("the DataMatrix of " + label.elementString() + " decodes as "
                    + decoded.getText());
        }
    }

    /**
     * The symbol as a black-on-white image, with a {@link #QUIET_ZONE} all round.
     * @param label the label.
     * @param pixelsPerModule the side of one module, in pixels.
     * @return a grey-scale image.
     * @throws IllegalArgumentException if {@code pixelsPerModule} is less than 1.
     */
    public static BufferedImage image(final Label label, final int pixelsPerModule) {
        if (pixelsPerModule < 1) {
            throw new IllegalArgumentException("pixelsPerModule must be at least 1, not " + pixelsPerModule);
        }
        final BitMatrix modules = modules(label);
        final int width = (modules.getWidth() + 2 * QUIET_ZONE) * pixelsPerModule;
        final int height = (modules.getHeight() + 2 * QUIET_ZONE) * pixelsPerModule;
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        final int[] white = new int[width];
        java.util.Arrays.fill(white, 0xFFFFFF);
        for (int y = 0; y < height; y++) {
            image.setRGB(0, y, width, 1, white, 0, width);
        }
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (modules.get(x, y)) {
                    final int left = (x + QUIET_ZONE) * pixelsPerModule;
                    final int top = (y + QUIET_ZONE) * pixelsPerModule;
                    for (int dy = 0; dy < pixelsPerModule; dy++) {
                        for (int dx = 0; dx < pixelsPerModule; dx++) {
                            image.setRGB(left + dx, top + dy, 0x000000);
                        }
                    }
                }
            }
        }
        return image;
    }
}
