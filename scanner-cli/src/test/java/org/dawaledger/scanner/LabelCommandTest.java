/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dawaledger.gs1.Gs1ElementString;
import org.dawaledger.gs1.PackIdentifier;
import org.dawaledger.barcode.BarcodeReader;
import org.dawaledger.scanner.label.LabelSheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LabelCommandTest {
    private static final Clock DECEMBER_2026 = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    private Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        final CommandLine commandLine = DawaScan.commandLine(new DawaScan(new ByteArrayInputStream(new byte[0]),
                DECEMBER_2026));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private List<Path> filesIn(final Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void onePngPerSerialIsWrittenNamedBySerialAndDecodesToItsFields() throws IOException {
        final Path png = dir.resolve("png");

        final int exit = run("label", "--gtin", "09506000134352", "--lot", "L-42", "--expiry", "2027-06-30",
                "--serial", "S1", "--serial", "A/1", "--png", png.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo("wrote 2 PNG images to " + png + "\n");
        assertThat(filesIn(png)).containsExactly(png.resolve("A%2F1.png"), png.resolve("S1.png"));
        final PackIdentifier pack = Gs1ElementString.parse(BarcodeReader.create().read(png.resolve("A%2F1.png"))
                .get(0).text()).toPackIdentifier(2026);
        assertThat(pack.gtin().value()).isEqualTo("09506000134352");
        assertThat(pack.lot()).isEqualTo("L-42");
        assertThat(pack.expiry().toIsoString()).isEqualTo("2027-06-30");
        assertThat(pack.serial()).contains("A/1");
    }

    @Test
    void aPdfSheetHasAPageForEveryThirtyTwoLabelsAndTheHumanReadableTextOfEach() throws IOException {
        final Path pdf = dir.resolve("sheets/batch.pdf");

        final int exit = run("label", "--gtin", "9506000134352", "--lot", "ABC123", "--expiry", "270600",
                "--serials", "SN001..SN070", "--pdf", pdf.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo("wrote " + pdf + ": 70 labels on 3 pages\n");
        assertThat(filesIn(dir)).containsExactly(pdf);
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            assertThat(document.getNumberOfPages()).isEqualTo(3).isEqualTo((70 + LabelSheet.PER_PAGE - 1)
                    / LabelSheet.PER_PAGE);
            final String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains("(01)09506000134352(17)270600(10)ABC123(21)SN001")
                    .contains("(01)09506000134352(17)270600(10)ABC123(21)SN070")
                    .doesNotContain("SN071");
            final PDFTextStripper lastPage = new PDFTextStripper();
            lastPage.setStartPage(3);
            assertThat(lastPage.getText(document).replaceAll("\\s+", "")).contains("(21)SN065")
                    .doesNotContain("(21)SN064");
            final long images = Stream.of(document.getPage(0).getResources().getXObjectNames().spliterator())
                    .flatMap(names -> java.util.stream.StreamSupport.stream(names, false)).count();
            assertThat(images).isEqualTo(LabelSheet.PER_PAGE);
            final PDImageXObject first = (PDImageXObject) document.getPage(0).getResources().getXObject(
                    document.getPage(0).getResources().getXObjectNames().iterator().next());
            assertThat(BarcodeReader.create().read(first.getImage()).get(0).text()).startsWith("]d2");
        }
    }

    @Test
    void aGtinWithABadCheckDigitIsRefusedNamingTheGtinAndNothingIsWritten() throws IOException {
        final int exit = run("label", "--gtin", "09506000134353", "--lot", "ABC", "--expiry", "2027-06-30",
                "--serial", "S1", "--png", dir.resolve("png").toString(), "--pdf", dir.resolve("a.pdf").toString());

        assertThat(exit).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).startsWith("dawa-scan label: invalid gtin (INVALID_LABEL, gtin): ")
                .contains("nothing written");
        assertThat(filesIn(dir)).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aLotWithACharacterOutsideGs1TextIsRefusedNamingTheLotAndNothingIsWritten() throws IOException {
        final int exit = run("label", "--gtin", "09506000134352", "--lot", "AB C", "--expiry", "2027-06-30",
                "--serial", "S1", "--pdf", dir.resolve("a.pdf").toString());

        assertThat(exit).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).startsWith("dawa-scan label: invalid lot (INVALID_LABEL, lot): ");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aBadSerialInAFileIsRefusedBeforeAnyLabelIsWritten() throws IOException {
        final Path serials = Files.writeString(dir.resolve("serials.txt"), "S1\nS2\n\nS#3\n");

        final int exit = run("label", "--gtin", "09506000134352", "--lot", "ABC", "--expiry", "2027-06-30",
                "--serials-file", serials.toString(), "--png", dir.resolve("png").toString());

        assertThat(exit).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).startsWith("dawa-scan label: invalid serial (INVALID_LABEL, serial): ")
                .contains("#");
        assertThat(filesIn(dir)).containsExactly(serials);
    }

    @Test
    void aSerialGivenTwiceAndAnImpossibleExpiryAreRefused() {
        assertThat(run("label", "--gtin", "09506000134352", "--lot", "ABC", "--expiry", "2027-06-30",
                "--serial", "S1", "--serials", "S1..S2", "--pdf", dir.resolve("a.pdf").toString()))
                .isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("(INVALID_LABEL, serial)").contains("S1 is given twice");
        assertThat(run("label", "--gtin", "09506000134352", "--lot", "ABC", "--expiry", "2027-02-30",
                "--serial", "S1", "--pdf", dir.resolve("a.pdf").toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("(INVALID_LABEL, expiry)");
        assertThat(dir.resolve("a.pdf")).doesNotExist();
    }

    @Test
    void noOutputOrNoSerialIsAUsageError() {
        assertThat(run("label", "--gtin", "09506000134352", "--lot", "ABC", "--expiry", "2027-06-30",
                "--serial", "S1")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("label", "--gtin", "09506000134352", "--lot", "ABC", "--expiry", "2027-06-30",
                "--png", dir.toString())).isEqualTo(ExitCodes.USAGE);
    }
}
