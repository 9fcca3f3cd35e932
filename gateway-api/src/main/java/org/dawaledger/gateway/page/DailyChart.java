package org.dawaledger.gateway.page;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A stacked bar chart of counts per day and code, laid out for a template to draw as inline SVG: one bar a day, one
 * segment a code, a legend, and the same figures as a table for whoever cannot see the chart. Every colour has at
 * least 3:1 contrast with the white it sits on (WCAG 1.4.11) and the segments are split by a white line. The codes are
 * stacked in a fixed order (not by count), and within a chart no two of them share a colour, up to
 * {@code COLOURS.size()} codes.
 *
 * @param id the chart's id in the page
 * @param title what the chart shows, its SVG title
 * @param description what it shows in figures, its SVG desc
 * @param series the codes present, each with its colour and total, in the legend's order
 * @param columns one a day, oldest first
 * @param ticks the value axis's marks
 * @param total every count of the chart
 */
public record DailyChart(String id, String title, String description, List<Series> series, List<Column> columns,
        List<Tick> ticks, long total) {
    /** The drawing's size, in SVG units: it scales to the page's width. */
    public static final int WIDTH = 720;
    public static final int HEIGHT = 280;
    static final int LEFT = 48;
    static final int TOP = 12;
    static final int BOTTOM = 36;
    static final int RIGHT = 8;

    /** Dark enough for white lines between them and for 3:1 against white; told apart by hue and lightness. */
    static final List<String> COLOURS = List.of("#1b5e20", "#b71c1c", "#1565c0", "#b84a00", "#6a1b9a", "#00695c",
            "#5d4037", "#ad1457", "#455a64", "#5f6b00", "#283593", "#8a6100");

    /** One code of the chart. */
    public record Series(String code, String colour, long total) {
    }

    /** One day's bar. */
    public record Column(String date, String label, double x, double width, long total, List<Segment> segments,
            List<Long> counts) {
        /** Where the bar's total is written, above it. */
        public double labelY() {
            return segments.isEmpty() ? TOP + plotHeight() : segments.get(segments.size() - 1).y() - 4;
        }

        /** The middle of the bar. */
        public double middle() {
            return x + width / 2;
        }
    }

    /** One code's part of a bar. */
    public record Segment(String code, String colour, double y, double height, long count) {
    }

    /** A mark of the value axis. */
    public record Tick(double y, long value) {
        /** Where its value is written: level with the line. */
        public double labelY() {
            return y + 4;
        }
    }

    public DailyChart {
        series = List.copyOf(series);
        columns = List.copyOf(columns);
        ticks = List.copyOf(ticks);
    }

    /** Where the plot's bottom is. */
    public double baseline() {
        return TOP + plotHeight();
    }

    /** Where the value axis's figures end. */
    public double tickX() {
        return LEFT - 6;
    }

    /** Where the days are written, below the bars. */
    public double dateY() {
        return baseline() + 18;
    }

    public double left() {
        return LEFT;
    }

    public double right() {
        return WIDTH - RIGHT;
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    static double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /**
     * The chart of some days' counts.
     *
     * @param days each day's counts by code, oldest first
     * @param order the codes in the order they are stacked and coloured; codes not in it follow in name order
     * @param colours the colours, given in turn to the codes present
     */
    static DailyChart of(final String id, final String title, final String what,
            final SortedMap<LocalDate, Map<String, Long>> days, final List<String> order, final List<String> colours) {
        final TreeSet<String> present = new TreeSet<>(Comparator.comparingInt((String code) -> {
            final int at = order.indexOf(code);
            return at < 0 ? order.size() : at;
        }).thenComparing(Comparator.naturalOrder()));
        days.values().forEach(counts -> counts.forEach((code, count) -> {
            if (count > 0) {
                present.add(code);
            }
        }));
        final List<String> codes = List.copyOf(present);
        long max = 0;
        long total = 0;
        for (final Map<String, Long> counts : days.values()) {
            final long day = counts.values().stream().mapToLong(Long::longValue).sum();
            max = Math.max(max, day);
            total += day;
        }
        final long top = niceTop(max);
        final double scale = plotHeight() / top;
        final double slot = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, days.size());
        final List<Column> columns = new ArrayList<>();
        int index = 0;
        for (final Map.Entry<LocalDate, Map<String, Long>> day : days.entrySet()) {
            final double x = LEFT + index * slot + slot * 0.15;
            double y = TOP + plotHeight();
            final List<Segment> segments = new ArrayList<>();
            final List<Long> counts = new ArrayList<>();
            long dayTotal = 0;
            for (int c = 0; c < codes.size(); c++) {
                final long count = day.getValue().getOrDefault(codes.get(c), 0L);
                counts.add(count);
                dayTotal += count;
                if (count > 0) {
                    final double height = count * scale;
                    y -= height;
                    segments.add(new Segment(codes.get(c), colour(colours, c), round(y), round(height), count));
                }
            }
            columns.add(new Column(day.getKey().toString(), day.getKey().toString().substring(5), round(x),
                    round(slot * 0.7), dayTotal, segments, counts));
            index++;
        }
        final List<Series> series = new ArrayList<>();
        for (int c = 0; c < codes.size(); c++) {
            final int column = c;
            series.add(new Series(codes.get(c), colour(colours, c),
                    columns.stream().mapToLong(col -> col.counts().get(column)).sum()));
        }
        final List<Tick> ticks = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            ticks.add(new Tick(round(TOP + plotHeight() - plotHeight() * t / 4), top * t / 4));
        }
        final String description = days.isEmpty() ? what : what + ", " + days.firstKey() + " to " + days.lastKey()
                + " (UTC): " + total + " in all" + (series.isEmpty() ? "" : "; " + String.join(", ", series.stream()
                        .map(s -> s.code() + " " + s.total()).toList())) + ".";
        return new DailyChart(id, title, description, series, columns, ticks, total);
    }

    private static String colour(final List<String> colours, final int index) {
        return colours.get(index % colours.size());
    }

    /** The axis's top: at least the highest bar, divisible in four whole steps. */
    static long niceTop(final long max) {
        if (max <= 4) {
            return 4;
        }
        long step = 1;
        while (step * 4 < max) {
            step = step < 10 ? step + 1 : nextRound(step);
        }
        return step * 4;
    }

    private static long nextRound(final long step) {
        final long magnitude = (long) Math.pow(10, Math.floor(Math.log10(step)));
        final long lead = step / magnitude;
        return (lead < 2 ? 2 : lead < 5 ? 5 : 10) * magnitude;
    }

    private static double round(final double value) {
        return Math.round(value * 10) / 10.0;
    }
}
