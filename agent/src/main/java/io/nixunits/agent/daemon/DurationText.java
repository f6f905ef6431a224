package io.nixunits.agent.daemon;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats durations as the configuration writes them: a number and a unit
 * ({@code 200ms}, {@code 60s}, {@code 10m}, {@code 1h}, {@code 1d}) or ISO-8601 ({@code PT1M}).
 */
public final class DurationText {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationText() {
    }

    /**
     * Parses {@code text}; {@code key} names the setting in the error.
     *
     * @throws ConfigException when the text is neither form, or the duration is not positive
     */
    public static Duration parse(String key, String text) throws ConfigException {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher matcher = SIMPLE.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                duration = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new ConfigException("invalid duration '" + text + "' for " + key + ". Write a number and a unit"
                        + " (ms, s, m, h, d), such as 60s or 10m.");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new ConfigException("invalid duration '" + text + "' for " + key + ": it must be more than zero.");
        }
        return duration;
    }

    /** Formats {@code duration} in the largest unit that divides it, such as {@code 90s} or {@code 15m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
