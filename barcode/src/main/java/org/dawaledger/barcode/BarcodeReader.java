/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.barcode;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the DataMatrix, GS1-128 (Code 128) and QR Code symbols in images, several per image.
 * <p>Encoded images (a file, or the bytes of an upload) must be PNG or JPEG, or WebP where this Java has an ImageIO
 * WebP reader (the JDK has none), judged by their first bytes, not by a name; and may declare at most
 * {@link #MAX_PIXELS} pixels. Their declared width and height are checked before any pixel is decoded, so that a small
 * file declaring a huge image (a decompression bomb) costs nothing. An image at the cap still costs much: an
 * 8,000 × 5,000 RGBA PNG of 156 KB with no symbol in it (so every pass runs) needed between 550 and 600 MB of heap
 * and 7 s on one core of the build machine (its pixels decoded at 4 bytes each, their grey levels, and the last try at
 * twice the resolution, 160 MB alone). A service that reads uploads bounds how many it reads at once.</p>
 */
public interface BarcodeReader {
    /** The most pixels (width × height) an encoded image may declare: 40 megapixels, a 7,746 × 5,164 photo. */
    long MAX_PIXELS = 40_000_000L;

    /**
     * The reader: ZXing, trying hard.
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
     * The barcodes in an image file.
     * @param file a PNG or JPEG file (or WebP, see above).
     * @return the barcodes found, in reading order (rows of symbols top to bottom, each row left to right);
     * never empty.
     * @throws UnreadableImageException if the file cannot be read, is not a PNG or JPEG image, declares more than
     * {@link #MAX_PIXELS} pixels, or has no barcode that can be read; its message names the file.
     * @throws NullPointerException if {@code file} is null.
     */
    List<Barcode> read(Path file);

    /**
     * The barcodes in an encoded image, e.g. a photo uploaded by a browser.
     * @param image the bytes of a PNG or JPEG image (or WebP, see above).
     * @return the barcodes found, in reading order (rows of symbols top to bottom, each row left to right);
     * never empty.
     * @throws UnreadableImageException if the bytes are not a PNG or JPEG image, declare more than
     * {@link #MAX_PIXELS} pixels, are damaged, or have no barcode that can be read.
     * @throws NullPointerException if {@code image} is null.
     */
    List<Barcode> read(byte[] image);
}
