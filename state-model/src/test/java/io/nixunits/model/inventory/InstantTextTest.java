package io.nixunits.model.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    @Test
    void parseMatchesInstantParse() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(0, 8_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();

            assertEquals(Instant.parse(text), InstantText.parse(text), text);
        }
    }

    @Test
    void parseAcceptsOtherIsoTexts() {
        for (String text : new String[] {"2024-02-29T23:59:59.5Z", "1970-01-01T00:00:00.01Z", "2026-12-04T10:15:30Z",
            "2026-12-01T24:00:00Z", "2016-12-31T23:59:60Z", "2026-12-01T10:00:00.Z"}) {
            assertEquals(Instant.parse(text), InstantText.parse(text), text);
        }
    }

    @Test
    void parseRejectsWhatInstantParseRejects() {
        String[] invalid = {"2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-12-01T10:60:00Z", "2026-12-01 10:00:00Z", "2026-12-01T10:00:00",
            "2026-12-01T10:00:00.1234567890Z", "yesterday", ""};
        for (String text : invalid) {
            assertThrows(DateTimeParseException.class, () -> InstantText.parse(text), text);
        }
    }
}
