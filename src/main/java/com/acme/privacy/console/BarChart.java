package com.acme.privacy.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A small bar chart as SVG geometry, rendered by the page itself: no script, and the same numbers in a table beside
 * it for people who do not see the picture.
 *
 * @param series the CSS class and legend of each series, in the order of {@link Row#values()}
 */
record BarChart(String title, int width, int height, List<Series> series, List<Bar> bars, List<Label> labels,
                List<Line> gridlines, List<Row> rows) {

    record Series(String cssClass, String name) {
    }

    record Bar(int x, int y, int width, int height, String cssClass, String tooltip) {
    }

    record Label(int x, int y, String anchor, String text) {
    }

    record Line(int x1, int y1, int x2, int y2) {
    }

    /** One category on the x axis, with a value per series; {@code tick} is shown under it, or nothing when blank. */
    record Row(String category, String tick, List<Long> values) {
    }

    private static final int LEFT = 44;
    private static final int TOP = 12;
    private static final int PLOT_HEIGHT = 160;
    private static final int BOTTOM = 28;

    /** Bars grouped per category, side by side per series. */
    static BarChart of(String title, List<Series> series, List<Row> rows, int barWidth, int gap) {
        long max = Math.max(1, rows.stream().flatMap(row -> row.values().stream()).mapToLong(Long::longValue).max().orElse(1));
        int groupWidth = series.size() * barWidth + gap;
        int width = LEFT + rows.size() * groupWidth + gap;
        int baseline = TOP + PLOT_HEIGHT;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            int groupX = LEFT + gap + i * groupWidth;
            for (int s = 0; s < series.size(); s++) {
                long value = row.values().get(s);
                int barHeight = (int) Math.round((double) value * PLOT_HEIGHT / max);
                bars.add(new Bar(groupX + s * barWidth, baseline - barHeight, barWidth - 1, barHeight, series.get(s).cssClass(),
                        row.category() + ": " + value + " " + series.get(s).name()));
            }
            if (!row.tick().isBlank()) {
                labels.add(new Label(groupX + (groupWidth - gap) / 2, baseline + 18, "middle", row.tick()));
            }
        }
        labels.add(new Label(LEFT - 6, baseline + 4, "end", "0"));
        labels.add(new Label(LEFT - 6, TOP + 4, "end", Long.toString(max)));
        List<Line> gridlines = List.of(new Line(LEFT, TOP, width, TOP), new Line(LEFT, baseline, width, baseline));
        return new BarChart(title, width, TOP + PLOT_HEIGHT + BOTTOM, series, bars, labels, gridlines, rows);
    }
}
