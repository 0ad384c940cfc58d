package com.acme.privacy.erasure;

import org.springframework.modulith.NamedInterface;

/**
 * Retention is about to anonymise a request: the last moment its keyed hashes exist. Published synchronously in the
 * anonymisation's transaction, before the hashes are removed, so that a listener's writes stand or fall with it. It
 * names no request: what keeps the hashes must not be able to lead back to the tombstone.
 *
 * @param hashKeyId the hash key both hashes were computed under
 * @param phoneHash {@code null} when no phone number was given
 * @param erasure   the request's day of receipt and, when answered, of its erasure
 */
@NamedInterface("events")
public record RequestAnonymised(ErasureStatus status, String hashKeyId, byte[] emailHash, byte[] phoneHash,
                                SubjectErasure erasure) {
}
