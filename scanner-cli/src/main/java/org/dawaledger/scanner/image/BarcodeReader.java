/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the DataMatrix, GS1-128 (Code 128) and QR Code symbols in images, several per image.
 */
public interface BarcodeReader {
    /**
     * The reader of this scanner: ZXing, trying hard.
     * @return a reader; it keeps no state between calls and may be shared between threads.
     */
    static BarcodeReader create() {
        return new ZxingBarcodeReader();
    }

    /**
     * The barcodes in an image.
     * @param image the image.
     * @return the barcodes found, in reading order (rows of symbols top to bottom, each row left to right);
     * empty if there are none.
     * @throws NullPointerException if {@code image} is null.
     */
    List<Barcode> read(BufferedImage image);

    /**
     * The barcodes in a PNG or JPEG file.
     * @param file the image file.
     * @return the barcodes found, in reading order (rows of symbols top to bottom, each row left to right);
     * never empty.
     * @throws UnreadableImageException if the file cannot be read, is not an image Java can decode, or has no
     * barcode that can be read.
     */
    List<Barcode> read(Path file);
}
