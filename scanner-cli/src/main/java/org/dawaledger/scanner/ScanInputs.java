/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dawaledger.barcode.Barcode;
import org.dawaledger.barcode.BarcodeReader;
import org.dawaledger.barcode.UnreadableImageException;

/**
 * Where scans come from. With no arguments, standard input, one scan per non-blank line. Otherwise each argument in
 * turn:
 * <ul>
 *     <li>an existing folder: the images directly in it ({@code .png}, {@code .jpg}, {@code .jpeg}), sorted by
 *     name;</li>
 *     <li>an existing file named {@code .png}, {@code .jpg} or {@code .jpeg}: every DataMatrix, GS1-128 and QR Code
 *     in it, in reading order: rows of symbols top to bottom, each row left to right (source
 *     {@code FILE code N});</li>
 *     <li>an existing file named {@code .csv}: a CSV of scans, its column named {@code code} (any case) if its first
 *     row has one, else its only column with no header (source {@code FILE line N}); blank lines are skipped;</li>
 *     <li>anything else: a code, unless its name ends in one of those extensions (then the file is missing).</li>
 * </ul>
 * Every file is read before any scan is used: a bad one is an {@link InputException} naming it.
 */
final class ScanInputs {
    private static final char GS = '\u001d';

    private ScanInputs() {
    }

    static List<Scan> of(final List<String> arguments, final InputStream stdin) {
        return of(arguments, stdin, BarcodeReader.create());
    }

    static List<Scan> of(final List<String> arguments, final InputStream stdin, final BarcodeReader reader) {
        final List<Scan> scans = new ArrayList<>();
        if (arguments != null && !arguments.isEmpty()) {
            for (int i = 0; i < arguments.size(); i++) {
                final String argument = arguments.get(i);
                final Path path = asPath(argument);
                if (path == null) {
                    scans.add(new Scan("argument " + (i + 1), argument));
                } else if (Files.isDirectory(path)) {
                    folder(path, reader, scans);
                } else if (ImageFiles.isImage(path)) {
                    image(path, reader, scans);
                } else if (isCsv(path)) {
                    csv(path, scans);
                } else {
                    throw new InputException(path + ": a file, but neither an image (.png, .jpg, .jpeg) nor a CSV "
                            + "of scans (.csv)", null);
                }
            }
            return scans;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    scans.add(new Scan("stdin line " + number, line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read standard input", e);
        }
        return scans;
    }

    /** The file or folder an argument names, or null if it is a code. */
    private static Path asPath(final String argument) {
        if (argument.isEmpty() || argument.indexOf(GS) >= 0) {
            return null;
        }
        final Path path;
        try {
            path = Path.of(argument);
        } catch (InvalidPathException e) {
            return null;
        }
        if (Files.exists(path)) {
            return path;
        }
        if (ImageFiles.isImage(path) || isCsv(path)) {
            throw new InputException(argument + ": no such file", null);
        }
        return null;
    }

    private static boolean isCsv(final Path path) {
        final Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private static void folder(final Path folder, final BarcodeReader reader, final List<Scan> scans) {
        final List<Path> images;
        try {
            images = ImageFiles.in(folder);
        } catch (IOException e) {
            throw new InputException(folder + ": cannot list the folder: " + e.getMessage(), e);
        }
        if (images.isEmpty()) {
            throw new InputException(folder + ": a folder with no .png, .jpg or .jpeg images in it", null);
        }
        images.forEach(image -> image(image, reader, scans));
    }

    private static void image(final Path image, final BarcodeReader reader, final List<Scan> scans) {
        final List<Barcode> barcodes;
        try {
            barcodes = reader.read(image);
        } catch (UnreadableImageException e) {
            throw new InputException(e.getMessage(), e);
        }
        for (int i = 0; i < barcodes.size(); i++) {
            scans.add(new Scan(image + " code " + (i + 1), barcodes.get(i).text()));
        }
    }

    private static void csv(final Path file, final List<Scan> scans) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(file + ": cannot be read as UTF-8 text: " + e.getMessage(), e);
        }
        int column = -1;
        for (int n = 0; n < lines.size(); n++) {
            final String line = n == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            final List<String> cells = cells(line, file, n + 1);
            if (column < 0) {
                column = codeColumn(cells);
                if (column >= 0) {
                    continue;
                }
                if (cells.size() != 1) {
                    throw new InputException(file + ": a CSV of " + cells.size() + " columns but none named code "
                            + "in its first row", null);
                }
                column = 0;
            }
            if (column >= cells.size()) {
                throw new InputException(file + " line " + (n + 1) + ": has no code column (only " + cells.size()
                        + " cells)", null);
            }
            scans.add(new Scan(file + " line " + (n + 1), cells.get(column)));
        }
    }

    private static int codeColumn(final List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equalsIgnoreCase("code")) {
                return i;
            }
        }
        return -1;
    }

    /** One CSV row (RFC 4180: commas, fields in double quotes with doubled quotes inside; one line per row). */
    private static List<String> cells(final String line, final Path file, final int number) {
        final List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            final char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new InputException(file + " line " + number + ": a quoted cell is not closed", null);
        }
        cells.add(cell.toString());
        return cells;
    }
}
