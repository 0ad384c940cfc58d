package com.acme.privacy.dispatch;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.erasure.lifecycle.ClaimedCheck;
import com.acme.privacy.erasure.lifecycle.GongCallRecord.Identifier;
import com.acme.privacy.gong.GongCallInterrupted;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.gong.GongUnavailable;

/**
 * One {@code data-for-*} call of a completion check, read as the check needs it. Any answer but 5xx tells the
 * circuit Gong works; a 429 pauses every call, as for erasures. A 401/403 does not: a token may lack only the read
 * scope, and erasures must go on.
 */
final class CheckCall implements GongCallStep.Caller<CheckCall.Probe> {

    private static final Logger log = LoggerFactory.getLogger(CheckCall.class);

    /**
     * What the call came to.
     *
     * @param answer  Gong's readable answer, or {@code null}
     * @param failure why the check could not be made, or {@code null}
     * @param counted whether that failure is the request's own and counts towards the checks' limit
     * @param halt    why the round's other checks stop, or {@code null}
     */
    record Probe(GongResponse answer, AuditEntry event, String failure, boolean counted, CompletionChecker.Halt halt) {
    }

    private final ClaimedCheck check;
    private final Identifier identifier;
    private final CheckEvents events;
    private final DispatchProperties properties;

    CheckCall(ClaimedCheck check, Identifier identifier, CheckEvents events, DispatchProperties properties) {
        this.check = check;
        this.identifier = identifier;
        this.events = events;
        this.properties = properties;
    }

    @Override
    public Probe refused(String reason) {
        return new Probe(null, null, null, false, new CompletionChecker.Halt(Duration.ZERO, reason));
    }

    @Override
    public GongCallStep.Answer<Probe> answered(GongResponse response) {
        int status = response.status();
        if (status == 429) {
            Duration retryAfter = response.retryAfter() != null ? response.retryAfter() : properties.defaultRetryAfter();
            String why = "Gong's rate limit was exceeded (429)";
            return new GongCallStep.Answer<>(new Probe(null, event(response, ": " + why), null, false,
                    new CompletionChecker.Halt(retryAfter, why)), false, DispatchPause.Reason.RATE_LIMITED, retryAfter);
        }
        if (status == 401 || status == 403) {
            log.warn("Gong refused a completion check ({}); the credentials may lack the api:data-privacy:read scope", status);
            String why = "Gong refused the read (" + status + "); the credentials may lack the api:data-privacy:read scope";
            return GongCallStep.Answer.of(failure(response, why, new CompletionChecker.Halt(properties.credentialsRetryInterval(), why)),
                    false);
        }
        if (response.isSuccess() && response.dataFound() != null) {
            String found = response.dataFound().isEmpty() ? ": nothing left" : ": data left";
            return GongCallStep.Answer.of(new Probe(response, event(response, found), null, false, null), true);
        }
        String why = response.isSuccess() ? "Gong's answer could not be read" : "Gong answered " + status;
        return GongCallStep.Answer.of(failure(response, why, null), false);
    }

    @Override
    public Probe unavailable(GongUnavailable failure, boolean circuitClosed) {
        String why = "Gong could not answer (" + failure.kind() + ")";
        return new Probe(null, event(failure.response(), " failed: " + why), why, circuitClosed, null);
    }

    @Override
    public Probe interrupted(GongCallInterrupted interruption) {
        return new Probe(null, null, null, false, new CompletionChecker.Halt(Duration.ZERO, "The dispatcher was interrupted"));
    }

    @Override
    public Probe failed(String what) {
        return failure(null, what, null);
    }

    private Probe failure(GongResponse response, String why, CompletionChecker.Halt halt) {
        return new Probe(null, event(response, " failed: " + why), why, true, halt);
    }

    private AuditEntry event(GongResponse response, String outcome) {
        return events.checkCall(check, identifier, response, outcome);
    }
}
