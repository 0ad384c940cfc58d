package com.acme.privacy.dispatch;

import java.time.Duration;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.erasure.lifecycle.ClaimedCheck;
import com.acme.privacy.erasure.lifecycle.DispatchOutcome;
import com.acme.privacy.erasure.lifecycle.GongCallRecord.Identifier;
import com.acme.privacy.gong.GongCallInterrupted;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.gong.GongUnavailable;

/** An erasure sent again after a check found data left: judged and recorded as any erasure call, counting no attempt. */
final class ErasureResend implements GongCallStep.Caller<ErasureResend.Sent> {

    /** @param halt why the round stops here, or {@code null} */
    record Sent(AuditEntry event, CompletionChecker.Halt halt) {
    }

    private final ClaimedCheck check;
    private final Identifier identifier;
    private final CheckEvents events;
    private final OutcomePolicy outcomes;

    ErasureResend(ClaimedCheck check, Identifier identifier, CheckEvents events, OutcomePolicy outcomes) {
        this.check = check;
        this.identifier = identifier;
        this.events = events;
        this.outcomes = outcomes;
    }

    @Override
    public Sent refused(String reason) {
        return new Sent(null, new CompletionChecker.Halt(Duration.ZERO, reason));
    }

    @Override
    public GongCallStep.Answer<Sent> answered(GongResponse response) {
        OutcomePolicy.Decision decision = outcomes.answered(identifier, response, 0, true);
        CompletionChecker.Halt halt = decision.pause() == null ? null
                : new CompletionChecker.Halt(decision.pauseFor(), ((DispatchOutcome.Requeued) decision.outcome()).reason());
        return new GongCallStep.Answer<>(new Sent(events.erasedAgain(check, decision.call()), halt), decision.call().accepted(),
                decision.pause(), decision.pauseFor());
    }

    @Override
    public Sent unavailable(GongUnavailable failure, boolean circuitClosed) {
        return new Sent(events.erasedAgain(check, outcomes.unavailable(identifier, failure, 0, circuitClosed).call()), null);
    }

    @Override
    public Sent interrupted(GongCallInterrupted interruption) {
        return new Sent(events.erasedAgain(check, outcomes.interrupted(identifier, interruption).call()),
                new CompletionChecker.Halt(Duration.ZERO, "The dispatcher was interrupted"));
    }

    @Override
    public Sent failed(String what) {
        return new Sent(null, null);
    }
}
