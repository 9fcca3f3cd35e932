/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.gateway;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on standard error, drawn only when both standard output and standard error are a
 * terminal (none when output is piped or redirected), at most ten times a second. (A stand-in until the scanner's
 * own Progress class lands.)
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final long total;
    private final boolean shown;
    private long lastDrawn;
    private boolean drawn;

    ProgressBar(final PrintStream err, final long total, final boolean shown) {
        this.err = err;
        this.total = total;
        this.shown = shown;
    }

    /**
     * A bar for a run of {@code total} items, shown if this process writes to a terminal.
     * @return the bar (it draws nothing when not shown).
     */
    public static ProgressBar forTerminal(final long total) {
        return new ProgressBar(System.err, total, total > 1 && isTerminal(1) && isTerminal(2));
    }

    /**
     * @return whether standard output is a terminal, even with standard input redirected (when Java's console,
     *     and so picocli's automatic colour, says no).
     */
    public static boolean standardOutputIsTerminal() {
        return isTerminal(1);
    }

    /** Linux says where a descriptor points; elsewhere, Java's console stands in (stdin and stdout terminals). */
    private static boolean isTerminal(final int descriptor) {
        try {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + descriptor)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Shows that {@code done} items of the total are done. */
    public void update(final long done) {
        if (!shown) {
            return;
        }
        final long now = System.nanoTime();
        if (lastDrawn != 0 && now - lastDrawn < REDRAW_NANOS && done < total) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        final int filled = (int) (WIDTH * done / Math.max(1, total));
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d", "#".repeat(filled), " ".repeat(WIDTH - filled), done, total);
        err.flush();
    }

    /** Wipes the bar, so that a line printed next is not mixed with it. */
    public void clear() {
        if (shown && drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    @Override
    public void close() {
        clear();
    }
}
