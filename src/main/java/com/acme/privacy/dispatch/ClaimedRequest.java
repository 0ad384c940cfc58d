package com.acme.privacy.dispatch;

import java.time.Instant;
import java.util.UUID;

import com.acme.privacy.pii.Sealed;

/**
 * A request claimed for dispatch under a lease. A Gong request id already present means that identifier was erased
 * in an earlier attempt and need not be sent again.
 *
 * @param attempt    the attempt this claim is, should it count: the attempts counted so far plus one
 * @param leaseUntil the claim's lease end; unique to this claim, it fences the claim's outcome
 */
record ClaimedRequest(UUID id, int attempt, Sealed email, Sealed phone, String gongEmailRequestId,
                      String gongPhoneRequestId, Instant leaseUntil, String correlationId) {
}
