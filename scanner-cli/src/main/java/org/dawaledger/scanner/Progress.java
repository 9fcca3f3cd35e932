/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A progress bar for long runs, on standard error, drawn only when a person is watching: when standard output and
 * standard error are both a terminal. Piped or redirected, it draws nothing, so logs and scripts stay clean.
 * <p>Safe to use from several threads. Closing it wipes it; {@link #done()} leaves the full bar on its own line.</p>
 */
public final class Progress implements AutoCloseable {
    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintStream out;
    private long done;
    private int drawn = -1;

    private Progress(final String label, final long total, final PrintStream out) {
        this.label = label;
        this.total = Math.max(total, 1);
        this.out = out;
    }

    /**
     * Starts a progress bar, visible only on a terminal and for more than one step.
     * @param label what is being done, e.g. {@code labels}.
     * @param total how many steps make the whole.
     * @return the bar; when nobody is watching, one that draws nothing.
     */
    public static Progress start(final String label, final long total) {
        return start(label, total, total > 1 && isTerminal(1) && isTerminal(2) ? System.err : null);
    }

    /**
     * Starts a progress bar drawn on {@code out}.
     * @param label what is being done.
     * @param total how many steps make the whole.
     * @param out where to draw it, or null to draw nothing.
     * @return the bar.
     */
    static Progress start(final String label, final long total, final PrintStream out) {
        final Progress progress = new Progress(label, total, out);
        progress.draw();
        return progress;
    }

    /**
     * Whether standard output is a terminal, even with standard input redirected (when Java's console says no).
     * @return true on a terminal.
     */
    public static boolean standardOutputIsTerminal() {
        return isTerminal(1);
    }

    /** One more step done. */
    public synchronized void step() {
        update(done + 1);
    }

    /**
     * Shows that {@code steps} of the total are done.
     * @param steps how many are done.
     */
    public synchronized void update(final long steps) {
        done = Math.min(steps, total);
        draw();
    }

    /** Wipes the bar, so that a line printed next is not mixed with it; the next step draws it again. */
    public synchronized void clear() {
        if (out != null && drawn >= 0) {
            out.print("\r\033[K");
            out.flush();
            drawn = -1;
        }
    }

    /** The whole is done: draws the full bar and ends its line. */
    public synchronized void done() {
        done = total;
        draw();
        if (out != null) {
            out.println();
            out.flush();
        }
        drawn = -1;
    }

    @Override
    public void close() {
        clear();
    }

    private void draw() {
        if (out == null) {
            return;
        }
        final int percent = (int) Math.min(100, done * 100 / total);
        // Redraw on each percent only, so a million steps cost a hundred writes
        if (percent == drawn) {
            return;
        }
        drawn = percent;
        final int filled = percent * WIDTH / 100;
        out.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%% %d/%d", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), percent, done, total));
        out.flush();
    }

    private static boolean isTerminal(final int descriptor) {
        try {
            // Java cannot ask whether one stream is a terminal; on Linux, /proc says where a descriptor goes
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + descriptor)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
