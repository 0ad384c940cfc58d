package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;

/**
 * What Gong's answers teach the gate: the circuit learns whether Gong works, the pace what 429s allow, and every
 * replica, through PostgreSQL, when Gong paused us and when that is over. Memory first, then the shared state.
 */
@Component
class GongFeedback {

    private final CircuitBreaker circuit;
    private final GongPace pace;
    private final RateLimiter limiter;
    private final DispatchPause pause;
    private final SharedPace sharedPace;
    private final String replica;
    private volatile boolean pauseNeedsClearing;

    GongFeedback(CircuitBreaker gongCircuitBreaker, GongPace pace, RateLimiter gongRateLimiter, DispatchPause pause,
                 SharedPace sharedPace, DispatchProperties properties) {
        this.circuit = gongCircuitBreaker;
        this.pace = pace;
        this.limiter = gongRateLimiter;
        this.pause = pause;
        this.sharedPace = sharedPace;
        this.replica = properties.replicaId();
    }

    /** A new term as leader: continue from the pace and the last call start that the previous leader left. */
    void resumeLead() {
        sharedPace.resumeInto(pace);
    }

    /** A round starts from this state: a pause reason on record is cleared by the next accepted call. */
    void roundStarting(GateReadings.State state) {
        pauseNeedsClearing = state.pause().reason() != null;
    }

    /**
     * Gong answered (any status but 5xx): for the circuit, Gong works.
     *
     * @param accepted whether Gong did what was asked (2xx with what was asked for)
     * @param pauseWhy the deployment-wide pause the answer calls for, or {@code null}
     */
    void answered(Duration latency, boolean accepted, DispatchPause.Reason pauseWhy, Duration pauseFor) {
        circuit.onSuccess(latency.toNanos(), TimeUnit.NANOSECONDS);
        pace.finished(latency);
        boolean rateLimited = pauseWhy == DispatchPause.Reason.RATE_LIMITED;
        if (rateLimited) {
            pace.rateLimited();
            limiter.drainPermissions();
        } else if (accepted) {
            pace.succeeded();
        }
        if (pauseWhy != null) {
            pause.pause(pauseWhy, pauseFor, replica);
            pauseNeedsClearing = true;
        } else if (accepted && pauseNeedsClearing) {
            pause.clear(replica);
            pauseNeedsClearing = false;
        }
        if (rateLimited) {
            sharedPace.save(pace);
        }
    }

    /** A 5xx, timeout or connection failure, which the circuit counts. */
    void failed(Duration latency, Throwable failure) {
        circuit.onError(latency.toNanos(), TimeUnit.NANOSECONDS, failure);
        pace.finished(latency);
    }
}
