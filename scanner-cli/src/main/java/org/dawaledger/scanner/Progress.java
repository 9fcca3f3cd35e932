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
 * A progress bar for long runs, on standard error, drawn only when a person is watching: when the JVM has a console
 * and standard error is a terminal. Piped or redirected, it draws nothing, so logs and scripts stay clean.
 * <p>Safe to {@link #step()} from several threads.</p>
 */
public final class Progress {
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
     * Starts a progress bar, visible only on a terminal.
     * @param label what is being done, e.g. {@code labels}.
     * @param total how many steps make the whole.
     * @return the bar; when nobody is watching, one that draws nothing.
     */
    public static Progress start(final String label, final long total) {
        return start(label, total, onTerminal() ? System.err : null);
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

    /** One more step done. */
    public synchronized void step() {
        done++;
        draw();
    }

    /** The whole is done: draws the full bar and ends its line. */
    public synchronized void done() {
        done = total;
        draw();
        if (out != null) {
            out.println();
            out.flush();
        }
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
                ".".repeat(WIDTH - filled), percent, Math.min(done, total), total));
        out.flush();
    }

    private static boolean onTerminal() {
        if (System.console() == null) {
            return false;
        }
        try {
            // Java cannot ask whether one stream is a terminal; on Linux, /proc says where fd 2 goes
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return true;
        }
    }
}
