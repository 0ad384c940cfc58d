package com.acme.privacy.erasure.web;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

import com.acme.privacy.audit.AuditEvent;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.erasure.ErasureRequest;
import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.erasure.MaskedIdentifiers;
import com.acme.privacy.erasure.SubjectResponses;
import com.acme.privacy.erasure.VerifiedTrails;
import com.acme.privacy.erasure.web.ErasureRequestDetails.AuditEventView;
import com.acme.privacy.erasure.web.ErasureRequestDetails.AuditTrailView;
import com.acme.privacy.security.Caller;

import tools.jackson.databind.json.JsonMapper;

/** Turns stored requests into API views; identifiers only in their masked forms. */
@Component
class ErasureRequestViews {

    private final MaskedIdentifiers masked;
    private final AuditTrail auditTrail;
    private final VerifiedTrails verifiedTrails;
    private final SubjectResponses responses;
    private final JsonMapper json;
    private final Clock clock;

    ErasureRequestViews(MaskedIdentifiers masked, AuditTrail auditTrail, VerifiedTrails verifiedTrails,
                        SubjectResponses responses, JsonMapper json, Clock clock) {
        this.masked = masked;
        this.auditTrail = auditTrail;
        this.verifiedTrails = verifiedTrails;
        this.responses = responses;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Identifiers are shown in the masked form stored with the request; nothing is decrypted for it. What Gong reported
     * in completion checks is for VIEWERs and ADMINs, like the calls themselves; a SUBMITTER sees only when the check
     * is due and whether it completed the request.
     */
    ErasureRequestView view(ErasureRequest request, Caller caller) {
        boolean overdue = request.getDueAt().isBefore(clock.instant())
                && ErasureStatus.UNANSWERED.contains(request.getStatus());
        return new ErasureRequestView(
                request.getId(),
                request.getStatus(),
                masked.email(request.getEmailMasked(), request.sealedEmail()),
                masked.phone(request.getPhoneMasked(), request.sealedPhone()),
                request.getRegulation(),
                request.getSource(),
                request.getExternalReference(),
                request.getReceivedAt(),
                request.getDueAt(),
                request.getOriginalDueAt(),
                overdue,
                request.getNotBefore(),
                request.isHoldUntilConfirmed(),
                request.getAttempts(),
                request.getNextAttemptAt(),
                request.getFirstDispatchedAt(),
                request.getSubmittedAt(),
                new ErasureRequestView.GongRequestIds(request.getGongEmailRequestId(), request.getGongPhoneRequestId()),
                completion(request, caller),
                request.getCreatedAt(),
                request.getUpdatedAt());
    }

    private ErasureRequestView.Completion completion(ErasureRequest request, Caller caller) {
        if (request.getCheckDueAt() == null && request.getCompletedAt() == null && request.getLastCheck() == null) {
            return null;
        }
        boolean shown = caller.readsEverything() && request.getLastCheck() != null;
        return new ErasureRequestView.Completion(request.getCheckDueAt(), request.getCompletedAt(),
                shown ? json.readTree(request.getLastCheck()) : null);
    }

    List<ErasureRequestView> views(List<ErasureRequest> requests, Caller caller) {
        return requests.stream().map(request -> view(request, caller)).toList();
    }

    /**
     * Gong calls and the audit trail are for VIEWERs and ADMINs; what the subject was told is for the portal too. Call
     * it in the snapshot the request was read in.
     *
     * @param known what this replica verified of the trail before that snapshot (see {@link VerifiedTrails#known})
     */
    ErasureRequestDetails details(ErasureRequest request, Caller caller, VerifiedTrails.Head known) {
        List<SubjectResponseView> told = responses.of(request.getId()).stream().map(SubjectResponseView::of).toList();
        if (!caller.readsEverything()) {
            return new ErasureRequestDetails(view(request, caller), null, null, told);
        }
        List<AuditEvent> events = auditTrail.eventsFor(request.getId());
        Integer firstBroken = verifiedTrails.firstBroken(request.getId(), events, known);
        List<AuditEventView> eventViews = events.stream()
                .map(e -> new AuditEventView(e.seq(), e.occurredAt(), e.actor(), e.kind(), e.fromStatus(), e.toStatus(),
                        e.reason(), json.readTree(e.detailsJson()), e.hash()))
                .toList();
        // The chain cannot show events cut off its end; the request's own status can.
        String lastStatus = events.stream().map(AuditEvent::toStatus).filter(Objects::nonNull).reduce((a, b) -> b).orElse(null);
        boolean statusMatches = request.getStatus().name().equals(lastStatus);
        return new ErasureRequestDetails(
                view(request, caller),
                eventViews.stream().filter(e -> e.kind() == AuditEventKind.GONG_CALL).toList(),
                new AuditTrailView(firstBroken == null && statusMatches, firstBroken, statusMatches, eventViews), told);
    }
}
