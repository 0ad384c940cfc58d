package com.acme.privacy.erasure.web;

import java.time.Instant;
import java.util.List;

import com.acme.privacy.audit.AuditEventKind;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A request with everything that happened to it; the calls and the trail only for VIEWERs and ADMINs. */
record ErasureRequestDetails(
        @JsonUnwrapped ErasureRequestView request,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Every call made to Gong for this request, oldest first") List<AuditEventView> gongCalls,
        @JsonInclude(JsonInclude.Include.NON_NULL) AuditTrailView auditTrail,
        @Schema(description = "What the data subject was told, in the order recorded") List<SubjectResponseView> subjectResponses) {

    record AuditTrailView(
            @Schema(description = "Whether the trail is unaltered: every hash and link recomputes, and its last status "
                    + "change leads to the request's current status")
            boolean intact,
            @Schema(description = "The first event whose hash or link does not recompute, that is out of place, or that "
                    + "differs from what was verified before")
            Integer firstBrokenSeq,
            @Schema(description = "Whether the last status change in the trail leads to the request's current status; "
                    + "false when events were removed from the end or the row was edited")
            boolean statusMatchesRequest,
            List<AuditEventView> events) {
    }

    record AuditEventView(int seq, Instant occurredAt, String actor, AuditEventKind kind, String fromStatus,
                          String toStatus, String reason, JsonNode details, String hash) {
    }
}
