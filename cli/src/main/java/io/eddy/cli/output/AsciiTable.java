package io.eddy.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * etcdctl's ASCII tables (tablewriter with right-aligned cells): a border line, the centered
 * column titles, a border line, one line per row, a border line.
 */
final class AsciiTable {
    private AsciiTable() {
    }

    static String render(Rows rows) {
        int columns = rows.header().size();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = width(rows.header().get(c));
            for (List<String> row : rows.rows()) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        StringBuilder border = new StringBuilder("+");
        for (int width : widths) {
            border.append("-".repeat(width + 2)).append('+');
        }
        List<String> lines = new ArrayList<>();
        lines.add(border.toString());
        lines.add(line(rows.header(), widths, true));
        lines.add(border.toString());
        for (List<String> row : rows.rows()) {
            lines.add(line(row, widths, false));
        }
        lines.add(border.toString());
        return String.join("\n", lines) + "\n";
    }

    private static String line(List<String> cells, int[] widths, boolean centered) {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            int gap = widths[c] - width(cell);
            int left = centered ? gap / 2 : gap;
            line.append(' ').append(" ".repeat(left)).append(cell).append(" ".repeat(gap - left)).append(" |");
        }
        return line.toString();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
