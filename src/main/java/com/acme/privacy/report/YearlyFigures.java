package com.acme.privacy.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A calendar year's requests, counted by when they were received (UTC), and what they were answered.
 *
 * @param from         the year's first instant, inclusive
 * @param to           the next year's first instant, exclusive
 * @param byRegulation the same figures per regulation, by name; every regulation, with zeros where none was received
 */
public record YearlyFigures(int year, Instant from, Instant to, Figures all, Map<String, Figures> byRegulation) {

    /**
     * What §7102 asks for, over one set of requests. An answer is a request's first CONFIRMED_ERASURE, PARTIAL or DENIAL
     * recorded as told to the subject; days to answer run from {@code receivedAt} to when the subject was told.
     */
    public record Figures(
            @Schema(example = "120") long received,
            @Schema(description = "Answered CONFIRMED_ERASURE", example = "90") long compliedInWhole,
            @Schema(description = "Answered PARTIAL", example = "6") long compliedInPart,
            @Schema(description = "compliedInWhole plus compliedInPart", example = "96") long compliedInWholeOrInPart,
            @Schema(description = "Answered DENIAL", example = "9") long denied,
            @Schema(description = "Not answered yet, withdrawn without a denial, or the answer not recorded", example = "15")
            long withoutAnswer,
            @Schema(description = "Median days from receipt to the answer, one decimal; null when nothing was answered",
                    example = "12.5") BigDecimal medianDaysToAnswer,
            @Schema(description = "Mean days from receipt to the answer, one decimal; null when nothing was answered",
                    example = "14.2") BigDecimal meanDaysToAnswer) {

        static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, null, null);
    }
}
