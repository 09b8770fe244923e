package io.eddy.loadtests.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTML report: one self-contained page (inline CSS and SVG, no executable script, nothing fetched) with
 * the run's settings, a summary table, the Eddy/etcd ratios when both ran, and per workload three
 * charts with one line per target: the latency distribution by percentile, latency over time
 * (per-second p50 solid, p99 dashed) and throughput over time. The results JSON is embedded too.
 */
final class Html {
    private static final Map<String, String> COLORS = Map.of("eddy", "#1f6fb4", "etcd", "#e8710a");
    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1800px}"
            + "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;"
            + "text-align:right;font-variant-numeric:tabular-nums}th{background:#f2f2f2}td.l,th.l{text-align:left}"
            + ".charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #ddd;background:#fff}"
            + ".title{font-size:14px;font-weight:600}.tick{font-size:11px;fill:#555}.axis{font-size:12px;fill:#333}"
            + ".legend{font-size:12px}.grid{stroke:#e6e6e6}.good{color:#18794e}.bad{color:#b42318}"
            + "code{background:#f5f5f5;padding:1px 4px}";

    private Html() {
    }

    /** The page for {@code results}; {@code settings} and {@code json} (the results file) are shown and embedded. */
    static String report(String title, Map<String, Object> settings, List<Result> results, String json) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>")
                .append(escape(title)).append("</title><style>").append(CSS).append("</style></head><body><h1>")
                .append(escape(title)).append("</h1><table>");
        settings.forEach((k, v) -> page.append("<tr><th class='l'>").append(escape(k)).append("</th><td class='l'>")
                .append(escape(String.valueOf(v))).append("</td></tr>"));
        page.append("</table>");
        List<Ratio> ratios = Ratio.of(results);
        if (!ratios.isEmpty()) {
            page.append("<h2>Eddy / etcd</h2><p>Throughput ratio above 1 and p99 ratio below 1 favour Eddy.</p><table>")
                    .append("<tr><th class='l'>workload</th><th>eddy ops/s</th><th>etcd ops/s</th><th>throughput "
                            + "ratio</th><th>eddy p99 ms</th><th>etcd p99 ms</th><th>p99 ratio</th></tr>");
            for (Ratio r : ratios) {
                page.append("<tr><td class='l'>").append(escape(r.workload())).append("</td><td>")
                        .append(num(r.eddyOps(), 0)).append("</td><td>").append(num(r.etcdOps(), 0)).append("</td>")
                        .append(ratioCell(r.opsRatio(), true)).append("<td>").append(num(r.eddyP99(), 2))
                        .append("</td><td>").append(num(r.etcdP99(), 2)).append("</td>")
                        .append(ratioCell(r.p99Ratio(), false)).append("</tr>");
            }
            page.append("</table>");
        }
        page.append("<h2>Results</h2><table><tr><th class='l'>workload</th><th class='l'>target</th><th>in flight</th>"
                + "<th>conns</th><th>seconds</th><th>ops</th><th>ops/s</th><th>p50 ms</th><th>p90</th><th>p99</th>"
                + "<th>p99.9</th><th>max</th><th class='l'>errors</th><th class='l'>notes</th></tr>");
        for (Result r : results) {
            page.append("<tr><td class='l'>").append(escape(r.workload())).append("</td><td class='l'>")
                    .append(escape(r.target())).append("</td>");
            if (r.skipped() != null) {
                page.append("<td class='l' colspan='12'>skipped: ").append(escape(r.skipped())).append("</td></tr>");
                continue;
            }
            Result.Latency l = r.latency();
            page.append(cells(r.concurrency(), r.connections(), r.seconds(), r.ops(), r.throughput(), l.p50(), l.p90(),
                    l.p99(), l.p999(), l.max())).append("<td class='l'>").append(escape(r.errors().toString()))
                    .append("</td><td class='l'>").append(escape(r.notes().toString())).append("</td></tr>");
        }
        page.append("</table>");
        Set<String> workloads = new LinkedHashSet<>();
        results.forEach(r -> workloads.add(r.workload()));
        for (String workload : workloads) {
            List<Result> runs = results.stream().filter(r -> r.workload().equals(workload) && r.skipped() == null).toList();
            if (runs.isEmpty()) {
                continue;
            }
            page.append("<h2>").append(escape(workload)).append("</h2><div class='charts'>").append(charts(runs))
                    .append("</div>");
        }
        page.append("<script type='application/json' id='results'>").append(json).append("</script></body></html>\n");
        return page.toString();
    }

    private static String charts(List<Result> runs) {
        boolean watch = runs.get(0).kind().equals("watch");
        List<Svg.Series> distribution = new ArrayList<>();
        List<Svg.Series> overTime = new ArrayList<>();
        List<Svg.Series> throughput = new ArrayList<>();
        for (Result r : runs) {
            String color = COLORS.getOrDefault(r.target(), "#555");
            distribution.add(new Svg.Series(r.target(), color, "", r.distribution().stream()
                    .map(p -> new double[] {Svg.percentileX(p.percentile()), p.ms()}).toList()));
            overTime.add(new Svg.Series(r.target() + " p50", color, "", r.timeline().stream()
                    .map(t -> new double[] {t.second(), t.p50()}).toList()));
            overTime.add(new Svg.Series(r.target() + " p99", color, "6 4", r.timeline().stream()
                    .map(t -> new double[] {t.second(), t.p99()}).toList()));
            throughput.add(new Svg.Series(r.target(), color, "", r.timeline().stream()
                    .map(t -> new double[] {t.second(), t.ops() / Math.max(1e-3, secondLength(r, t))}).toList()));
        }
        String what = watch ? "delivery delay (ms)" : "latency (ms)";
        return Svg.chart("Latency distribution", "percentile", what, distribution, true)
                + Svg.chart("Latency over time (p50 solid, p99 dashed)", "second of the window", what, overTime, false)
                + Svg.chart(watch ? "Events received per second" : "Throughput", "second of the window",
                        watch ? "events/s" : "ops/s", throughput, false);
    }

    /** The length of the timeline point {@code t} (1 s, but the last one may be shorter or longer). */
    private static double secondLength(Result r, Result.Tick t) {
        int i = r.timeline().indexOf(t);
        return i == 0 ? t.second() : t.second() - r.timeline().get(i - 1).second();
    }

    private static String ratioCell(double ratio, boolean higherIsBetter) {
        if (Double.isNaN(ratio)) {
            return "<td>n/a</td>";
        }
        boolean good = higherIsBetter ? ratio >= 1 : ratio <= 1;
        return "<td class='" + (good ? "good" : "bad") + "'>" + num(ratio, 2) + "</td>";
    }

    private static String cells(Object... values) {
        StringBuilder cells = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            String text = v instanceof Double d ? num(d, i == 2 ? 1 : i == 4 ? 0 : 2) : String.format("%,d", v);
            cells.append("<td>").append(text).append("</td>");
        }
        return cells.toString();
    }

    private static String num(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** {@code text} with HTML's special characters escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
                .replace("\"", "&quot;");
    }
}
