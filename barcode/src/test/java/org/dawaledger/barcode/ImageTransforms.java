/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.barcode;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * What happens to a label between the printer and a camera, done to images in tests and benchmarks: rotation,
 * scaling, blur, sensor noise, and a photo with a background around the label. Deterministic (fixed seeds).
 */
public final class ImageTransforms {
    private ImageTransforms() {
    }

    /** Turned by {@code degrees} clockwise about its centre, on a white canvas big enough to hold it. */
    public static BufferedImage rotate(final BufferedImage image, final double degrees) {
        final double radians = Math.toRadians(degrees);
        final double sin = Math.abs(Math.sin(radians));
        final double cos = Math.abs(Math.cos(radians));
        final int width = (int) Math.ceil(image.getWidth() * cos + image.getHeight() * sin);
        final int height = (int) Math.ceil(image.getWidth() * sin + image.getHeight() * cos);
        final BufferedImage out = white(width, height);
        final Graphics2D g = smooth(out);
        final AffineTransform transform = new AffineTransform();
        transform.translate(width / 2.0, height / 2.0);
        transform.rotate(radians);
        transform.translate(-image.getWidth() / 2.0, -image.getHeight() / 2.0);
        g.drawImage(image, transform, null);
        g.dispose();
        return out;
    }

    /** Scaled by {@code factor}, bilinear. */
    public static BufferedImage scale(final BufferedImage image, final double factor) {
        final int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        final int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        final BufferedImage out = white(width, height);
        final Graphics2D g = smooth(out);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** A box blur of {@code radius} pixels each way (out of focus). */
    public static BufferedImage blur(final BufferedImage image, final int radius) {
        final int width = image.getWidth();
        final int height = image.getHeight();
        final int[] out = blurPass(blurPass(grey(image), width, height, radius, true), width, height, radius,
                false);
        return fromGrey(out, width, height);
    }

    /** One direction of a box blur: along rows, or along columns. */
    private static int[] blurPass(final int[] in, final int width, final int height, final int radius,
            final boolean alongRows) {
        final int[] out = new int[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                int count = 0;
                for (int d = -radius; d <= radius; d++) {
                    final int xx = alongRows ? x + d : x;
                    final int yy = alongRows ? y : y + d;
                    if (xx >= 0 && xx < width && yy >= 0 && yy < height) {
                        sum += in[yy * width + xx];
                        count++;
                    }
                }
                out[y * width + x] = sum / count;
            }
        }
        return out;
    }

    /** Gaussian noise of {@code sigma} grey levels added to every pixel (a small sensor in poor light). */
    public static BufferedImage noise(final BufferedImage image, final double sigma, final long seed) {
        final Random random = new Random(seed);
        final int[] grey = grey(image);
        for (int i = 0; i < grey.length; i++) {
            grey[i] = clamp((int) Math.round(grey[i] + random.nextGaussian() * sigma));
        }
        return fromGrey(grey, image.getWidth(), image.getHeight());
    }

    /**
     * A photo of a label: a 1000 × 1000 (1 megapixel) frame of an unevenly lit, textured table, with the label
     * scaled to {@code labelSide} pixels, turned by {@code degrees} and placed off centre, then a slight blur and
     * sensor noise over everything.
     */
    public static BufferedImage photo(final BufferedImage label, final int labelSide, final double degrees,
            final long seed) {
        final int side = 1000;
        final Random random = new Random(seed);
        final BufferedImage frame = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                // Light from the top left, falling off, over a wood-like grain
                final double light = 0.55 + 0.35 * (1 - (x + y) / (2.0 * side));
                final double grain = 18 * Math.sin(x / 9.0 + 3 * Math.sin(y / 40.0)) + random.nextInt(10);
                final int r = clamp((int) (light * 190 + grain));
                final int g = clamp((int) (light * 150 + grain));
                final int b = clamp((int) (light * 110 + grain));
                frame.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        final BufferedImage placed = rotate(scale(label, labelSide / (double) label.getWidth()), degrees);
        final Graphics2D g = smooth(frame);
        g.drawImage(placed, side / 2 - placed.getWidth() / 3, side / 2 - placed.getHeight() / 2, null);
        g.dispose();
        return noise(blur(frame, 1), 6, seed);
    }

    /** Images side by side on a white canvas, {@code gap} pixels apart. */
    public static BufferedImage sideBySide(final int gap, final BufferedImage... images) {
        int width = gap;
        int height = 0;
        for (final BufferedImage image : images) {
            width += image.getWidth() + gap;
            height = Math.max(height, image.getHeight());
        }
        final BufferedImage out = white(width, height + 2 * gap);
        final Graphics2D g = out.createGraphics();
        int x = gap;
        for (final BufferedImage image : images) {
            g.drawImage(image, x, gap, null);
            x += image.getWidth() + gap;
        }
        g.dispose();
        return out;
    }

    private static BufferedImage white(final int width, final int height) {
        final BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return out;
    }

    private static Graphics2D smooth(final BufferedImage image) {
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    private static int[] grey(final BufferedImage image) {
        final int width = image.getWidth();
        final int height = image.getHeight();
        final int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        final int[] grey = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            final int p = rgb[i];
            grey[i] = (299 * (p >> 16 & 0xFF) + 587 * (p >> 8 & 0xFF) + 114 * (p & 0xFF)) / 1000;
        }
        return grey;
    }

    private static BufferedImage fromGrey(final int[] grey, final int width, final int height) {
        final BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final int[] rgb = new int[grey.length];
        for (int i = 0; i < grey.length; i++) {
            rgb[i] = grey[i] << 16 | grey[i] << 8 | grey[i];
        }
        out.setRGB(0, 0, width, height, rgb, 0, width);
        return out;
    }

    private static int clamp(final int value) {
        return Math.max(0, Math.min(255, value));
    }
}
