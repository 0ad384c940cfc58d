package com.acme.privacy.export;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An export's time range, {@code from} inclusive and {@code to} exclusive. Each is an ISO-8601 instant with an offset
 * ({@code 2026-01-01T00:00:00Z}) or a date ({@code 2026-01-01}, the start of that day in UTC).
 */
record ExportRange(Instant from, Instant to) {

    private static final String FORMAT = "must be a date such as 2026-01-01 or an instant such as 2026-01-01T00:00:00Z";

    /** @param longest the longest range allowed, {@code privacy.export.max-range} */
    static ExportRange parse(String from, String to, Duration longest) {
        List<Map<String, String>> errors = new ArrayList<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(Map.of("field", "to", "message", "must be after from"));
        } else if (start != null && end != null && Duration.between(start, end).compareTo(longest) > 0) {
            errors.add(Map.of("field", "to", "message", "must be at most " + days(longest) + " after from; export a longer "
                    + "period in parts (privacy.export.max-range)"));
        }
        if (!errors.isEmpty()) {
            throw new ExportRangeInvalid(errors);
        }
        return new ExportRange(start, end);
    }

    /** For a file name: the dates, or the instants without characters a file name cannot hold. */
    String label() {
        return text(from) + "_" + text(to);
    }

    private static String text(Instant instant) {
        return instant.equals(instant.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC))
                ? instant.atOffset(ZoneOffset.UTC).toLocalDate().toString() : instant.toString().replace(":", "");
    }

    private static String days(Duration duration) {
        return duration.toSeconds() % Duration.ofDays(1).toSeconds() == 0 ? duration.toDays() + " days" : duration.toString();
    }

    private static Instant instant(String field, String value, List<Map<String, String>> errors) {
        if (value == null || value.isBlank()) {
            errors.add(Map.of("field", field, "message", "is required; " + FORMAT));
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(Map.of("field", field, "message", FORMAT));
            return null;
        }
    }
}
