package com.acme.privacy.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.ErasureProperties;
import com.acme.privacy.erasure.Regulation;

/**
 * How far a deadline may be extended, to offer it as the form's default. The rule is {@code erasure.Deadlines}'s,
 * which is not public; {@code StatusTransitions.extend} checks it again, so a difference shows as a refusal, never as
 * a wrong deadline.
 */
@Component
class ExtensionLimits {

    private final ErasureProperties properties;

    ExtensionLimits(ErasureProperties properties) {
        this.properties = properties;
    }

    /** GDPR Art. 12(3): two more months; CCPA §1798.130: 45 more days; OTHER as configured. */
    Instant latest(Regulation regulation, Instant dueAt) {
        return switch (regulation) {
            case GDPR -> dueAt.atOffset(ZoneOffset.UTC).plusMonths(2).toInstant();
            case CCPA -> dueAt.atOffset(ZoneOffset.UTC).plusDays(45).toInstant();
            case OTHER -> dueAt.plus(properties.otherRegulationExtension());
        };
    }

    /**
     * The deadline for a chosen date: that day at the current deadline's time of day (UTC), so that days are counted
     * as the regulation counts them; the latest allowed date means exactly the latest allowed, or {@code null} (the
     * service then extends as far as allowed) when no date was chosen.
     */
    static Instant deadlineFor(LocalDate chosen, Instant dueAt, Instant latest) {
        if (chosen == null || chosen.equals(LocalDate.ofInstant(latest, ZoneOffset.UTC))) {
            return null;
        }
        return chosen.atTime(dueAt.atOffset(ZoneOffset.UTC).toLocalTime()).toInstant(ZoneOffset.UTC);
    }
}
