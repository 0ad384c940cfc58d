package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.lifecycle.CallRecords;
import com.acme.privacy.erasure.lifecycle.ClaimedRequest;
import com.acme.privacy.erasure.lifecycle.DispatchOutcome;
import com.acme.privacy.erasure.lifecycle.DispatchQueue;
import com.acme.privacy.erasure.lifecycle.GongCallRecord;
import com.acme.privacy.erasure.lifecycle.GongCallRecord.Identifier;
import com.acme.privacy.gong.GongCallInterrupted;
import com.acme.privacy.gong.GongClient;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.gong.GongUnavailable;
import com.acme.privacy.pii.DecryptionKeyMissing;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.IdentifierUnreadable;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;

/**
 * Sends one claimed request to Gong, identifier by identifier, each call a {@link GongCallStep}, and records every
 * call. Whatever goes wrong with this request, before or after its call, stays with this request: it counts an
 * attempt and backs off, and the batch goes on.
 */
@Component
class RequestSender {

    private static final Logger log = LoggerFactory.getLogger(RequestSender.class);
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
    private final CallRecords records;
    private final GongCallStep step;
    private final ProtectedIdentifiers identifiers;
    private final OutcomePolicy outcomes;
    private final DispatchProperties properties;
    private final MissingKeys missingKeys;

    RequestSender(DispatchQueue queue, CallRecords records, GongCallStep step, ProtectedIdentifiers identifiers,
                  OutcomePolicy outcomes, DispatchProperties properties) {
        this.queue = queue;
        this.records = records;
        this.step = step;
        this.identifiers = identifiers;
        this.outcomes = outcomes;
        this.properties = properties;
        this.missingKeys = new MissingKeys(properties.missingKeyStandby());
    }

    /** Sends what is left of the request; {@code null} when the batch may go on. */
    Halt send(ClaimedRequest request) {
        return RequestLogContext.around(request.id(), request.correlationId(), () -> sendIdentifiers(request));
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
            queue.settle(request, properties.replicaId(), outcomes.submitted());
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
        return step.call(erase, new GongCallStep.Caller<>() {
            @Override
            public Step refused(String reason) {
                return Step.halt(new Halt(Duration.ZERO, reason, true, false));
            }

            @Override
            public GongCallStep.Answer<Step> answered(GongResponse response) {
                OutcomePolicy.Decision decision = outcomes.answered(identifier, response, request.attempt(), last);
                return new GongCallStep.Answer<>(record(request, decision), decision.call().accepted(), decision.pause(),
                        decision.pauseFor());
            }

            @Override
            public Step unavailable(GongUnavailable failure, boolean circuitClosed) {
                return record(request, outcomes.unavailable(identifier, failure, request.attempt(), circuitClosed));
            }

            @Override
            public Step interrupted(GongCallInterrupted interruption) {
                return record(request, outcomes.interrupted(identifier, interruption));
            }

            @Override
            public Step failed(String what) {
                return broken(request, what);
            }
        });
    }

    private Step record(ClaimedRequest request, OutcomePolicy.Decision decision) {
        boolean held;
        try {
            held = records.record(request, properties.replicaId(), decision.call(), decision.outcome());
        } catch (RuntimeException failure) {
            Step broken = broken(request, "Recording Gong's answer failed (" + failure.getClass().getSimpleName() + ")");
            return broken.halt() != null ? broken : new Step(true, haltFor(decision));
        }
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
     * Another replica may hold the key: the first time, stand back rather than fail the request. Met again soon after,
     * no replica took it: the attempt counts, so that it fails after max-attempts, and the batch goes on.
     */
    private Halt keyMissing(ClaimedRequest request, String keyId) {
        if (missingKeys.metAgain(keyId)) {
            return broken(request, "No replica has a decryption key with id " + keyId).halt();
        }
        log.error("Erasure request {}: no key with id {} is configured here; giving up the lead for {}", request.id(), keyId,
                properties.missingKeyStandby());
        queue.settle(request, properties.replicaId(), new DispatchOutcome.Requeued(Duration.ZERO,
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
            queue.settle(request, properties.replicaId(), outcomes.broken(request.attempt(), what));
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
