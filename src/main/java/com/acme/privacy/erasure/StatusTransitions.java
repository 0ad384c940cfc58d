package com.acme.privacy.erasure;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;

/**
 * Status changes by people and portals (cancel, retry, release) and deadline extensions; each names its
 * {@link StatusMove} and is audited in the same transaction. The dispatcher's and retention's changes go through
 * {@code erasure.lifecycle}.
 */
@Component
public class StatusTransitions {

    private final ErasureRequests requests;
    private final AuditTrail auditTrail;
    private final Deadlines deadlines;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StatusTransitions(ErasureRequests requests, AuditTrail auditTrail, Deadlines deadlines, ApplicationEventPublisher events,
                      Clock clock) {
        this.requests = requests;
        this.auditTrail = auditTrail;
        this.deadlines = deadlines;
        this.events = events;
        this.clock = clock;
    }

    /** Withdraws a request; refused once anything may have reached Gong. */
    @Transactional
    public ErasureRequest cancel(UUID id, String actor, String reason) {
        ErasureRequest request = lock(id);
        if (request.sentToGong()) {
            throw new TransitionNotAllowed(id, "Erasure request " + id + " was already sent to Gong and can no longer be cancelled");
        }
        audit(request.getId(), actor, request.moveTo(StatusMove.CANCEL, clock.instant()), StatusMove.CANCEL.to(), reason);
        tellPortal(request, RequestChange.CANCELLED);
        return request;
    }

    /** Puts a failed request, or one whose data outlived the erasure, back in the queue with its attempts reset. */
    @Transactional
    public ErasureRequest retry(UUID id, String actor, String reason) {
        ErasureRequest request = lock(id);
        if (!StatusMove.RETRY.startsFrom(request.getStatus())) {
            throw new TransitionNotAllowed(id, request.getStatus(), StatusMove.RETRY.to());
        }
        if (request.identifiersPurged()) {
            throw new TransitionNotAllowed(id, "Erasure request " + id + " can no longer be sent: retention destroyed its "
                    + "identifiers. Submit the subject again");
        }
        requests.findOpen(request.emailHash(), request.getSource()).ifPresent(open -> {
            throw new TransitionNotAllowed(id, "The subject already has an open request " + open.getId() + " from the same source");
        });
        audit(request.getId(), actor, request.retry(clock.instant()), StatusMove.RETRY.to(), reason);
        return request;
    }

    /**
     * Lets a held request go to Gong. A portal releases only what it submitted; anyone else's request looks missing.
     *
     * @param onlySource the caller's source when it may release only its own requests, {@code null} for anyone's
     */
    @Transactional
    public ErasureRequest release(UUID id, String onlySource, String actor, String reason) {
        ErasureRequest request = lock(id);
        if (onlySource != null && !onlySource.equals(request.getSource())) {
            throw new ErasureRequestNotFound(id);
        }
        if (!StatusMove.RELEASE.startsFrom(request.getStatus())) {
            throw new TransitionNotAllowed(id, request.getStatus(), StatusMove.RELEASE.to());
        }
        audit(request.getId(), actor, request.release(clock.instant()), StatusMove.RELEASE.to(), reason);
        tellPortal(request, RequestChange.HOLD_RELEASED);
        return request;
    }

    /**
     * Extends the deadline once, to {@code newDueAt} or, when {@code null}, as far as the regulation allows. Refused
     * once the deadline has passed: an extension has to be announced to the subject within it.
     */
    @Transactional
    public ErasureRequest extend(UUID id, Instant newDueAt, String actor, String reason) {
        ErasureRequest request = lock(id);
        Instant now = clock.instant();
        if (ErasureStatus.CLOSED.contains(request.getStatus())) {
            throw new TransitionNotAllowed(id, "Erasure request " + id + " is " + request.getStatus() + "; there is no deadline left to extend");
        }
        if (request.isExtended()) {
            throw new TransitionNotAllowed(id, "The deadline of erasure request " + id + " was already extended; it can be extended once");
        }
        if (now.isAfter(request.getDueAt())) {
            throw new TransitionNotAllowed(id, "The deadline of erasure request " + id + " (" + request.getDueAt()
                    + ") has passed; an extension must be decided within it");
        }
        Instant latest = deadlines.latestExtension(request.getRegulation(), request.getDueAt());
        Instant extendedTo = newDueAt == null ? latest : newDueAt;
        if (!extendedTo.isAfter(request.getDueAt()) || extendedTo.isAfter(latest)) {
            throw new FieldRejected("dueAt", "must lie after the current deadline (" + request.getDueAt() + ") and no later than "
                    + latest + ", what " + request.getRegulation() + " allows");
        }
        Instant previous = request.extend(extendedTo, now);
        requests.flush();
        auditTrail.record(new AuditEntry(request.getId(), actor, AuditEventKind.DEADLINE_EXTENDED, null, null, reason,
                Map.of("from", previous.toString(), "to", extendedTo.toString(), "regulation", request.getRegulation().name())));
        tellPortal(request, RequestChange.DEADLINE_EXTENDED);
        return request;
    }

    /** In this transaction, so that the portal hears of the change exactly when it is committed. */
    private void tellPortal(ErasureRequest request, RequestChange change) {
        events.publishEvent(new ErasureRequestChanged(UUID.randomUUID(), request.getId(), request.getSource(),
                request.getExternalReference(), change, request.getStatus(), clock.instant(), request.getReceivedAt(),
                request.getDueAt(), request.getOriginalDueAt()));
    }

    private ErasureRequest lock(UUID id) {
        return requests.findForUpdate(id).orElseThrow(() -> new ErasureRequestNotFound(id));
    }

    private void audit(UUID id, String actor, ErasureStatus from, ErasureStatus to, String reason) {
        requests.flush();
        auditTrail.record(new AuditEntry(id, actor, AuditEventKind.STATUS_CHANGED, from.name(), to.name(), reason, Map.of()));
    }
}
