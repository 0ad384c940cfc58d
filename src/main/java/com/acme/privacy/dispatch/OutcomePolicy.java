package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import com.acme.privacy.erasure.DispatchOutcome;
import com.acme.privacy.erasure.GongCallRecord;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.gong.GongUnavailable;

/** What each Gong answer means for the request, and whether it pauses all calls. See README, "Outcomes". */
final class OutcomePolicy {

    enum Pause { NONE, RATE_LIMITED, CREDENTIALS_REJECTED }

    /** @param pauseFor how long every replica stops calling Gong, when {@code pause} is not NONE */
    record Decision(GongCallRecord call, DispatchOutcome outcome, Pause pause, Duration pauseFor) {
    }

    private final DispatchProperties properties;
    private final Backoff backoff;

    OutcomePolicy(DispatchProperties properties, Backoff backoff) {
        this.properties = properties;
        this.backoff = backoff;
    }

    /**
     * @param lastIdentifier whether this call erases the request's last identifier still to erase
     * @param redact         removes the request's identifiers from Gong's error texts before they are stored
     */
    Decision answered(GongCallRecord.Identifier identifier, GongResponse response, int attempt, boolean lastIdentifier,
                      UnaryOperator<String> redact) {
        List<String> errors = response.errors().stream().map(redact).toList();
        GongCallRecord call = new GongCallRecord(identifier, response.endpoint().label(), response.status(), response.requestId(),
                errors, response.latency().toMillis(), null);
        int status = response.status();
        if (response.isSuccess() && response.requestId() != null) {
            DispatchOutcome outcome = lastIdentifier ? new DispatchOutcome.Submitted() : new DispatchOutcome.Progress();
            return new Decision(call, outcome, Pause.NONE, Duration.ZERO);
        }
        if (status == 400) {
            String reason = errors.isEmpty() ? "Gong refused the erasure (400) without a reason"
                    : "Gong refused the erasure (400): " + String.join("; ", errors);
            return new Decision(call, new DispatchOutcome.Failed(reason), Pause.NONE, Duration.ZERO);
        }
        if (status == 401 || status == 403) {
            Duration retryIn = properties.credentialsRetryInterval();
            return new Decision(call, new DispatchOutcome.Requeued(retryIn, "Gong rejected the credentials (" + status + ")"),
                    Pause.CREDENTIALS_REJECTED, retryIn);
        }
        if (status == 429) {
            Duration retryAfter = response.retryAfter() != null ? response.retryAfter() : properties.defaultRetryAfter();
            return new Decision(call, new DispatchOutcome.Requeued(retryAfter, "Gong's rate limit was exceeded (429)"),
                    Pause.RATE_LIMITED, retryAfter);
        }
        String what = response.isSuccess() ? "Gong answered " + status + " without a requestId" : "Gong answered " + status;
        return new Decision(call, retryOrFail(attempt, what), Pause.NONE, Duration.ZERO);
    }

    /** A 5xx, a timeout or a connection failure. */
    Decision unavailable(GongCallRecord.Identifier identifier, GongUnavailable failure, int attempt, UnaryOperator<String> redact) {
        GongResponse response = failure.response();
        GongCallRecord call = response != null
                ? new GongCallRecord(identifier, failure.endpoint().label(), response.status(), response.requestId(),
                response.errors().stream().map(redact).toList(), failure.latency().toMillis(), null)
                : new GongCallRecord(identifier, failure.endpoint().label(), null, null, List.of(), failure.latency().toMillis(),
                failure.kind().name());
        String what = response != null ? "Gong answered " + response.status()
                : failure.kind() == GongUnavailable.Kind.TIMEOUT ? "Gong did not answer in time" : "Gong could not be reached";
        return new Decision(call, retryOrFail(attempt, what), Pause.NONE, Duration.ZERO);
    }

    private DispatchOutcome retryOrFail(int attempt, String what) {
        if (attempt >= properties.maxAttempts()) {
            return new DispatchOutcome.Failed(what + "; gave up after " + attempt + " attempts");
        }
        return new DispatchOutcome.RetryLater(backoff.after(attempt), what + "; attempt " + attempt + " of " + properties.maxAttempts());
    }
}
