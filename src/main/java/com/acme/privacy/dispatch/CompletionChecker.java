package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.erasure.lifecycle.CheckVerdict;
import com.acme.privacy.erasure.lifecycle.ClaimedCheck;
import com.acme.privacy.erasure.lifecycle.GongCallRecord.Identifier;
import com.acme.privacy.gong.GongClient;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.IdentifierUnreadable;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;

/**
 * Asks Gong what is left of a submitted request's subject ({@code data-for-*}), each call a {@link GongCallStep}.
 * Nothing left: COMPLETED. Data left the first time: the erasure goes again and the request is checked again after
 * the delay; the second time: NEEDS_ATTENTION. A check that cannot be made for the request's own sake is tried again
 * later, up to {@code completion-check.max-failures} in a row; then a person must look (NEEDS_ATTENTION).
 */
@Component
class CompletionChecker {

    /** Why the checks of this round stop here, and when the unchecked ones are due again. */
    record Halt(Duration delay, String reason) {
    }

    private final CheckRecorder recorder;
    private final CheckEvents events;
    private final GongCallStep step;
    private final ProtectedIdentifiers identifiers;
    private final OutcomePolicy outcomes;
    private final DispatchProperties properties;
    private final DispatchProperties.CompletionCheck settings;

    CompletionChecker(CheckRecorder recorder, CheckEvents events, GongCallStep step, ProtectedIdentifiers identifiers,
                      OutcomePolicy outcomes, DispatchProperties properties) {
        this.recorder = recorder;
        this.events = events;
        this.step = step;
        this.identifiers = identifiers;
        this.outcomes = outcomes;
        this.properties = properties;
        this.settings = properties.completionCheck();
    }

    /** Checks one request; {@code null} when the next may follow. */
    Halt check(ClaimedCheck check) {
        return RequestLogContext.around(check.id(), check.correlationId(), () -> checkIdentifiers(check));
    }

    private Halt checkIdentifiers(ClaimedCheck check) {
        EmailAddress email;
        PhoneNumber phone;
        try {
            email = identifiers.revealEmail(check.email());
            phone = check.phone() == null ? null : identifiers.revealPhone(check.phone());
        } catch (IdentifierUnreadable unreadable) {
            recorder.settle(check, failed(check, "Its identifiers cannot be read here: " + unreadable.getMessage(),
                    settings.retryInterval()), null, List.of());
            return null;
        }
        List<AuditEntry> trail = new ArrayList<>();
        Map<Identifier, GongResponse> answers = new LinkedHashMap<>();
        Map<Identifier, Function<GongClient, GongResponse>> probes = new LinkedHashMap<>();
        probes.put(Identifier.EMAIL, client -> client.dataForEmail(email));
        if (phone != null) {
            probes.put(Identifier.PHONE, client -> client.dataForPhone(phone));
        }
        for (Map.Entry<Identifier, Function<GongClient, GongResponse>> probe : probes.entrySet()) {
            CheckCall.Probe result = step.call(probe.getValue(), new CheckCall(check, probe.getKey(), events, properties));
            if (result.event() != null) {
                trail.add(result.event());
            }
            if (result.failure() != null) {
                Duration delay = result.halt() != null ? result.halt().delay() : settings.retryInterval();
                recorder.settle(check, result.counted() ? failed(check, result.failure(), delay)
                        : new CheckVerdict.Later(delay, result.failure(), false), null, trail);
                return result.halt();
            }
            if (result.halt() != null) {
                recorder.settle(check, new CheckVerdict.Later(result.halt().delay(), result.halt().reason(), false), null, trail);
                return result.halt();
            }
            answers.put(probe.getKey(), result.answer());
        }
        boolean dataLeft = answers.values().stream().anyMatch(answer -> !answer.dataFound().isEmpty());
        CheckVerdict verdict = !dataLeft ? new CheckVerdict.Completed()
                : check.checksWithData() == 0 ? new CheckVerdict.DataLeft(settings.delay())
                : new CheckVerdict.NeedsAttention("Gong still holds data of the subject after the erasure was sent again", true);
        Halt halt = verdict instanceof CheckVerdict.DataLeft ? eraseAgain(check, email, phone, answers, trail) : null;
        recorder.settle(check, verdict, events.summary(check, dataLeft, answers), trail);
        return halt;
    }

    /** A check that could not be made for the request's own sake counts; the last one allowed hands it to a person. */
    private CheckVerdict failed(ClaimedCheck check, String reason, Duration delay) {
        int allowed = settings.maxFailures();
        if (check.failures() + 1 >= allowed) {
            return new CheckVerdict.NeedsAttention(allowed + " completion checks in a row could not be made; the last: " + reason, false);
        }
        return new CheckVerdict.Later(delay, reason, true);
    }

    /** The identifiers Gong still holds data for are erased once more; each call is on record as any erasure is. */
    private Halt eraseAgain(ClaimedCheck check, EmailAddress email, PhoneNumber phone, Map<Identifier, GongResponse> answers,
                            List<AuditEntry> trail) {
        for (Map.Entry<Identifier, GongResponse> answer : answers.entrySet()) {
            if (answer.getValue().dataFound().isEmpty()) {
                continue;
            }
            Identifier identifier = answer.getKey();
            ErasureResend.Sent sent = step.call(identifier == Identifier.EMAIL ? client -> client.eraseEmail(email)
                    : client -> client.erasePhone(phone), new ErasureResend(check, identifier, events, outcomes));
            if (sent.event() != null) {
                trail.add(sent.event());
            }
            if (sent.halt() != null) {
                return sent.halt();
            }
        }
        return null;
    }
}
