package io.eddy.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in etcdctl's (Go's) syntax: a sequence of decimal numbers each with a unit, such
 * as {@code 5s}, {@code 500ms}, {@code 1m30s} or {@code 1.5h}; units {@code ns}, {@code us}
 * (or {@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException when it is not a positive duration in that syntax
     */
    public static Duration parse(String text) {
        Matcher matcher = PART.matcher(text);
        int at = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (at < text.length() && matcher.find(at) && matcher.start() == at) {
            BigDecimal number = new BigDecimal(matcher.group(1).endsWith(".") ? matcher.group(1) + "0" : matcher.group(1));
            nanos = nanos.add(number.multiply(BigDecimal.valueOf(unitNanos(matcher.group(2)))));
            at = matcher.end();
        }
        if (at == 0 || at != text.length() || nanos.signum() == 0) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (expected e.g. 5s, 500ms, 1m30s)");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }

    /**
     * {@code duration} as Go prints a {@code time.Duration}: {@code 1.667515ms}, {@code 2s},
     * {@code 1m30s}, {@code 0s}.
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return decimal(nanos, 1_000) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return decimal(nanos, 1_000_000) + "ms";
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        String seconds = decimal(nanos % 60_000_000_000L, 1_000_000_000) + "s";
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds;
        }
        return minutes > 0 ? minutes + "m" + seconds : seconds;
    }

    private static String decimal(long value, long unit) {
        BigDecimal number = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros();
        return number.scale() < 0 ? number.setScale(0).toPlainString() : number.toPlainString();
    }
}
