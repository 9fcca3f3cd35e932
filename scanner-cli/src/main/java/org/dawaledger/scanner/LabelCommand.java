/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.scanner.label.Gs1DataMatrix;
import org.dawaledger.scanner.label.Label;
import org.dawaledger.scanner.label.LabelBatch;
import org.dawaledger.scanner.label.LabelFiles;
import org.dawaledger.scanner.label.LabelSheet;
import org.dawaledger.scanner.label.SerialRange;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dawa-scan label}: GS1 DataMatrix labels for a batch, as PNG images and a printable PDF sheet.
 */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Renders the GS1 DataMatrix labels of a batch: (01) GTIN, (17) expiry, (10) lot, (21) serial.",
            "Everything is checked first: on a bad input nothing is written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK + ":every label written",
            ExitCodes.ERROR + ":a bad GTIN, lot, expiry or serial (nothing written), or a failure to write",
            ExitCodes.USAGE + ":wrong usage"})
final class LabelCommand implements Callable<Integer> {
    @ParentCommand
    private DawaScan scanner;

    @Spec
    private CommandSpec spec;

    @Option(names = "--gtin", required = true, paramLabel = "GTIN", description = "The product: 8, 12, 13 or 14 "
            + "digits with the check digit.")
    private String gtin;

    @Option(names = "--lot", required = true, paramLabel = "LOT", description = "The batch or lot.")
    private String lot;

    @Option(names = "--expiry", required = true, paramLabel = "DATE",
            description = "The expiry: YYYY-MM-DD, or GS1's YYMMDD (day 00: the end of the month).")
    private String expiry;

    @ArgGroup(exclusive = false, multiplicity = "1", heading = "%nSerials (one or more of):%n")
    private Serials serials;

    @ArgGroup(exclusive = false, multiplicity = "1", heading = "%nOutput (one or both of):%n")
    private Outputs outputs;

    @Option(names = "--module", paramLabel = "PIXELS", defaultValue = "10",
            description = "The side of a DataMatrix module in the PNG images, in pixels. Default: ${DEFAULT-VALUE}.")
    private int pixelsPerModule;

    static final class Serials {
        @Option(names = "--serial", paramLabel = "SERIAL", description = "A serial; repeat for more.")
        private List<String> each = new ArrayList<>();

        @Option(names = "--serials-file", paramLabel = "FILE", description = "A file of serials, one a line.")
        private Path file;

        @Option(names = "--serials", paramLabel = "FROM..TO",
                description = "A run of serials, e.g. S0001..S0100 (the number keeps FROM's digits).")
        private String range;
    }

    static final class Outputs {
        @Option(names = "--png", paramLabel = "DIR", description = "Write one PNG per serial into DIR, named by "
                + "the serial (characters other than letters, digits, - _ . as %%XX).")
        private Path png;

        @Option(names = "--pdf", paramLabel = "FILE", description = "Write an A4 PDF sheet of the labels, "
                + LabelSheet.PER_PAGE + " to a page, each with its human-readable text.")
        private Path pdf;
    }

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (pixelsPerModule < 1 || pixelsPerModule > 100) {
            err.println("dawa-scan label: --module must be 1 to 100 pixels, not " + pixelsPerModule);
            return ExitCodes.USAGE;
        }
        final List<Label> labels;
        try {
            final int year = scanner.year();
            labels = LabelBatch.of(gtin, lot, expiry, serials(), year);
        } catch (Gs1FormatException e) {
            final String field = e.field().name().toLowerCase(Locale.ROOT);
            err.printf(Locale.ROOT, "dawa-scan label: invalid %s (INVALID_LABEL, %s): %s; nothing written%n",
                    field, field, e.getMessage());
            return ExitCodes.ERROR;
        } catch (IOException | UncheckedIOException e) {
            err.printf(Locale.ROOT, "dawa-scan label: %s: cannot be read: %s; nothing written%n", serials.file,
                    e.getMessage());
            return ExitCodes.ERROR;
        }
        final int steps = labels.size() * ((outputs.png == null ? 0 : 1) + (outputs.pdf == null ? 0 : 1));
        final Progress progress = Progress.start("labels", steps);
        int pages = 0;
        try {
            if (outputs.png != null) {
                writePngs(labels, outputs.png, progress);
            }
            if (outputs.pdf != null) {
                pages = writePdf(labels, outputs.pdf, progress);
            }
        } catch (IOException | UncheckedIOException e) {
            progress.done();
            err.printf(Locale.ROOT, "dawa-scan label: cannot write: %s%n", e.getMessage());
            return ExitCodes.ERROR;
        }
        // The bar's line ends before the summary, which may go to the same terminal
        progress.done();
        if (outputs.png != null) {
            out.printf(Locale.ROOT, "wrote %d PNG images to %s%n", labels.size(), outputs.png);
        }
        if (outputs.pdf != null) {
            out.printf(Locale.ROOT, "wrote %s: %d labels on %d %s%n", outputs.pdf, labels.size(), pages,
                    pages == 1 ? "page" : "pages");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private List<String> serials() throws IOException {
        final List<String> all = new ArrayList<>(serials.each);
        if (serials.file != null) {
            for (final String line : Files.readAllLines(serials.file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    all.add(line.strip());
                }
            }
        }
        if (serials.range != null) {
            all.addAll(SerialRange.parse(serials.range));
        }
        return all;
    }

    private void writePngs(final List<Label> labels, final Path folder, final Progress progress) throws IOException {
        Files.createDirectories(folder);
        for (final Label label : labels) {
            final Path file = folder.resolve(LabelFiles.pngName(label.serial()));
            if (!ImageIO.write(Gs1DataMatrix.image(label, pixelsPerModule), "png", file.toFile())) {
                throw new IOException("no PNG writer in this Java");
            }
            progress.step();
        }
    }

    private static int writePdf(final List<Label> labels, final Path file, final Progress progress)
            throws IOException {
        final Path absolute = file.toAbsolutePath();
        final Path folder = absolute.getParent();
        Files.createDirectories(folder);
        // Written aside and moved in place, so a failure leaves no half sheet behind
        // Not Files.createTempFile: its file is private to the owner, and the sheet should be as any file written
        final Path partial = folder.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid()
                + ".part");
        try {
            final int pages;
            try (OutputStream pdf = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                pages = LabelSheet.write(labels, pdf, progress::step);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return pages;
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
