package com.acme.privacy.erasure.lifecycle;

import java.time.Instant;
import java.util.UUID;

import com.acme.privacy.pii.Sealed;

/**
 * A submitted request claimed for its completion check under a lease.
 *
 * @param checksWithData how many earlier checks found data left: after the first, the erasure was sent again
 * @param failures       how many checks in a row could not be made
 * @param leaseUntil     the claim's lease end; it fences the check's outcome
 */
public record ClaimedCheck(UUID id, Sealed email, Sealed phone, int checksWithData, int failures, Instant leaseUntil,
                           String correlationId) {

    /** The number of this check, from 1. */
    public int number() {
        return checksWithData + 1;
    }
}
