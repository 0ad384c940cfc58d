package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.acme.privacy.gong.GongCallInterrupted;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.gong.GongUnavailable;

/** What each Gong answer means for the request, and whether it pauses all calls. See README, "Outcomes". */
final class OutcomePolicy {

    /** Answers that mean the service is pointed at the wrong place, not that the request is wrong. */
    private static final Set<Integer> MISCONFIGURED = Set.of(404, 405, 410);

    /**
     * @param pause    the deployment-wide pause the answer calls for, or {@code null}
     * @param pauseFor how long every replica stops calling Gong
     */
    record Decision(GongCallRecord call, DispatchOutcome outcome, DispatchPause.Reason pause, Duration pauseFor) {

        static Decision of(GongCallRecord call, DispatchOutcome outcome) {
            return new Decision(call, outcome, null, Duration.ZERO);
        }
    }

    private final DispatchProperties properties;
    private final Backoff backoff;
    private final Duration outageRequeue;

    /**
     * @param outageRequeue how long a request waits after a call that failed while the circuit was not closed; longer
     *                      than the circuit's open state, so that the next half-open test goes to other requests
     */
    OutcomePolicy(DispatchProperties properties, Backoff backoff, Duration outageRequeue) {
        this.properties = properties;
        this.backoff = backoff;
        this.outageRequeue = outageRequeue;
    }

    /**
     * Any answer but a 5xx. Gong's error texts are kept only scrubbed of anything like an identifier.
     *
     * @param lastIdentifier whether this call erases the request's last identifier still to erase
     */
    Decision answered(GongCallRecord.Identifier identifier, GongResponse response, int attempt, boolean lastIdentifier) {
        List<String> errors = response.errors().stream().map(GongErrorTexts::scrub).toList();
        GongCallRecord call = new GongCallRecord(identifier, response.endpoint().label(), response.status(), response.requestId(),
                errors, response.latency().toMillis(), null);
        int status = response.status();
        if (call.accepted()) {
            return Decision.of(call, lastIdentifier ? new DispatchOutcome.Submitted() : new DispatchOutcome.Progress());
        }
        if (status == 400) {
            String reason = errors.isEmpty() ? "Gong refused the erasure (400) without a reason"
                    : "Gong refused the erasure (400): " + String.join("; ", errors);
            return Decision.of(call, new DispatchOutcome.Failed(reason));
        }
        if (status == 401 || status == 403) {
            return pause(call, DispatchPause.Reason.CREDENTIALS_REJECTED, properties.credentialsRetryInterval(),
                    "Gong rejected the credentials (" + status + ")");
        }
        if (MISCONFIGURED.contains(status)) {
            return pause(call, DispatchPause.Reason.MISCONFIGURED, properties.misconfigurationRetryInterval(),
                    "Gong answered " + status + ": check privacy.gong.base-url and customer-base-url");
        }
        if (status == 429) {
            Duration retryAfter = response.retryAfter() != null ? response.retryAfter() : properties.defaultRetryAfter();
            return pause(call, DispatchPause.Reason.RATE_LIMITED, retryAfter, "Gong's rate limit was exceeded (429)");
        }
        String what = response.isSuccess() ? "Gong answered " + status + " without a requestId" : "Gong answered " + status;
        return Decision.of(call, retryOrFail(attempt, what));
    }

    /**
     * A 5xx, a timeout or a connection failure. While the circuit is not closed (a half-open test, or the failure
     * that opened it) it is Gong's outage, not the request's: the attempt does not count.
     */
    Decision unavailable(GongCallRecord.Identifier identifier, GongUnavailable failure, int attempt, boolean circuitClosed) {
        GongResponse response = failure.response();
        GongCallRecord call = response != null
                ? new GongCallRecord(identifier, failure.endpoint().label(), response.status(), response.requestId(),
                response.errors().stream().map(GongErrorTexts::scrub).toList(), failure.latency().toMillis(), null)
                : new GongCallRecord(identifier, failure.endpoint().label(), null, null, List.of(), failure.latency().toMillis(),
                failure.kind().name());
        String what = response != null ? "Gong answered " + response.status()
                : failure.kind() == GongUnavailable.Kind.TIMEOUT ? "Gong did not answer in time" : "Gong could not be reached";
        if (!circuitClosed) {
            Duration wait = max(backoff.after(attempt), outageRequeue);
            return Decision.of(call, new DispatchOutcome.Requeued(wait, what + " while the circuit was not closed; not counted"));
        }
        return Decision.of(call, retryOrFail(attempt, what));
    }

    /** The dispatcher was interrupted during the call; Gong may have received it. */
    Decision interrupted(GongCallRecord.Identifier identifier, GongCallInterrupted interruption) {
        GongCallRecord call = new GongCallRecord(identifier, interruption.endpoint().label(), null, null, List.of(),
                interruption.latency().toMillis(), "INTERRUPTED");
        return Decision.of(call, new DispatchOutcome.Requeued(Duration.ZERO, "The call was interrupted; back to the queue"));
    }

    /** Something went wrong with this request itself, before or after its call; {@code what} holds no identifier. */
    DispatchOutcome broken(int attempt, String what) {
        return retryOrFail(attempt, what);
    }

    private Decision pause(GongCallRecord call, DispatchPause.Reason reason, Duration pauseFor, String what) {
        return new Decision(call, new DispatchOutcome.Requeued(pauseFor, what), reason, pauseFor);
    }

    private DispatchOutcome retryOrFail(int attempt, String what) {
        if (attempt >= properties.maxAttempts()) {
            return new DispatchOutcome.Failed(what + "; gave up after " + attempt + " attempts");
        }
        return new DispatchOutcome.RetryLater(backoff.after(attempt), what + "; attempt " + attempt + " of " + properties.maxAttempts());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
