package com.acme.privacy.audit;

import java.time.Instant;
import java.util.UUID;

/** A stored audit event; {@code hash} chains it to the previous event of the same request. */
public record AuditEvent(UUID requestId, int seq, Instant occurredAt, String actor, AuditEventKind kind,
                         String fromStatus, String toStatus, String reason, String detailsJson, String hash) {
}
