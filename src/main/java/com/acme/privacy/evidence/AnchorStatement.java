package com.acme.privacy.evidence;

import java.time.Instant;

/**
 * What an anchor signs. {@code headsSha256} is the SHA-256 of the heads list (one line per request,
 * {@code <request id> <last seq> <hex hash of that event>\n}, ordered by request id) over every audit event up to
 * {@code cutEventId}; {@code previousAnchorSha256} the SHA-256 of the previous anchor's payload, so that anchors
 * form a chain of their own.
 */
record AnchorStatement(
        String type,
        int version,
        long anchorId,
        Instant createdAt,
        String keyId,
        long cutEventId,
        long requests,
        long events,
        String headsSha256,
        String previousAnchorSha256) {

    static final String TYPE = "audit-anchor";
}
