package com.acme.privacy.erasure;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

import com.acme.privacy.audit.AuditEvent;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.audit.ChainVerification;
import com.acme.privacy.erasure.ErasureRequestDetails.AuditEventView;
import com.acme.privacy.erasure.ErasureRequestDetails.AuditTrailView;
import com.acme.privacy.pii.ProtectedIdentifiers;

import tools.jackson.databind.json.JsonMapper;

/** Turns stored requests into API views; the only place identifiers are decrypted for display, and only to mask them. */
@Component
class ErasureRequestViews {

    private final ProtectedIdentifiers identifiers;
    private final AuditTrail auditTrail;
    private final JsonMapper json;
    private final Clock clock;

    ErasureRequestViews(ProtectedIdentifiers identifiers, AuditTrail auditTrail, JsonMapper json, Clock clock) {
        this.identifiers = identifiers;
        this.auditTrail = auditTrail;
        this.json = json;
        this.clock = clock;
    }

    ErasureRequestView view(ErasureRequest request) {
        boolean overdue = request.getDueAt().isBefore(clock.instant())
                && ErasureRequestSpecifications.UNANSWERED.contains(request.getStatus());
        return new ErasureRequestView(
                request.getId(),
                request.getStatus(),
                identifiers.revealEmail(request.sealedEmail()).masked(),
                request.sealedPhone() == null ? null : identifiers.revealPhone(request.sealedPhone()).masked(),
                request.getRegulation(),
                request.getSource(),
                request.getExternalReference(),
                request.getReceivedAt(),
                request.getDueAt(),
                overdue,
                request.getAttempts(),
                request.getNextAttemptAt(),
                request.getFirstDispatchedAt(),
                request.getSubmittedAt(),
                new ErasureRequestView.GongRequestIds(request.getGongEmailRequestId(), request.getGongPhoneRequestId()),
                request.getCreatedAt(),
                request.getUpdatedAt());
    }

    List<ErasureRequestView> views(List<ErasureRequest> requests) {
        return requests.stream().map(this::view).toList();
    }

    ErasureRequestDetails details(ErasureRequest request) {
        List<AuditEvent> events = auditTrail.eventsFor(request.getId());
        ChainVerification verification = auditTrail.verify(request.getId());
        List<AuditEventView> eventViews = events.stream()
                .map(e -> new AuditEventView(e.seq(), e.occurredAt(), e.actor(), e.kind(), e.fromStatus(), e.toStatus(),
                        e.reason(), json.readTree(e.detailsJson()), e.hash()))
                .toList();
        return new ErasureRequestDetails(
                view(request),
                eventViews.stream().filter(e -> e.kind() == AuditEventKind.GONG_CALL).toList(),
                new AuditTrailView(verification.intact(), verification.firstBrokenSeq(), eventViews));
    }
}
