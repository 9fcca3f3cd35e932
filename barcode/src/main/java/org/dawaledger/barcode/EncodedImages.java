/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.barcode;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.dawaledger.barcode.UnreadableImageException.Reason;

/**
 * PNG, JPEG and WebP images decoded to pixels, each only after its declared size has been checked against
 * {@link BarcodeReader#MAX_PIXELS}. The format is told by the first bytes: a name or a content type proves nothing.
 */
final class EncodedImages {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] WEBP = {'W', 'E', 'B', 'P'};

    private EncodedImages() {
    }

    /** The pixels of an image file; {@code file} names it in every message. */
    static BufferedImage decode(final Path file) {
        final ImageInputStream in;
        try {
            in = new FileImageInputStream(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException(Reason.UNREADABLE, file, file + ": cannot be read: " + e.getMessage(),
                    e);
        }
        return decode(in, file, file.toString());
    }

    /** The pixels of an encoded image. */
    static BufferedImage decode(final byte[] image) {
        return decode(new MemoryCacheImageInputStream(new ByteArrayInputStream(image)), null, "image");
    }

    private static BufferedImage decode(final ImageInputStream in, final Path file, final String name) {
        try (in) {
            final ImageReader reader = readerFor(head(in), file, name);
            try {
                reader.setInput(in, true, true);
                final long width = reader.getWidth(0);
                final long height = reader.getHeight(0);
                if (width * height > BarcodeReader.MAX_PIXELS) {
                    throw new UnreadableImageException(Reason.TOO_LARGE, file, String.format(Locale.ROOT,
                            "%s: declares %,d × %,d pixels, more than the %,d an image may have", name, width,
                            height, BarcodeReader.MAX_PIXELS), null);
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableImageException unreadable) {
                throw unreadable;
            }
            throw new UnreadableImageException(Reason.UNREADABLE, file, name + ": cannot be read as an image: "
                    + e.getMessage(), e);
        }
    }

    /** The first 12 bytes (fewer if there are not as many), the stream left where it was. */
    private static byte[] head(final ImageInputStream in) throws IOException {
        final byte[] head = new byte[12];
        in.mark();
        int length = 0;
        for (int n; length < head.length && (n = in.read(head, length, head.length - length)) > 0; ) {
            length += n;
        }
        in.reset();
        return Arrays.copyOf(head, length);
    }

    private static ImageReader readerFor(final byte[] head, final Path file, final String name) {
        final String format;
        if (startsWith(head, 0, PNG)) {
            format = "png";
        } else if (startsWith(head, 0, JPEG)) {
            format = "jpeg";
        } else if (startsWith(head, 0, RIFF) && startsWith(head, 8, WEBP)) {
            format = "webp";
        } else {
            throw new UnreadableImageException(Reason.UNSUPPORTED_FORMAT, file, name + ": is not a "
                    + accepted() + " image", null);
        }
        final Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new UnreadableImageException(Reason.UNSUPPORTED_FORMAT, file, name + ": is a " + format
                    + " image, which this Java has no reader for; send a " + accepted() + " image", null);
        }
        return readers.next();
    }

    private static String accepted() {
        return ImageIO.getImageReadersByFormatName("webp").hasNext() ? "PNG, JPEG or WebP" : "PNG or JPEG";
    }

    private static boolean startsWith(final byte[] bytes, final int offset, final byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
