package com.acme.privacy.erasure;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import org.springframework.modulith.NamedInterface;

/**
 * When a subject asked to be erased, as UTC days: a day is all a re-import needs, and no time of day lets a
 * suppression entry be matched with a request's tombstone.
 *
 * @param erasedOn when the latest erasure was confirmed (a completion check found nothing left, or Gong accepted it
 *                 when checks are off); {@code null} while none is
 */
@NamedInterface("subjects")
public record SubjectErasure(LocalDate firstRequestedOn, LocalDate lastRequestedOn, LocalDate erasedOn) {

    public SubjectErasure {
        Objects.requireNonNull(firstRequestedOn, "firstRequestedOn");
        Objects.requireNonNull(lastRequestedOn, "lastRequestedOn");
    }

    public static SubjectErasure of(Instant firstRequested, Instant lastRequested, Instant erased) {
        return new SubjectErasure(day(firstRequested), day(lastRequested), erased == null ? null : day(erased));
    }

    /** Both together: the earliest request, the latest request and the latest erasure. */
    public SubjectErasure and(SubjectErasure other) {
        return new SubjectErasure(min(firstRequestedOn, other.firstRequestedOn), max(lastRequestedOn, other.lastRequestedOn),
                max(erasedOn, other.erasedOn));
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return Stream.of(a, b).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }
}
