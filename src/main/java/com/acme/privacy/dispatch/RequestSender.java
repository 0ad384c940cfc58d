package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import com.acme.privacy.dispatch.GongCallRecord.Identifier;
import com.acme.privacy.gong.GongCallInterrupted;
import com.acme.privacy.gong.GongClient;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.gong.GongUnavailable;
import com.acme.privacy.pii.DecryptionKeyMissing;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.IdentifierUnreadable;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.web.RequestCorrelation;

/**
 * Sends one claimed request to Gong, identifier by identifier, each call through the {@link DispatchGate}, and records
 * every call. Whatever goes wrong with this request, before or after its call, stays with this request: it counts an
 * attempt and backs off, and the batch goes on.
 */
@Component
class RequestSender {

    private static final Logger log = LoggerFactory.getLogger(RequestSender.class);
    private static final String ERASURE_REQUEST_MDC_KEY = "erasureRequestId";
    /** What may be logged of Gong's request id: it is Gong's text, and could carry line breaks into our logs. */
    private static final Pattern SAFE_GONG_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /**
     * Why the batch stops at this request.
     *
     * @param includesCurrent whether this request also goes back to the queue unsent
     * @param standDown       whether this replica should give up the lead for a while
     */
    record Halt(Duration delay, String reason, boolean includesCurrent, boolean standDown) {
    }

    private final DispatchQueue queue;
    private final DispatchGate gate;
    private final ProtectedIdentifiers identifiers;
    private final GongClient gong;
    private final OutcomePolicy outcomes;
    private final DispatchProperties properties;
    private final DispatchWatchdog watchdog;
    private final String replica;
    /** Key ids this replica lacked, and when it last stood back for one. */
    private final Map<String, Long> stoodBackFor = new ConcurrentHashMap<>();

    RequestSender(DispatchQueue queue, DispatchGate gate, ProtectedIdentifiers identifiers, GongClient gong,
                  OutcomePolicy outcomes, DispatchProperties properties, DispatchWatchdog watchdog) {
        this.queue = queue;
        this.gate = gate;
        this.identifiers = identifiers;
        this.gong = gong;
        this.outcomes = outcomes;
        this.properties = properties;
        this.watchdog = watchdog;
        this.replica = properties.replicaId();
    }

    /** Sends what is left of the request; {@code null} when the batch may go on. Log lines carry the submitter's correlation id. */
    Halt send(ClaimedRequest request) {
        MDC.put(RequestCorrelation.MDC_KEY, request.correlationId() != null ? request.correlationId() : request.id().toString());
        MDC.put(ERASURE_REQUEST_MDC_KEY, request.id().toString());
        try {
            return sendIdentifiers(request);
        } finally {
            MDC.remove(RequestCorrelation.MDC_KEY);
            MDC.remove(ERASURE_REQUEST_MDC_KEY);
        }
    }

    private Halt sendIdentifiers(ClaimedRequest request) {
        EmailAddress email;
        PhoneNumber phone;
        try {
            email = identifiers.revealEmail(request.email());
            phone = request.phone() == null ? null : identifiers.revealPhone(request.phone());
        } catch (DecryptionKeyMissing missing) {
            return keyMissing(request, missing.keyId());
        } catch (IdentifierUnreadable unreadable) {
            return broken(request, unreadable.getMessage()).halt();
        }
        boolean emailLeft = request.gongEmailRequestId() == null;
        boolean phoneLeft = phone != null && request.gongPhoneRequestId() == null;
        if (!emailLeft && !phoneLeft) {
            queue.settle(request, replica, new DispatchOutcome.Submitted());
            return null;
        }
        if (emailLeft) {
            Step step = call(request, Identifier.EMAIL, client -> client.eraseEmail(email), !phoneLeft);
            if (step.halt() != null || step.settled()) {
                return step.halt();
            }
        }
        return phoneLeft ? call(request, Identifier.PHONE, client -> client.erasePhone(phone), true).halt() : null;
    }

    private Step call(ClaimedRequest request, Identifier identifier, Function<GongClient, GongResponse> erase, boolean last) {
        DispatchGate.Admission admission = gate.admit();
        watchdog.progress();
        if (!admission.admitted()) {
            return Step.halt(new Halt(Duration.ZERO, admission.refusal(), true, false));
        }
        GongResponse response;
        try {
            response = erase.apply(gong);
        } catch (GongUnavailable unavailable) {
            gate.failed(unavailable.latency(), unavailable);
            return record(request, outcomes.unavailable(identifier, unavailable, request.attempt(),
                    admission.circuitClosed() && gate.circuitClosed()));
        } catch (GongCallInterrupted interrupted) {
            gate.abandoned();
            return record(request, outcomes.interrupted(identifier, interrupted));
        } catch (RuntimeException unexpected) {
            gate.abandoned();
            return broken(request, "The call could not be made (" + unexpected.getClass().getSimpleName() + ")");
        }
        OutcomePolicy.Decision decision;
        try {
            decision = outcomes.answered(identifier, response, request.attempt(), last);
        } catch (RuntimeException unexpected) {
            gate.abandoned();
            return broken(request, "Gong's answer could not be read (" + unexpected.getClass().getSimpleName() + ")");
        }
        Step step = record(request, decision);
        gate.answered(response.latency(), decision);
        return step;
    }

    private Step record(ClaimedRequest request, OutcomePolicy.Decision decision) {
        boolean held;
        try {
            held = queue.recordCall(request, replica, decision.call(), decision.outcome());
        } catch (RuntimeException failure) {
            Step broken = broken(request, "Recording Gong's answer failed (" + failure.getClass().getSimpleName() + ")");
            return broken.halt() != null ? broken : new Step(true, haltFor(decision));
        }
        watchdog.progress();
        GongCallRecord call = decision.call();
        log.info("Erasure request {} attempt {}: {} -> {} in {} ms{}", request.id(), request.attempt(), call.endpoint(),
                call.httpStatus() != null ? call.httpStatus() : call.failure(), call.latencyMs(),
                call.gongRequestId() == null ? "" : ", Gong requestId " + loggable(call.gongRequestId()));
        if (!held) {
            log.warn("Erasure request {}: the claim was lost during the call; its outcome is left to the new holder", request.id());
        }
        return new Step(!held || !(decision.outcome() instanceof DispatchOutcome.Progress), haltFor(decision));
    }

    /**
     * Another replica may hold the key: the first time, stand back rather than fail the request. Met again right after
     * standing back, no replica took it: the attempt counts, so that it fails after max-attempts, and the batch goes on.
     */
    private Halt keyMissing(ClaimedRequest request, String keyId) {
        Long stoodBack = stoodBackFor.get(keyId);
        long now = System.nanoTime();
        if (stoodBack != null && now - stoodBack < properties.missingKeyStandby().multipliedBy(3).toNanos()) {
            // Nobody took it while this replica stood back: a configuration fault that needs a human in the end.
            return broken(request, "No replica has a decryption key with id " + keyId).halt();
        }
        stoodBackFor.put(keyId, now);
        log.error("Erasure request {}: no key with id {} is configured here; giving up the lead for {}", request.id(), keyId,
                properties.missingKeyStandby());
        queue.settle(request, replica, new DispatchOutcome.Requeued(Duration.ZERO,
                "This replica has no key with id " + keyId + "; left for a replica that has"));
        return new Halt(Duration.ZERO, "This replica lacks a decryption key and stands back", false, true);
    }

    /**
     * Something escaped {@link #send}, e.g. a pause that could not be written: the request is settled as its own
     * failure, so that it backs off instead of heading the next batch.
     *
     * @return whether it was settled
     */
    boolean failed(ClaimedRequest request, RuntimeException failure) {
        return broken(request, "Dispatching it failed (" + failure.getClass().getSimpleName() + ")").settled();
    }

    /**
     * This request's own failure: the attempt counts and it backs off, or fails after max-attempts. The reason names
     * no identifier; the batch goes on. Only when even that cannot be recorded does the batch stop.
     */
    private Step broken(ClaimedRequest request, String what) {
        log.warn("Erasure request {}: {}", request.id(), what);
        try {
            queue.settle(request, replica, outcomes.broken(request.attempt(), what));
            return new Step(true, null);
        } catch (RuntimeException failure) {
            log.warn("Erasure request {}: its failure could not be recorded ({}); the claim goes back later", request.id(),
                    failure.getClass().getSimpleName());
            return Step.halt(new Halt(Duration.ZERO, "The request store failed", true, false));
        }
    }

    private static Halt haltFor(OutcomePolicy.Decision decision) {
        if (decision.pause() != null) {
            log.warn("Gong paused all calls ({}) for {}", decision.pause(), decision.pauseFor());
            return new Halt(decision.pauseFor(), ((DispatchOutcome.Requeued) decision.outcome()).reason(), false, false);
        }
        if ("INTERRUPTED".equals(decision.call().failure())) {
            return new Halt(Duration.ZERO, "The dispatcher was interrupted", false, false);
        }
        return null;
    }

    private static String loggable(String gongRequestId) {
        return SAFE_GONG_ID.matcher(gongRequestId).matches() ? gongRequestId : "[not shown: unexpected characters]";
    }

    /** @param settled whether the request left DISPATCHING (or this replica's hands) */
    private record Step(boolean settled, Halt halt) {

        static Step halt(Halt halt) {
            return new Step(false, halt);
        }
    }
}
