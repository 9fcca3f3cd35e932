package org.dawaledger.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dawaledger.ledger.RefusedException;
import org.junit.jupiter.api.Test;

/** The charts' layout and the two conversions of the regulator's forms, without a browser. */
class DailyChartTest {
    private static DailyChart chart(final Map<String, Map<String, Long>> days) {
        final TreeMap<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
        days.forEach((day, counts) -> byDay.put(LocalDate.parse(day), counts));
        return DailyChart.of("c", "Test", "Counts", byDay, List.of("ACTIVE", "RECALLED", "UNKNOWN_SERIAL"),
                DailyChart.COLOURS);
    }

    @Test
    void barsStackInTheFixedOrderWithHeightsInProportionAndEachCodeItsOwnColour() {
        final DailyChart chart = chart(Map.of("2026-12-01", Map.of("UNKNOWN_SERIAL", 2L, "ACTIVE", 6L),
                "2026-12-02", Map.of("RECALLED", 1L, "OTHER", 1L)));

        assertThat(chart.series()).extracting(DailyChart.Series::code)
                .containsExactly("ACTIVE", "RECALLED", "UNKNOWN_SERIAL", "OTHER");
        assertThat(chart.series()).extracting(DailyChart.Series::colour).doesNotHaveDuplicates();
        final DailyChart.Column first = chart.columns().get(0);
        assertThat(first.total()).isEqualTo(8);
        assertThat(first.counts()).containsExactly(6L, 0L, 2L, 0L);
        assertThat(first.segments()).extracting(DailyChart.Segment::code).containsExactly("ACTIVE", "UNKNOWN_SERIAL");
        assertThat(first.segments().get(0).height()).isEqualTo(first.segments().get(1).height() * 3);
        // The first segment sits on the baseline, the next on top of it.
        assertThat(first.segments().get(0).y() + first.segments().get(0).height()).isEqualTo(chart.baseline());
        assertThat(first.segments().get(1).y() + first.segments().get(1).height())
                .isEqualTo(first.segments().get(0).y());
        assertThat(chart.ticks().get(4).value()).isGreaterThanOrEqualTo(8);
        assertThat(chart.description()).isEqualTo("Counts, 2026-12-01 to 2026-12-02 (UTC): 10 in all; ACTIVE 6,"
                + " RECALLED 1, UNKNOWN_SERIAL 2, OTHER 1.");
    }

    @Test
    void anEmptyWindowHasItsDaysAndNoSeries() {
        final DailyChart chart = chart(Map.of("2026-12-01", Map.of(), "2026-12-02", Map.of()));

        assertThat(chart.columns()).hasSize(2).allSatisfy(column -> assertThat(column.segments()).isEmpty());
        assertThat(chart.series()).isEmpty();
        assertThat(chart.total()).isZero();
    }

    @Test
    void theAxisTopIsARoundNumberAtLeastTheHighestBar() {
        assertThat(DailyChart.niceTop(0)).isEqualTo(4);
        assertThat(DailyChart.niceTop(5)).isEqualTo(8);
        assertThat(DailyChart.niceTop(41)).isEqualTo(80);
        assertThat(DailyChart.niceTop(1_234)).isGreaterThanOrEqualTo(1_234).isEqualTo(2_000);
    }

    @Test
    void rupeesAsTypedBecomeExactPaisaAndAnythingElseIsRefusedNamingTheField() {
        assertThat(RegulatorPages.paisa("34.50")).isEqualTo("3450");
        assertThat(RegulatorPages.paisa(" 34.5 ")).isEqualTo("3450");
        assertThat(RegulatorPages.paisa("34")).isEqualTo("3400");
        assertThat(RegulatorPages.paisa("0.07")).isEqualTo("7");
        for (final String bad : new String[] {"12.345", "-1", "1e3", "3,450", "Rs 34", "", ".5", "34."}) {
            assertThatThrownBy(() -> RegulatorPages.paisa(bad)).as(bad).isInstanceOf(RefusedException.class)
                    .satisfies(e -> assertThat(((RefusedException) e).code()).contains("INVALID_ARGUMENT"))
                    .satisfies(e -> assertThat(((RefusedException) e).detail()).startsWith("rupees:"));
        }
    }

    @Test
    void companyPrefixesTypedWithCommasBecomeTheContractsJsonList() {
        assertThat(RegulatorPages.prefixes(" 8961234, 8961235 ,")).isEqualTo("[\"8961234\",\"8961235\"]");
        assertThat(RegulatorPages.prefixes("  ")).isEmpty();
        assertThat(RegulatorPages.prefixes(null)).isEmpty();
    }
}
