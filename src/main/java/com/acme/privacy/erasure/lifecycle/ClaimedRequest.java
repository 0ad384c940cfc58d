package com.acme.privacy.erasure.lifecycle;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import com.acme.privacy.pii.Sealed;

/**
 * A request claimed for dispatch under a lease. A Gong request id already present means that identifier was erased
 * in an earlier attempt and need not be sent again.
 *
 * @param attempt    the attempt this claim is, should it count: the attempts counted so far plus one
 * @param leaseUntil the claim's lease end; unique to this claim, it fences the claim's outcome
 * @param subject    the email's keyed hash: requests of several portals for one subject share Gong's calls
 */
public record ClaimedRequest(UUID id, int attempt, Sealed email, Sealed phone, String gongEmailRequestId,
                      String gongPhoneRequestId, Instant leaseUntil, String correlationId, Subject subject) {

    /** The keyed hashes of the request's identifiers; compared by content. */
    public record Subject(byte[] emailHash, byte[] phoneHash) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Subject that && Arrays.equals(emailHash, that.emailHash) && Arrays.equals(phoneHash, that.phoneHash);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(emailHash) + Arrays.hashCode(phoneHash);
        }

        public boolean sharesEmailWith(Subject other) {
            return Arrays.equals(emailHash, other.emailHash);
        }
    }
}
