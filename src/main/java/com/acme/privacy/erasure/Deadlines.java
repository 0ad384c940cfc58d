package com.acme.privacy.erasure;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.stereotype.Component;

/**
 * When an answer is due: GDPR Art. 12(3) one month, extendable by two more; CCPA §1798.130 45 days, extendable by 45
 * more; OTHER as configured.
 */
@Component
public class Deadlines {

    private final ErasureProperties properties;

    Deadlines(ErasureProperties properties) {
        this.properties = properties;
    }

    Instant dueAt(Regulation regulation, Instant receivedAt) {
        return switch (regulation) {
            // A calendar month; on a shorter month it ends on its last day (31 Jan -> 28/29 Feb).
            case GDPR -> receivedAt.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
            case CCPA -> receivedAt.atOffset(ZoneOffset.UTC).plusDays(45).toInstant();
            case OTHER -> receivedAt.plus(properties.otherRegulationDeadline());
        };
    }

    /** The latest a deadline may be extended to, once. */
    public Instant latestExtension(Regulation regulation, Instant dueAt) {
        return switch (regulation) {
            case GDPR -> dueAt.atOffset(ZoneOffset.UTC).plusMonths(2).toInstant();
            case CCPA -> dueAt.atOffset(ZoneOffset.UTC).plusDays(45).toInstant();
            case OTHER -> dueAt.plus(properties.otherRegulationExtension());
        };
    }
}
