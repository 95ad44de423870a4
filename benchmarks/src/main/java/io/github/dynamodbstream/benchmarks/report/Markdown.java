package io.github.dynamodbstream.benchmarks.report;

import java.util.List;
import java.util.Locale;

/** Small helpers for Markdown tables and numbers. */
final class Markdown {

    private final StringBuilder text = new StringBuilder();

    Markdown line(String line) {
        text.append(line).append('\n');
        return this;
    }

    Markdown blank() {
        return line("");
    }

    Markdown table(List<String> header, List<List<String>> rows) {
        line("| " + String.join(" | ", header) + " |");
        line("|" + "---|".repeat(header.size()));
        for (List<String> row : rows) {
            line("| " + String.join(" | ", row) + " |");
        }
        return blank();
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String decimal(Double value, int digits) {
        return value == null ? "–" : String.format(Locale.ROOT, "%,." + digits + "f", value);
    }

    static String ratio(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String millis(Long value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%,d", value);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
