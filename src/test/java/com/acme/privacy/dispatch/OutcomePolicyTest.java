package com.acme.privacy.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import com.acme.privacy.erasure.DispatchOutcome;
import com.acme.privacy.erasure.GongCallRecord.Identifier;
import com.acme.privacy.gong.GongEndpoint;
import com.acme.privacy.gong.GongResponse;

class OutcomePolicyTest {

    private final DispatchProperties properties = new DispatchProperties(true, "r", Duration.ofSeconds(1), 2.5, 5000,
            Duration.ofMinutes(5), 50, 10, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(60),
            Duration.ofMinutes(5), Duration.ofSeconds(30));
    private final OutcomePolicy policy = new OutcomePolicy(properties, new Backoff(properties.backoffInitial(),
            properties.backoffMax(), () -> 1.0));
    private final UnaryOperator<String> redact = text -> text.replace("jane@example.com", "j***@example.com");

    private static GongResponse response(int status, String requestId, Duration retryAfter, String... errors) {
        return new GongResponse(GongEndpoint.ERASE_EMAIL, status, requestId, List.of(errors), retryAfter, Duration.ofMillis(120), null);
    }

    private OutcomePolicy.Decision decide(GongResponse response, int attempt, boolean last) {
        return policy.answered(Identifier.EMAIL, response, attempt, last, redact);
    }

    @Test
    void successWithARequestIdSubmitsOrMovesOnToTheNextIdentifier() {
        assertThat(decide(response(200, "g-1", null), 1, true).outcome()).isInstanceOf(DispatchOutcome.Submitted.class);
        OutcomePolicy.Decision progress = decide(response(200, "g-1", null), 1, false);
        assertThat(progress.outcome()).isInstanceOf(DispatchOutcome.Progress.class);
        assertThat(progress.call().gongRequestId()).isEqualTo("g-1");
        assertThat(progress.call().latencyMs()).isEqualTo(120);
        assertThat(progress.pause()).isEqualTo(OutcomePolicy.Pause.NONE);
    }

    @Test
    void successWithoutARequestIdIsRetried() {
        assertThat(decide(response(200, null, null), 1, true).outcome()).isInstanceOf(DispatchOutcome.RetryLater.class);
    }

    @Test
    void a400FailsWithGongsRedactedReason() {
        OutcomePolicy.Decision decision = decide(response(400, "g-2", null, "Too many objects for jane@example.com"), 1, true);
        assertThat(decision.outcome()).isEqualTo(new DispatchOutcome.Failed(
                "Gong refused the erasure (400): Too many objects for j***@example.com"));
        assertThat(decision.call().errors()).containsExactly("Too many objects for j***@example.com");
    }

    @Test
    void a401Or403RequeuesWithoutCountingAndPausesForTheCredentialsInterval() {
        for (int status : new int[] {401, 403}) {
            OutcomePolicy.Decision decision = decide(response(status, "g", null), 4, true);
            assertThat(decision.outcome()).isInstanceOf(DispatchOutcome.Requeued.class);
            assertThat(decision.pause()).isEqualTo(OutcomePolicy.Pause.CREDENTIALS_REJECTED);
            assertThat(decision.pauseFor()).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void a429RequeuesWithoutCountingAndPausesForRetryAfterOrTheDefault() {
        OutcomePolicy.Decision given = decide(response(429, "g", Duration.ofSeconds(17)), 1, true);
        assertThat(given.outcome()).isEqualTo(new DispatchOutcome.Requeued(Duration.ofSeconds(17), "Gong's rate limit was exceeded (429)"));
        assertThat(given.pause()).isEqualTo(OutcomePolicy.Pause.RATE_LIMITED);
        assertThat(decide(response(429, "g", null), 1, true).pauseFor()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void otherStatusesAreRetriedUntilTheAttemptsRunOut() {
        assertThat(decide(response(404, null, null), 9, true).outcome()).isInstanceOf(DispatchOutcome.RetryLater.class);
        assertThat(decide(response(404, null, null), 10, true).outcome()).isInstanceOf(DispatchOutcome.Failed.class);
    }

    @Test
    void backoffDoublesFromThirtySecondsUpToAnHourWithJitter() {
        Backoff top = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), () -> 1.0);
        assertThat(top.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(top.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(top.after(5)).isEqualTo(Duration.ofSeconds(480));
        assertThat(top.after(10)).isEqualTo(Duration.ofHours(1));
        Backoff bottom = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), () -> 0.0);
        assertThat(bottom.after(2)).isEqualTo(Duration.ofSeconds(30));
    }
}
