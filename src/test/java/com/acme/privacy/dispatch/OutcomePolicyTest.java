package com.acme.privacy.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.acme.privacy.erasure.lifecycle.DispatchOutcome;
import com.acme.privacy.erasure.lifecycle.GongCallRecord.Identifier;
import com.acme.privacy.gong.GongEndpoint;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.gong.GongUnavailable;

import io.github.resilience4j.core.IntervalFunction;

class OutcomePolicyTest {

    static final DispatchProperties PROPERTIES = new DispatchProperties(true, "r", Duration.ofSeconds(1), 2.5, 5000,
            Duration.ofMinutes(5), 50, 10, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(60),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(15),
            Duration.ofSeconds(30), new DispatchProperties.Pace(0.5, 0.9, 0.01, Duration.ofHours(1)),
            new DispatchProperties.CompletionCheck(true, Duration.ofHours(24), Duration.ofHours(1), 0.5, 6));
    private final DispatchProperties properties = PROPERTIES;
    /** Without jitter, so that the waits can be named. */
    private final OutcomePolicy policy = new OutcomePolicy(properties,
            IntervalFunction.ofExponentialBackoff(properties.backoffInitial(), 2, properties.backoffMax()), Duration.ofMinutes(2));

    private static GongResponse response(int status, String requestId, Duration retryAfter, String... errors) {
        return new GongResponse(GongEndpoint.ERASE_EMAIL, status, requestId, List.of(errors), retryAfter, Duration.ofMillis(120), null);
    }

    private OutcomePolicy.Decision decide(GongResponse response, int attempt, boolean last) {
        return policy.answered(Identifier.EMAIL, response, attempt, last);
    }

    @Test
    void successWithARequestIdSubmitsOrMovesOnToTheNextIdentifier() {
        assertThat(decide(response(200, "g-1", null), 1, true).outcome()).isEqualTo(new DispatchOutcome.Submitted(Duration.ofHours(24)));
        OutcomePolicy.Decision progress = decide(response(200, "g-1", null), 1, false);
        assertThat(progress.outcome()).isInstanceOf(DispatchOutcome.Progress.class);
        assertThat(progress.call().gongRequestId()).isEqualTo("g-1");
        assertThat(progress.call().latencyMs()).isEqualTo(120);
        assertThat(progress.pause()).isNull();
    }

    @Test
    void successWithoutARequestIdIsRetried() {
        assertThat(decide(response(200, null, null), 1, true).outcome()).isInstanceOf(DispatchOutcome.RetryLater.class);
    }

    @Test
    void a400FailsWithGongsRedactedReason() {
        OutcomePolicy.Decision decision = decide(response(400, "g-2", null, "Too many objects for jane@example.com"), 1, true);
        assertThat(decision.outcome()).isEqualTo(new DispatchOutcome.Failed("Gong refused the erasure (400): Too many objects [email]"));
        assertThat(decision.call().errors()).containsExactly("Too many objects [email]");
    }

    @Test
    void a401Or403RequeuesWithoutCountingAndPausesForTheCredentialsInterval() {
        for (int status : new int[] {401, 403}) {
            OutcomePolicy.Decision decision = decide(response(status, "g", null), 4, true);
            assertThat(decision.outcome()).isInstanceOf(DispatchOutcome.Requeued.class);
            assertThat(decision.pause()).isEqualTo(DispatchPause.Reason.CREDENTIALS_REJECTED);
            assertThat(decision.pauseFor()).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void a429RequeuesWithoutCountingAndPausesForRetryAfterOrTheDefault() {
        OutcomePolicy.Decision given = decide(response(429, "g", Duration.ofSeconds(17)), 1, true);
        assertThat(given.outcome()).isEqualTo(new DispatchOutcome.Requeued(Duration.ofSeconds(17), "Gong's rate limit was exceeded (429)"));
        assertThat(given.pause()).isEqualTo(DispatchPause.Reason.RATE_LIMITED);
        assertThat(decide(response(429, "g", null), 1, true).pauseFor()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void otherStatusesAreRetriedUntilTheAttemptsRunOut() {
        assertThat(decide(response(409, null, null), 9, true).outcome()).isInstanceOf(DispatchOutcome.RetryLater.class);
        assertThat(decide(response(422, null, null), 10, true).outcome()).isInstanceOf(DispatchOutcome.Failed.class);
    }

    @Test
    void aWrongPlaceRequeuesWithoutCountingAndPausesLikeRejectedCredentials() {
        for (int status : new int[] {404, 405, 410}) {
            OutcomePolicy.Decision decision = decide(response(status, null, null), 10, true);
            assertThat(decision.outcome()).isInstanceOf(DispatchOutcome.Requeued.class);
            assertThat(decision.pause()).isEqualTo(DispatchPause.Reason.MISCONFIGURED);
            assertThat(decision.pauseFor()).isEqualTo(Duration.ofMinutes(10));
        }
    }

    @Test
    void anOutageCountsOnlyWhileTheCircuitIsClosedAndRotatesTestCalls() {
        GongUnavailable outage = new GongUnavailable(response(503, "g", null));
        assertThat(policy.unavailable(Identifier.EMAIL, outage, 1, true).outcome())
                .isEqualTo(new DispatchOutcome.RetryLater(Duration.ofSeconds(30), "Gong answered 503; attempt 1 of 10"));
        assertThat(policy.unavailable(Identifier.EMAIL, outage, 10, true).outcome()).isInstanceOf(DispatchOutcome.Failed.class);
        assertThat(policy.unavailable(Identifier.EMAIL, outage, 10, false).outcome()).isInstanceOf(DispatchOutcome.Requeued.class);
        DispatchOutcome test = policy.unavailable(Identifier.EMAIL, outage, 1, false).outcome();
        assertThat(((DispatchOutcome.Requeued) test).delay()).as("longer than the backoff: two open periods").isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aRequestsOwnFailureCountsAndFailsAfterMaxAttempts() {
        assertThat(policy.broken(1, "Recording failed")).isEqualTo(new DispatchOutcome.RetryLater(Duration.ofSeconds(30),
                "Recording failed; attempt 1 of 10"));
        assertThat(policy.broken(10, "Recording failed")).isEqualTo(new DispatchOutcome.Failed("Recording failed; gave up after 10 attempts"));
    }

    @Test
    void waitsDoubleFromBackoffInitialUpToBackoffMax() {
        assertThat(policy.broken(1, "x")).isEqualTo(new DispatchOutcome.RetryLater(Duration.ofSeconds(30), "x; attempt 1 of 10"));
        assertThat(((DispatchOutcome.RetryLater) policy.broken(2, "x")).delay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(((DispatchOutcome.RetryLater) policy.broken(5, "x")).delay()).isEqualTo(Duration.ofSeconds(480));
        assertThat(((DispatchOutcome.RetryLater) policy.broken(9, "x")).delay()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theServicesBackoffSpreadsEachWaitBetweenHalfAndOneAndAHalfTimesTheDoublingUpToTheMax() {
        IntervalFunction backoff = OutcomePolicy.backoff(properties);
        for (int attempt = 1; attempt <= 12; attempt++) {
            long doubling = Math.min(30_000L << (attempt - 1), Duration.ofHours(1).toMillis());
            for (int draw = 0; draw < 200; draw++) {
                assertThat(backoff.apply(attempt)).isBetween(doubling / 2, Math.min(doubling * 3 / 2, Duration.ofHours(1).toMillis()));
            }
        }
        assertThat(IntStream.range(0, 200).mapToObj(draw -> backoff.apply(2)).distinct().count())
                .as("jittered").isGreaterThan(1);
    }

    @Test
    void aResentErasureCountsNoAttemptYetIsJudgedLikeAnyOther() {
        assertThat(decide(response(500, null, null), 0, true).outcome()).isInstanceOf(DispatchOutcome.RetryLater.class);
        assertThat(decide(response(409, null, null), 0, true).outcome()).isInstanceOf(DispatchOutcome.RetryLater.class);
    }
}
