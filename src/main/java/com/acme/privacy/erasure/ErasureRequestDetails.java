package com.acme.privacy.erasure;

import java.time.Instant;
import java.util.List;

import com.acme.privacy.audit.AuditEventKind;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A request with everything that happened to it. */
record ErasureRequestDetails(
        @JsonUnwrapped ErasureRequestView request,
        @Schema(description = "Every call made to Gong for this request, oldest first") List<AuditEventView> gongCalls,
        AuditTrailView auditTrail) {

    record AuditTrailView(
            @Schema(description = "Whether every event's hash and link recomputes; false means the trail was altered")
            boolean intact,
            Integer firstBrokenSeq,
            List<AuditEventView> events) {
    }

    record AuditEventView(int seq, Instant occurredAt, String actor, AuditEventKind kind, String fromStatus,
                          String toStatus, String reason, JsonNode details, String hash) {
    }
}
