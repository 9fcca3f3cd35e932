/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dawaledger.barcode.ImageTransforms;
import org.dawaledger.scanner.label.Gs1DataMatrix;
import org.dawaledger.scanner.label.Label;
import org.dawaledger.scanner.label.LabelBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FileInputsTest {
    private static final String GS = "\u001d";
    private static final Clock DECEMBER_2026 = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String PACK = "{\"gtin\":\"09506000134352\",\"lot\":\"ABC123\",\"expiry\":\"2027-06-30\","
            + "\"serial\":\"%s\"}";

    @TempDir
    private Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int decode(final String... args) {
        final CommandLine commandLine = DawaScan.commandLine(new DawaScan(
                new ByteArrayInputStream(new byte[0]), DECEMBER_2026));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final String[] line = new String[args.length + 1];
        line[0] = "decode";
        System.arraycopy(args, 0, line, 1, args.length);
        return commandLine.execute(line);
    }

    private static Label label(final String serial) {
        return LabelBatch.of("09506000134352", "ABC123", "2027-06-30", List.of(serial), 2026).get(0);
    }

    private Path png(final String name, final BufferedImage image) throws IOException {
        final Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static BufferedImage gs1Code128(final String serial) throws WriterException {
        // ñ is ZXing's FNC1: first it makes the symbol GS1-128, later it separates the variable-length lot
        return MatrixToImageWriter.toBufferedImage(new Code128Writer().encode(
                "ñ010950600013435217270630" + "10ABC123ñ21" + serial, BarcodeFormat.CODE_128, 700, 120));
    }

    private static BufferedImage gs1Qr(final String serial) throws WriterException {
        return MatrixToImageWriter.toBufferedImage(new QRCodeWriter().encode(
                "010950600013435217270630" + "10ABC123" + GS + "21" + serial, BarcodeFormat.QR_CODE, 300, 300,
                Map.of(EncodeHintType.GS1_FORMAT, true)));
    }

    @Test
    void aPngOfADataMatrixIsDecodedAndNamedByItsFileAndIndex() throws IOException {
        final Path file = png("pack.png", Gs1DataMatrix.image(label("S1"), 6));

        assertThat(decode(file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(file + " code 1: GTIN 09506000134352, lot ABC123, expiry 2027-06-30, "
                + "serial S1\n");
    }

    @Test
    void aJpegPhotoOfALabelIsDecoded() throws IOException {
        final Path file = dir.resolve("photo.jpg");
        ImageIO.write(ImageTransforms.photo(Gs1DataMatrix.image(label("S9"), 6), 220, 8, 3), "jpg", file.toFile());

        assertThat(decode("-o", "json", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(PACK.formatted("S9") + "\n");
    }

    @Test
    void aGs1128BarcodeIsReadWithItsSymbologyIdentifierAndSeparator() throws Exception {
        final Path file = png("gs1-128.png", gs1Code128("C128"));

        assertThat(decode("-o", "json", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(PACK.formatted("C128") + "\n");
    }

    @Test
    void aGs1QrCodeIsRead() throws Exception {
        final Path file = png("qr.png", gs1Qr("QR1"));

        assertThat(decode("-o", "json", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(PACK.formatted("QR1") + "\n");
    }

    @Test
    void aQrCodeOfADigitalLinkIsRead() throws Exception {
        final Path file = png("link.png", MatrixToImageWriter.toBufferedImage(new QRCodeWriter().encode(
                "https://id.example.com/01/09506000134352/10/ABC123/21/DL1?17=270630", BarcodeFormat.QR_CODE,
                300, 300)));

        assertThat(decode("-o", "json", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(PACK.formatted("DL1") + "\n");
    }

    @Test
    void everyCodeOfAnImageWithSeveralIsDecodedInReadingOrder() throws Exception {
        final Path file = png("tray.png", ImageTransforms.sideBySide(50, Gs1DataMatrix.image(label("M1"), 6),
                gs1Qr("M2"), Gs1DataMatrix.image(label("M3"), 6)));

        assertThat(decode(file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().lines().map(line -> line.substring(0, line.indexOf(':')) + " "
                + line.substring(line.lastIndexOf(' ') + 1)))
                .containsExactly(file + " code 1 M1", file + " code 2 M2", file + " code 3 M3");
    }

    @Test
    void aFolderGivesItsImagesSortedByNameAndIgnoresOtherFiles() throws Exception {
        png("b.png", Gs1DataMatrix.image(label("B"), 5));
        png("a.PNG", Gs1DataMatrix.image(label("A"), 5));
        Files.writeString(dir.resolve("notes.txt"), "not a scan");

        assertThat(decode(dir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().lines().map(line -> line.substring(0, line.indexOf(':'))))
                .containsExactly(dir.resolve("a.PNG") + " code 1", dir.resolve("b.png") + " code 1");
    }

    @Test
    void aCsvOfScansIsReadFromItsCodeColumnWithQuotedCells() throws IOException {
        final Path file = dir.resolve("scans.csv");
        Files.writeString(file, "\uFEFFtime,Code,station\n"
                + "09:00,(01)09506000134352(17)270630(10)ABC123(21)C1,till 1\n"
                + "\n"
                + "09:01,\"]d201095060001343521727063010ABC123" + GS + "21C2\",\"till \"\"2\"\"\"\n",
                StandardCharsets.UTF_8);

        assertThat(decode(file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(
                file + " line 2: GTIN 09506000134352, lot ABC123, expiry 2027-06-30, serial C1\n"
                + file + " line 4: GTIN 09506000134352, lot ABC123, expiry 2027-06-30, serial C2\n");
    }

    @Test
    void aCsvOfOneColumnWithoutHeaderIsOneScanALine() throws IOException {
        final Path file = dir.resolve("one.csv");
        Files.writeString(file, "(01)09506000134352(17)270630(10)ABC123(21)X1\n"
                + "(01)09506000134353(17)270630(10)ABC123(21)X2\n");

        assertThat(decode("-o", "json", file.toString())).isEqualTo(ExitCodes.ERROR);
        final List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(PACK.formatted("X1"));
        assertThat(lines.get(1)).contains("\"field\":\"gtin\"");
    }

    @Test
    void aCsvOfSeveralColumnsWithoutACodeColumnIsAnErrorNamingTheFile() throws IOException {
        final Path file = dir.resolve("wide.csv");
        Files.writeString(file, "when,what\n09:00,(01)09506000134352(17)270630(10)ABC123\n");

        assertThat(decode(file.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains(file.toString()).contains("none named code");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnreadableImageIsAnErrorNamingItAndNoScanIsDecoded() throws IOException {
        final Path good = png("good.png", Gs1DataMatrix.image(label("G1"), 5));
        final Path bad = dir.resolve("broken.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});

        assertThat(decode(good.toString(), bad.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains(bad.toString()).doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anImageWithoutABarcodeIsAnErrorNamingIt() throws IOException {
        final Path blank = png("blank.png", new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_GRAY));

        assertThat(decode(blank.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains(blank.toString()).contains("no DataMatrix, GS1-128 or QR Code");
    }

    @Test
    void aMissingImageFileIsAnErrorRatherThanACode() {
        final String missing = dir.resolve("nowhere.jpeg").toString();

        assertThat(decode(missing)).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains(missing + ": no such file");
    }

    @Test
    void anExistingFileOfAnotherKindIsAnError() throws IOException {
        final Path text = Files.writeString(dir.resolve("scans.txt"), "(01)09506000134352(17)270630(10)ABC123\n");

        assertThat(decode(text.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains(text + ": a file, but neither an image");
    }
}
