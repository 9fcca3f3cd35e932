/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.barcode;

import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;

/**
 * Second tries at a hard image, on its grey levels: smoothed, or at twice the resolution.
 */
final class Luminance {
    private Luminance() {
    }

    /** A 3 × 3 box blur. */
    static LuminanceSource smoothed(final LuminanceSource source) {
        final int width = source.getWidth();
        final int height = source.getHeight();
        final byte[] in = source.getMatrix();
        final byte[] out = new byte[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                int count = 0;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
                        sum += in[yy * width + xx] & 0xFF;
                        count++;
                    }
                }
                out[y * width + x] = (byte) (sum / count);
            }
        }
        return grey(out, width, height);
    }

    /** Twice as wide and high, bilinear. */
    static LuminanceSource doubled(final LuminanceSource source) {
        final int width = source.getWidth();
        final int height = source.getHeight();
        final byte[] in = source.getMatrix();
        final int outWidth = width * 2;
        final int outHeight = height * 2;
        final byte[] out = new byte[outWidth * outHeight];
        for (int y = 0; y < outHeight; y++) {
            final double sy = Math.max(0, (y + 0.5) / 2 - 0.5);
            final int y0 = Math.min((int) sy, height - 1);
            final int y1 = Math.min(y0 + 1, height - 1);
            final double fy = sy - y0;
            for (int x = 0; x < outWidth; x++) {
                final double sx = Math.max(0, (x + 0.5) / 2 - 0.5);
                final int x0 = Math.min((int) sx, width - 1);
                final int x1 = Math.min(x0 + 1, width - 1);
                final double fx = sx - x0;
                final double top = (in[y0 * width + x0] & 0xFF) * (1 - fx) + (in[y0 * width + x1] & 0xFF) * fx;
                final double bottom = (in[y1 * width + x0] & 0xFF) * (1 - fx) + (in[y1 * width + x1] & 0xFF) * fx;
                out[y * outWidth + x] = (byte) Math.round(top * (1 - fy) + bottom * fy);
            }
        }
        return grey(out, outWidth, outHeight);
    }

    private static LuminanceSource grey(final byte[] pixels, final int width, final int height) {
        return new PlanarYUVLuminanceSource(pixels, width, height, 0, 0, width, height, false);
    }
}
