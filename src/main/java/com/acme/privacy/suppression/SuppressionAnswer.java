package com.acme.privacy.suppression;

import java.time.LocalDate;
import java.util.Optional;

import com.acme.privacy.erasure.SubjectErasure;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to a check: never an identifier, never which portal asked or how many times.
 *
 * @param suppressed whether the subject asked to be erased and did not withdraw
 */
record SuppressionAnswer(
        boolean suppressed,
        @Schema(description = "UTC day of the subject's first erasure request; null unless suppressed") LocalDate firstRequestedOn,
        @Schema(description = "UTC day of the subject's latest erasure request; null unless suppressed") LocalDate lastRequestedOn,
        @Schema(description = "UTC day the latest erasure at Gong was confirmed; null while none is") LocalDate erasedOn) {

    static SuppressionAnswer of(Optional<SubjectErasure> found) {
        return found.map(erasure -> new SuppressionAnswer(true, erasure.firstRequestedOn(), erasure.lastRequestedOn(),
                erasure.erasedOn())).orElse(new SuppressionAnswer(false, null, null, null));
    }
}
