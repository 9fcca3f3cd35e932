/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.dawaledger.gs1.Gs1ElementString;
import org.dawaledger.gs1.PackIdentifier;
import org.dawaledger.barcode.Barcode;
import org.dawaledger.barcode.BarcodeReader;
import org.dawaledger.barcode.ImageTransforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelRoundTripTest {
    private static final Label LABEL = LabelBatch.of("09506000134352", "LOT-2027/A", "2027-06-30",
            List.of("SN0000123456"), 2026).get(0);

    private final BarcodeReader reader = BarcodeReader.create();

    static Stream<Arguments> transformations() {
        return Stream.of(
                Arguments.of("untouched", (UnaryOperator<BufferedImage>) image -> image),
                Arguments.of("rotated 90°", rotate(90)),
                Arguments.of("rotated 180°", rotate(180)),
                Arguments.of("rotated 7°", rotate(7)),
                Arguments.of("rotated -12°", rotate(-12)),
                Arguments.of("scaled down to 40%", scale(0.4)),
                Arguments.of("scaled up 2.5×", scale(2.5)),
                Arguments.of("blurred (box, radius 2)", (UnaryOperator<BufferedImage>)
                        image -> ImageTransforms.blur(image, 2)),
                Arguments.of("with Gaussian noise (σ 40)", (UnaryOperator<BufferedImage>)
                        image -> ImageTransforms.noise(image, 40, 42)),
                Arguments.of("photographed: 1 Mpx, 180 px wide, turned 5°, blurred, noisy",
                        (UnaryOperator<BufferedImage>) image -> ImageTransforms.photo(image, 180, 5, 7)),
                Arguments.of("photographed: 1 Mpx, 320 px wide, turned -20°", (UnaryOperator<BufferedImage>)
                        image -> ImageTransforms.photo(image, 320, -20, 11)));
    }

    @ParameterizedTest(name = "a label decodes to the same fields when {0}")
    @MethodSource("transformations")
    void aLabelDecodesToTheSameFieldsAfterWhatACameraDoesToIt(final String name,
            final UnaryOperator<BufferedImage> transformation) {
        final List<Barcode> barcodes = reader.read(transformation.apply(Gs1DataMatrix.image(LABEL, 6)));

        assertThat(barcodes).hasSize(1);
        assertThat(barcodes.get(0).format()).isEqualTo("DATA_MATRIX");
        assertThat(barcodes.get(0).text()).startsWith("]d2").contains("\u001d21");
        final PackIdentifier pack = Gs1ElementString.parse(barcodes.get(0).text()).toPackIdentifier(2026);
        assertThat(pack.gtin()).isEqualTo(LABEL.gtin());
        assertThat(pack.expiry().toIsoString()).isEqualTo("2027-06-30");
        assertThat(pack.lot()).isEqualTo("LOT-2027/A");
        assertThat(pack.serial()).contains("SN0000123456");
    }

    @Test
    void theSymbolEncodesTheElementStringInTheOrderGtinExpiryLotSerialWithAGsAfterTheLot() {
        final String text = reader.read(Gs1DataMatrix.image(LABEL, 4)).get(0).text();

        assertThat(text).isEqualTo("]d2" + "0109506000134352" + "17270630" + "10LOT-2027/A" + "\u001d"
                + "21SN0000123456");
    }

    @Test
    void severalLabelsInOneImageAreAllFoundInReadingOrder() {
        final List<Label> labels = LabelBatch.of("09506000134352", "L1", "2027-06-30", List.of("A1", "A2", "A3"),
                2026);
        final BufferedImage image = ImageTransforms.sideBySide(60, Gs1DataMatrix.image(labels.get(0), 5),
                Gs1DataMatrix.image(labels.get(1), 5), Gs1DataMatrix.image(labels.get(2), 5));

        assertThat(serialsIn(image)).containsExactly("A1", "A2", "A3");
    }

    @Test
    void severalLabelsInAOneMegapixelPhotoWithABackgroundAreAllFound() {
        final List<Label> labels = LabelBatch.of("09506000134352", "L1", "2027-06-30", List.of("P1", "P2", "P3"),
                2026);
        final BufferedImage tray = ImageTransforms.sideBySide(40, Gs1DataMatrix.image(labels.get(0), 6),
                Gs1DataMatrix.image(labels.get(1), 6), Gs1DataMatrix.image(labels.get(2), 6));

        assertThat(serialsIn(ImageTransforms.photo(tray, 600, 3, 5))).containsExactly("P1", "P2", "P3");
    }

    private List<String> serialsIn(final BufferedImage image) {
        return reader.read(image).stream()
                .map(barcode -> Gs1ElementString.parse(barcode.text()).toPackIdentifier(2026).serial().orElseThrow())
                .toList();
    }

    private static UnaryOperator<BufferedImage> rotate(final double degrees) {
        return image -> ImageTransforms.rotate(image, degrees);
    }

    private static UnaryOperator<BufferedImage> scale(final double factor) {
        return image -> ImageTransforms.scale(image, factor);
    }
}
