/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.barcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.dawaledger.barcode.UnreadableImageException.Reason;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarcodeReaderTest {
    private static final char GS = '\u001d';
    /** GTIN, expiry, then the lot, which is variable-length and so ends with a GS before the serial. */
    private static final String PACK = "0109506000134352" + "17270630" + "10LOT-7" + GS + "21SN0001";

    private final BarcodeReader reader = BarcodeReader.create();

    @TempDir
    Path dir;

    @Test
    void aDataMatrixIsReadWithItsSymbologyIdentifierAndItsSeparator() {
        final List<Barcode> barcodes = reader.read(dataMatrix());

        assertThat(barcodes).containsExactly(new Barcode("DATA_MATRIX", "]d1" + PACK));
    }

    @Test
    void aGs1128BarcodeIsReadWithItsSymbologyIdentifierAndItsSeparator() {
        // ñ is ZXing's FNC1: first it makes the symbol GS1-128, later it stands for the GS
        final BufferedImage image = symbol(BarcodeFormat.CODE_128, "ñ" + PACK.replace(GS, 'ñ'), 700, 120, Map.of());

        assertThat(reader.read(image)).containsExactly(new Barcode("CODE_128", "]C1" + PACK));
    }

    @Test
    void symbolsSideBySideAreAllFoundLeftToRight() {
        final BufferedImage image = ImageTransforms.sideBySide(50, qr("first"), dataMatrix(), qr("third"));

        assertThat(reader.read(image)).extracting(Barcode::text).containsExactly("]Q1first", "]d1" + PACK,
                "]Q1third");
    }

    @Test
    void aDataMatrixPhotographedTurnedOnATableIsRead() {
        final BufferedImage photo = ImageTransforms.photo(dataMatrix(), 220, -9, 3);

        assertThat(reader.read(photo)).extracting(Barcode::text).containsExactly("]d1" + PACK);
    }

    @Test
    void anImageWithoutASymbolHasNoBarcodes() {
        assertThat(reader.read(blank())).isEmpty();
    }

    @Test
    void theBytesOfAPngAreRead() {
        assertThat(reader.read(encoded(dataMatrix(), "png"))).extracting(Barcode::text).containsExactly("]d1" + PACK);
    }

    @Test
    void theBytesOfAJpegAreRead() {
        assertThat(reader.read(encoded(qr("jpeg"), "jpg"))).extracting(Barcode::text).containsExactly("]Q1jpeg");
    }

    @Test
    void aGifIsRefusedThoughJavaCouldDecodeIt() {
        final byte[] gif = encoded(qr("gif"), "gif");

        assertThat(refusal(gif).reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
        assertThat(refusal(gif)).hasMessageStartingWith("image: is not a PNG or JPEG");
    }

    @Test
    void bytesThatAreNoImageAreRefusedAsUnsupported() {
        assertThat(refusal("(01)09506000134352".getBytes(StandardCharsets.US_ASCII)).reason())
                .isEqualTo(Reason.UNSUPPORTED_FORMAT);
        assertThat(refusal(new byte[0]).reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void aWebpIsRefusedWhereThisJavaCannotDecodeIt() {
        Assumptions.assumeFalse(ImageIO.getImageReadersByFormatName("webp").hasNext(), "a WebP reader is installed");
        final byte[] webp = ByteBuffer.allocate(16).put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(8)
                .put("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)).array();

        assertThat(refusal(webp).reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
        assertThat(refusal(webp)).hasMessageContaining("webp image, which this Java has no reader for");
    }

    @Test
    void aPngHeaderDeclaringTenGigapixelsIsRefusedBeforeAnyPixelIsDecoded() {
        final byte[] bomb = pngHeader(100_000, 100_000);

        final UnreadableImageException refused = refusal(bomb);

        // No pixel data follows the header: had it been decoded, it would have failed as UNREADABLE
        assertThat(bomb).hasSizeLessThan(60);
        assertThat(refused.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(refused).hasMessage("image: declares 100,000 × 100,000 pixels, more than the 40,000,000 an image "
                + "may have");
        assertThat(refused.file()).isEmpty();
    }

    @Test
    void fortyMegapixelsPassTheCapAndOneRowMoreDoesNot() {
        assertThat(refusal(pngHeader(8_000, 5_000)).reason()).isEqualTo(Reason.UNREADABLE);
        assertThat(refusal(pngHeader(8_000, 5_001)).reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(refusal(pngHeader(5_001, 8_000)).reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void aJpegHeaderDeclaringAHugeImageIsRefused() {
        // Start of image; a baseline frame of 65,500 × 65,500 pixels (the JDK's most), one component; start of scan; end of image
        final byte[] bomb = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xc0, 0, 11, 8, (byte) 0xff, (byte) 0xdc,
            (byte) 0xff, (byte) 0xdc, 1, 1, 0x11, 0, (byte) 0xff, (byte) 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, (byte) 0xff,
            (byte) 0xd9};

        final UnreadableImageException refused = refusal(bomb);

        assertThat(refused.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(refused).hasMessageContaining("65,500 × 65,500");
    }

    @Test
    void aPngCutShortIsUnreadable() {
        final byte[] png = encoded(ImageTransforms.noise(dataMatrix(), 30, 1), "png");

        final UnreadableImageException refused = refusal(Arrays.copyOf(png, png.length / 2));

        assertThat(refused.reason()).isEqualTo(Reason.UNREADABLE);
        assertThat(refused).hasMessageStartingWith("image: cannot be read as an image: ");
    }

    @Test
    void aSoundImageWithoutASymbolIsRefusedAsHavingNoBarcode() {
        final UnreadableImageException refused = refusal(encoded(blank(), "png"));

        assertThat(refused.reason()).isEqualTo(Reason.NO_BARCODE);
        assertThat(refused).hasMessage("image: no DataMatrix, GS1-128 or QR Code found in it");
    }

    @Test
    void aFileIsJudgedByItsBytesNotItsNameAndNamedInTheMessage() throws IOException {
        final Path png = Files.write(dir.resolve("pack.png"), encoded(dataMatrix(), "png"));
        final Path gif = Files.write(dir.resolve("pack-gif.png"), encoded(dataMatrix(), "gif"));
        final Path missing = dir.resolve("missing.png");

        assertThat(reader.read(png)).extracting(Barcode::text).containsExactly("]d1" + PACK);
        final UnreadableImageException notPng = catchThrowableOfType(UnreadableImageException.class,
                () -> reader.read(gif));
        assertThat(notPng.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
        assertThat(notPng).hasMessage(gif + ": is not a PNG or JPEG image");
        assertThat(notPng.file()).contains(gif);
        final UnreadableImageException absent = catchThrowableOfType(UnreadableImageException.class,
                () -> reader.read(missing));
        assertThat(absent.reason()).isEqualTo(Reason.UNREADABLE);
        assertThat(absent).hasMessageStartingWith(missing + ": cannot be read");
    }

    @Test
    void nothingIsRefusedAsNull() {
        assertThatNullPointerException().isThrownBy(() -> reader.read((byte[]) null));
        assertThatNullPointerException().isThrownBy(() -> reader.read((Path) null));
        assertThatNullPointerException().isThrownBy(() -> reader.read((BufferedImage) null));
    }

    private UnreadableImageException refusal(final byte[] image) {
        final UnreadableImageException refused = catchThrowableOfType(UnreadableImageException.class,
                () -> reader.read(image));
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }

    /** A PNG signature and header chunk declaring an 8-bit RGB image of that size, then the end: no pixels. */
    private static byte[] pngHeader(final int width, final int height) {
        final ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(final String type, final byte[] data) {
        final byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        final CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(name).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static byte[] encoded(final BufferedImage image, final String format) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, out)).as("written as " + format).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage dataMatrix() {
        // Not ZXing's GS1 mode: it does not put FNC1 first (]d2); the scanner's label encoder does, and its tests read it
        return symbol(BarcodeFormat.DATA_MATRIX, PACK, 180, 180, Map.of());
    }

    private static BufferedImage qr(final String text) {
        return symbol(BarcodeFormat.QR_CODE, text, 200, 200, Map.of());
    }

    private static BufferedImage blank() {
        return ImageTransforms.scale(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), 200);
    }

    private static BufferedImage symbol(final BarcodeFormat format, final String text, final int width,
            final int height, final Map<EncodeHintType, ?> hints) {
        try {
            return MatrixToImageWriter.toBufferedImage(new MultiFormatWriter().encode(text, format, width, height,
                    hints));
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }
}
