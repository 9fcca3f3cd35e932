/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.label;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A printable A4 sheet of labels: {@value #COLUMNS} × {@value #ROWS} to a page, each a GS1 DataMatrix with its
 * human-readable text under it, wrapped between AIs where it is too wide.
 */
public final class LabelSheet {
    /** Labels across a page. */
    public static final int COLUMNS = 4;
    /** Labels down a page. */
    public static final int ROWS = 8;
    /** Labels on a full page. */
    public static final int PER_PAGE = COLUMNS * ROWS;

    private static final float MARGIN = 28f;
    private static final float SYMBOL = 56f;
    private static final float FONT_SIZE = 7f;
    private static final float LEADING = 8.5f;
    private static final int PIXELS_PER_MODULE = 8;
    /**
     * PDFBox warns on every run that it measures Helvetica with a look-alike system font; the sheet names Helvetica,
     * which every printer has, so the warning is noise on the user's terminal. Held here: JUL keeps loggers weakly.
     */
    private static final Logger PDFBOX_FONTS = quiet("org.apache.pdfbox.pdmodel.font");

    private LabelSheet() {
    }

    /**
     * Writes the sheet.
     * @param labels the labels, in reading order (left to right, then down, then the next page).
     * @param out where the PDF goes; not closed.
     * @param afterEach run after each label is drawn, e.g. to advance a progress bar.
     * @return the number of pages written.
     * @throws IOException if writing fails.
     * @throws IllegalArgumentException if there are no labels.
     */
    public static int write(final List<Label> labels, final OutputStream out, final Runnable afterEach)
            throws IOException {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no labels to write");
        }
        final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        final PDRectangle a4 = PDRectangle.A4;
        final float cellWidth = (a4.getWidth() - 2 * MARGIN) / COLUMNS;
        final float cellHeight = (a4.getHeight() - 2 * MARGIN) / ROWS;
        int pages = 0;
        try (PDDocument document = new PDDocument()) {
            for (int first = 0; first < labels.size(); first += PER_PAGE) {
                final PDPage page = new PDPage(a4);
                document.addPage(page);
                pages++;
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    for (int i = first; i < Math.min(first + PER_PAGE, labels.size()); i++) {
                        final Label label = labels.get(i);
                        final int cell = i - first;
                        final float left = MARGIN + (cell % COLUMNS) * cellWidth;
                        final float top = a4.getHeight() - MARGIN - (cell / COLUMNS) * cellHeight;
                        final PDImageXObject symbol = LosslessFactory.createFromImage(document,
                                Gs1DataMatrix.image(label, PIXELS_PER_MODULE));
                        content.drawImage(symbol, left + (cellWidth - SYMBOL) / 2, top - 4 - SYMBOL, SYMBOL, SYMBOL);
                        float baseline = top - 4 - SYMBOL - LEADING;
                        for (final String line : lines(label.humanReadable(), font, cellWidth - 6)) {
                            content.beginText();
                            content.setFont(font, FONT_SIZE);
                            final float width = font.getStringWidth(line) / 1000 * FONT_SIZE;
                            content.newLineAtOffset(left + (cellWidth - width) / 2, baseline);
                            content.showText(line);
                            content.endText();
                            baseline -= LEADING;
                        }
                        afterEach.run();
                    }
                }
            }
            document.save(out);
        }
        return pages;
    }

    private static Logger quiet(final String name) {
        final Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** Joins the bracketed AIs into as few lines as fit the width, breaking only between AIs. */
    static List<String> lines(final List<String> parts, final PDType1Font font, final float width)
            throws IOException {
        final List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (final String part : parts) {
            final String joined = line + part;
            if (line.length() > 0 && font.getStringWidth(joined) / 1000 * FONT_SIZE > width) {
                lines.add(line.toString());
                line = new StringBuilder(part);
            } else {
                line.append(part);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
