package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.acme.privacy.erasure.lifecycle.DispatchOutcome;
import com.acme.privacy.erasure.lifecycle.GongCallRecord;
import com.acme.privacy.gong.GongCallInterrupted;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.gong.GongUnavailable;

import io.github.resilience4j.core.IntervalFunction;

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
    private final IntervalFunction backoff;
    private final Duration outageRequeue;

    /**
     * @param backoff       the wait after a counted attempt, by attempt number
     * @param outageRequeue how long a request waits after a call that failed while the circuit was not closed; longer
     *                      than the circuit's open state, so that the next half-open test goes to other requests
     */
    OutcomePolicy(DispatchProperties properties, IntervalFunction backoff, Duration outageRequeue) {
        this.properties = properties;
        this.backoff = backoff;
        this.outageRequeue = outageRequeue;
    }

    /** Exponential backoff with jitter: doubling per attempt up to {@code backoff-max}, each wait 0.5 to 1.5 times that. */
    static IntervalFunction backoff(DispatchProperties properties) {
        return IntervalFunction.ofExponentialRandomBackoff(properties.backoffInitial(), 2, 0.5, properties.backoffMax());
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
            return Decision.of(call, lastIdentifier ? submitted() : new DispatchOutcome.Progress());
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
            Duration wait = max(after(attempt), outageRequeue);
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
        return new DispatchOutcome.RetryLater(after(attempt), what + "; attempt " + attempt + " of " + properties.maxAttempts());
    }

    /** Every identifier is erased: the completion check is due after its delay, when checks are on. */
    DispatchOutcome.Submitted submitted() {
        DispatchProperties.CompletionCheck checks = properties.completionCheck();
        return new DispatchOutcome.Submitted(checks.enabled() ? checks.delay() : null);
    }

    private Duration after(int attempt) {
        // A resent erasure counts no attempt of its own; the interval function starts at 1.
        return Duration.ofMillis(backoff.apply(Math.max(1, attempt)));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
