package com.acme.privacy.erasure.web;

import java.time.Instant;
import java.util.UUID;

import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.erasure.Regulation;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A request as the API shows it: identifiers masked. */
record ErasureRequestView(
        UUID id,
        ErasureStatus status,
        @Schema(example = "j***@example.com") String email,
        @Schema(example = "+4915******78") String phoneNumber,
        Regulation regulation,
        String source,
        String externalReference,
        Instant receivedAt,
        @Schema(description = "The deadline in force, extended or not") Instant dueAt,
        @Schema(description = "The deadline before its one extension; null unless extended") Instant originalDueAt,
        @Schema(description = "Past dueAt and not yet answered (HELD, PENDING, DISPATCHING, FAILED or NEEDS_ATTENTION)") boolean overdue,
        @Schema(description = "Ordering guard: not sent to Gong before this time") Instant notBefore,
        @Schema(description = "Ordering guard: HELD until released") boolean holdUntilConfirmed,
        @Schema(description = "Attempts counted against the retry limit") int attempts,
        Instant nextAttemptAt,
        Instant firstDispatchedAt,
        Instant submittedAt,
        GongRequestIds gongRequestIds,
        @Schema(description = "Whether Gong still holds data of the subject, once checked") Completion completion,
        Instant createdAt,
        Instant updatedAt) {

    /** Gong's receipts, one per erase call. */
    record GongRequestIds(String email, String phoneNumber) {
    }

    /**
     * @param checkDueAt  when the next completion check is due, if one is
     * @param completedAt when a check found nothing left
     * @param lastCheck   the last check: when, whether data was left, Gong's counts per kind and its request ids;
     *                    for VIEWERs and ADMINs only, like the Gong calls
     */
    record Completion(Instant checkDueAt, Instant completedAt, JsonNode lastCheck) {
    }
}
