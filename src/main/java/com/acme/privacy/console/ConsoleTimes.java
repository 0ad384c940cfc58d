package com.acme.privacy.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Times as pages show them, in UTC like every deadline the service computes; {@code ${@times...}} in templates (whose
 * expressions call only public methods).
 */
@Component("times")
class ConsoleTimes {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Clock clock;

    ConsoleTimes(Clock clock) {
        this.clock = clock;
    }

    public String at(Instant instant) {
        return instant == null ? "—" : MINUTES.format(instant);
    }

    public String precisely(Instant instant) {
        return instant == null ? "—" : SECONDS.format(instant);
    }

    /** Whole days until {@code dueAt}, rounded down; negative once it has passed. */
    public long daysLeft(Instant dueAt) {
        return Math.floorDiv(Duration.between(clock.instant(), dueAt).toHours(), 24);
    }

    public String deadline(Instant dueAt) {
        long days = daysLeft(dueAt);
        if (days >= 0) {
            return days == 1 ? "1 day left" : days + " days left";
        }
        return -days == 1 ? "overdue by 1 day" : "overdue by " + -days + " days";
    }

    Instant now() {
        return clock.instant();
    }
}
