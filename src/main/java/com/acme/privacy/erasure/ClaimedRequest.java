package com.acme.privacy.erasure;

import java.time.Instant;
import java.util.UUID;

import com.acme.privacy.pii.Sealed;

/**
 * A request claimed for dispatch under a lease. A Gong request id already present means that identifier was erased
 * in an earlier attempt and need not be sent again.
 */
public record ClaimedRequest(UUID id, int attempt, Sealed email, Sealed phone, String gongEmailRequestId,
                             String gongPhoneRequestId, Instant leaseUntil, String correlationId) {
}
