package com.acme.privacy.audit;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One fact to append to a request's audit trail. {@code details} must never hold an identifier in clear.
 *
 * @param actor who or what acted: {@code client:<name>}, {@code user:<name>} or {@code system:<component>}
 */
public record AuditEntry(UUID requestId, String actor, AuditEventKind kind, String fromStatus, String toStatus,
                         String reason, Map<String, ?> details) {

    public AuditEntry {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        details = details == null ? Map.of() : details;
    }

    public static AuditEntry of(UUID requestId, String actor, AuditEventKind kind, String reason, Map<String, ?> details) {
        return new AuditEntry(requestId, actor, kind, null, null, reason, details);
    }
}
