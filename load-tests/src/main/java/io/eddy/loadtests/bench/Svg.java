package io.eddy.loadtests.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Line charts as inline SVG, drawn by our own code so the report needs nothing from the network.
 * The x axis is linear, or the percentile scale of latency distributions ({@link #percentileX}:
 * {@code log10(1 / (1 - p))}, so 90, 99, 99.9 % are evenly spaced); the y axis is linear from 0.
 */
final class Svg {
    private static final int WIDTH = 560;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 36;
    private static final int BOTTOM = 44;
    private static final double MAX_NINES = 6; // 99.9999 %
    private static final String[] PERCENTILE_LABELS = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};

    private Svg() {
    }

    /** One line: its legend name, colour, dash pattern ({@code ""} for solid) and points {x, y}. */
    record Series(String name, String color, String dash, List<double[]> points) {
    }

    /** The x position of percentile {@code p} (0–100) on the percentile scale. */
    static double percentileX(double p) {
        return p >= 100 ? MAX_NINES : Math.min(MAX_NINES, Math.log10(1 / (1 - p / 100)));
    }

    /** A chart of {@code series}; {@code percentileAxis} labels x as percentiles (x values from {@link #percentileX}). */
    static String chart(String title, String xLabel, String yLabel, List<Series> series, boolean percentileAxis) {
        double xMax = 0;
        double yMax = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                xMax = Math.max(xMax, p[0]);
                yMax = Math.max(yMax, p[1]);
            }
        }
        xMax = percentileAxis ? Math.max(3, Math.ceil(xMax)) : Math.max(1, xMax);
        double yStep = niceStep(yMax <= 0 ? 1 : yMax * 1.05);
        double yTop = Math.max(yStep, Math.ceil(yMax * 1.05 / yStep) * yStep);
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d' width='%d' height='%d' "
                + "class='chart' role='img'>", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(f("<text x='%d' y='18' class='title'>%s</text>", LEFT, Html.escape(title)));
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        for (double y = 0; y <= yTop + yStep / 2; y += yStep) {
            double py = TOP + plotH - y / yTop * plotH;
            svg.append(f("<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' class='grid'/>", LEFT, WIDTH - RIGHT, py, py));
            svg.append(f("<text x='%d' y='%.1f' class='tick' text-anchor='end'>%s</text>", LEFT - 6, py + 4, num(y)));
        }
        List<Double> xTicks = new ArrayList<>();
        double xStep = percentileAxis ? 1 : niceStep(xMax);
        for (double x = 0; x <= xMax + xStep / 1000; x += xStep) {
            xTicks.add(x);
        }
        for (double tick : xTicks) {
            double px = LEFT + tick / xMax * plotW;
            String label = percentileAxis ? PERCENTILE_LABELS[(int) tick] : num(tick);
            svg.append(f("<line x1='%.1f' x2='%.1f' y1='%d' y2='%.1f' class='grid'/>", px, px, TOP, TOP + plotH));
            svg.append(f("<text x='%.1f' y='%.1f' class='tick' text-anchor='middle'>%s</text>", px, TOP + plotH + 16,
                    label));
        }
        svg.append(f("<text x='%.1f' y='%d' class='axis' text-anchor='middle'>%s</text>", LEFT + plotW / 2,
                HEIGHT - 6, Html.escape(xLabel)));
        svg.append(f("<text x='14' y='%.1f' class='axis' text-anchor='middle' transform='rotate(-90 14 %.1f)'>%s"
                + "</text>", TOP + plotH / 2, TOP + plotH / 2, Html.escape(yLabel)));
        int legendX = LEFT + 8;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (double[] p : s.points()) {
                points.append(f("%.1f,%.1f ", LEFT + p[0] / xMax * plotW, TOP + plotH - p[1] / yTop * plotH));
            }
            String dash = s.dash().isEmpty() ? "" : " stroke-dasharray='" + s.dash() + "'";
            svg.append(f("<polyline fill='none' stroke='%s' stroke-width='2'%s points='%s'><title>%s</title>"
                    + "</polyline>", s.color(), dash, points.toString().trim(), Html.escape(s.name())));
            svg.append(f("<line x1='%d' x2='%d' y1='28' y2='28' stroke='%s' stroke-width='2'%s/>", legendX,
                    legendX + 18, s.color(), dash));
            svg.append(f("<text x='%d' y='32' class='legend'>%s</text>", legendX + 22, Html.escape(s.name())));
            legendX += 30 + 7 * s.name().length();
        }
        return svg.append("</svg>").toString();
    }

    /** A step of 1, 2 or 5 times a power of ten giving about 5 intervals up to {@code max}. */
    static double niceStep(double max) {
        double raw = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double unit = raw / power;
        return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
    }

    private static String num(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
