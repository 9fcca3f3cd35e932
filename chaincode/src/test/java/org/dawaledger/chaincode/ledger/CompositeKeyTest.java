package org.dawaledger.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.IntStream;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;

/** The ledger's composite keys are the shim's, character for character: range reads and the peer's index rely on it. */
class CompositeKeyTest {
    private static final String LAST_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

    @Test
    void keysAreTheShimsForTheContractsOwnKinds() {
        assertThat(Ledger.compositeKey("pack", "08960001000015", "PAN2401-0001"))
                .isEqualTo(new CompositeKey("pack", "08960001000015", "PAN2401-0001").toString());
        assertThat(Ledger.compositeKey("product")).isEqualTo(new CompositeKey("product").toString());
        assertThat(Ledger.compositeKey("shipment~receiver", "8960000000054", "DISPATCHED", ""))
                .isEqualTo(new CompositeKey("shipment~receiver", "8960000000054", "DISPATCHED", "").toString());
    }

    @Test
    void keysAreTheShimsForAnyTextTheShimTakes() {
        final Random random = new Random(20261202);
        IntStream.range(0, 5_000).forEach(n -> {
            final String type = text(random);
            final String[] attributes = IntStream.range(0, random.nextInt(5)).mapToObj(i -> text(random))
                    .toArray(String[]::new);
            assertThat(Ledger.compositeKey(type, attributes)).isEqualTo(new CompositeKey(type, attributes).toString());
        });
    }

    @Test
    void aSegmentHoldingTheDelimiterOrTheLastCodePointIsRefusedAsTheShimRefusesIt() {
        for (final String bad : new String[] {"a\u0000b", "\u0000", "x" + LAST_CODE_POINT, LAST_CODE_POINT + "y"}) {
            assertThatThrownBy(() -> new CompositeKey("pack", "08960001000015", bad))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Ledger.compositeKey("pack", "08960001000015", bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000 or U+10FFFF");
            assertThatThrownBy(() -> Ledger.compositeKey(bad, "08960001000015"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aLoneSurrogateIsNotTheLastCodePoint() {
        final String lone = "a" + Character.highSurrogate(Character.MAX_CODE_POINT) + "b";

        assertThat(Ledger.compositeKey("pack", lone)).isEqualTo(new CompositeKey("pack", lone).toString());
    }

    /** Text of any code points but the two a key may not hold, surrogate halves included. */
    private static String text(final Random random) {
        final StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            final int codePoint = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 1 + random.nextInt(0x7ff);
                case 2 -> 0xd800 + random.nextInt(0x800);
                default -> 0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0x10000);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }
}
