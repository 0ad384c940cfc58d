package com.acme.privacy.erasure;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * A change its portal should hear of, published in the transaction that made it, so that it is delivered exactly when
 * the change is committed (Spring Modulith's event publication registry keeps it until then). It names no identifier.
 *
 * @param eventId       unique to this change: a receiver's deduplication key, the same on every delivery
 * @param originalDueAt the deadline before its extension, or {@code null}
 */
@NamedInterface("events")
public record ErasureRequestChanged(UUID eventId, UUID requestId, String source, String externalReference, RequestChange change,
                                    ErasureStatus status, Instant occurredAt, Instant receivedAt, Instant dueAt,
                                    Instant originalDueAt) {
}
