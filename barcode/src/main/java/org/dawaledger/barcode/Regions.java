/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.barcode;

import com.google.zxing.common.BitMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the separate symbols of an image are: the clusters of dark pixels with light space between them. ZXing's
 * DataMatrix detector looks outwards from the centre of what it is given, so each symbol must be given alone.
 */
final class Regions {
    /** Cells of this many pixels square make the coarse grid the clusters are found on. */
    static final int CELL = 8;

    private Regions() {
    }

    /**
     * The clusters of an image, largest first, each as {@code {left, top, width, height}} in pixels with a margin of
     * a cell all round. Clusters of less than 3 × 3 cells (specks) and the one covering most of the image (which the
     * whole-image pass has already tried) are left out.
     */
    static List<int[]> of(final BitMatrix black) {
        final int columns = (black.getWidth() + CELL - 1) / CELL;
        final int rows = (black.getHeight() + CELL - 1) / CELL;
        final boolean[] dark = new boolean[columns * rows];
        for (int y = 0; y < black.getHeight(); y++) {
            for (int x = 0; x < black.getWidth(); x++) {
                if (black.get(x, y)) {
                    // Marked with its neighbours: the light modules inside a symbol must not split it
                    final int column = x / CELL;
                    final int row = y / CELL;
                    for (int r = Math.max(0, row - 1); r <= Math.min(rows - 1, row + 1); r++) {
                        for (int c = Math.max(0, column - 1); c <= Math.min(columns - 1, column + 1); c++) {
                            dark[r * columns + c] = true;
                        }
                    }
                }
            }
        }
        final List<int[]> regions = new ArrayList<>();
        final boolean[] seen = new boolean[dark.length];
        final int[] stack = new int[dark.length];
        for (int start = 0; start < dark.length; start++) {
            if (!dark[start] || seen[start]) {
                continue;
            }
            int minC = columns;
            int maxC = -1;
            int minR = rows;
            int maxR = -1;
            int size = 0;
            stack[size++] = start;
            seen[start] = true;
            while (size > 0) {
                final int cell = stack[--size];
                final int c = cell % columns;
                final int r = cell / columns;
                minC = Math.min(minC, c);
                maxC = Math.max(maxC, c);
                minR = Math.min(minR, r);
                maxR = Math.max(maxR, r);
                final int[] neighbours = {c > 0 ? cell - 1 : -1, c < columns - 1 ? cell + 1 : -1,
                    r > 0 ? cell - columns : -1, r < rows - 1 ? cell + columns : -1};
                for (final int next : neighbours) {
                    if (next >= 0 && dark[next] && !seen[next]) {
                        seen[next] = true;
                        stack[size++] = next;
                    }
                }
            }
            final int width = maxC - minC + 1;
            final int height = maxR - minR + 1;
            if (width >= 3 && height >= 3 && (long) width * height * 2 < (long) columns * rows) {
                final int left = Math.max(0, (minC - 1) * CELL);
                final int top = Math.max(0, (minR - 1) * CELL);
                regions.add(new int[] {left, top, Math.min(black.getWidth(), (maxC + 2) * CELL) - left,
                    Math.min(black.getHeight(), (maxR + 2) * CELL) - top});
            }
        }
        regions.sort((a, b) -> Long.compare((long) b[2] * b[3], (long) a[2] * a[3]));
        return regions;
    }
}
