package com.acme.privacy.erasure;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

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
        Instant dueAt,
        @Schema(description = "Past dueAt and not yet submitted to Gong") boolean overdue,
        @Schema(description = "Attempts counted against the retry limit") int attempts,
        Instant nextAttemptAt,
        Instant firstDispatchedAt,
        Instant submittedAt,
        GongRequestIds gongRequestIds,
        Instant createdAt,
        Instant updatedAt) {

    /** Gong's receipts, one per erase call. */
    record GongRequestIds(String email, String phoneNumber) {
    }
}
