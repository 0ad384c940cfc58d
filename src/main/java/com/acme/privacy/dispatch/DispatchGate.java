package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;

/**
 * Decides whether a call to Gong may go now: this replica leads, Gong has not paused us, the circuit lets calls
 * through, today's budget has room, and the pace allows another start. Every Gong call passes here, and the health
 * indicator reads the same state.
 */
@Component
class DispatchGate {

    /** The shared state that decides whether dispatching may go on. */
    record State(DispatchPause.State pause, int budgetUsed, int budgetLimit, CircuitBreaker.State circuit, double pace) {

        boolean circuitOpen() {
            return isOpen(circuit);
        }

        boolean budgetSpent() {
            return budgetUsed >= budgetLimit;
        }

        /** Why nothing may be claimed now, or {@code null}. */
        String closedBecause() {
            if (pause.active()) {
                return "Gong paused all calls (" + pause.reason() + ")";
            }
            if (circuitOpen()) {
                return "Gong is unavailable (circuit open)";
            }
            return budgetSpent() ? "Today's Gong call budget is spent" : null;
        }
    }

    /** @param circuitClosed whether the circuit was closed when the call was admitted; a half-open call is a test */
    record Admission(String refusal, boolean circuitClosed) {

        boolean admitted() {
            return refusal == null;
        }
    }

    private final DispatchLeadership leadership;
    private final DispatchPause pause;
    private final GongDailyBudget budget;
    private final SharedPace sharedPace;
    private final GongPace pace;
    private final CircuitBreaker circuit;
    private final RateLimiter limiter;
    private final String replica;
    private volatile boolean pauseNeedsClearing;
    private volatile boolean closed;

    DispatchGate(DispatchLeadership leadership, DispatchPause pause, GongDailyBudget budget, SharedPace sharedPace, GongPace pace,
                 CircuitBreaker gongCircuitBreaker, RateLimiter gongRateLimiter, DispatchProperties properties) {
        this.leadership = leadership;
        this.pause = pause;
        this.budget = budget;
        this.sharedPace = sharedPace;
        this.pace = pace;
        this.circuit = gongCircuitBreaker;
        this.limiter = gongRateLimiter;
        this.replica = properties.replicaId();
    }

    static boolean isOpen(CircuitBreaker.State state) {
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /** Reads the shared state from PostgreSQL; for health and metrics, from any thread. */
    State state() {
        return new State(pause.current(), budget.usedToday(), budget.limit(), circuit.getState(), pace.callsPerSecond());
    }

    /**
     * The state a round starts from, on the dispatcher's thread. An open circuit whose wait has passed moves to
     * half-open here, so that its test calls can be claimed whether or not Resilience4j moves it by itself.
     */
    State roundState() {
        if (isOpen(circuit.getState()) && circuit.tryAcquirePermission()) {
            circuit.releasePermission();
        }
        State state = state();
        pauseNeedsClearing = state.pause().reason() != null;
        return state;
    }

    boolean circuitHalfOpen() {
        return circuit.getState() == CircuitBreaker.State.HALF_OPEN;
    }

    int halfOpenPermits() {
        return circuit.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState();
    }

    double callsPerSecond() {
        return pace.callsPerSecond();
    }

    /** A new term as leader: continue from the pace and the last call start that the previous leader left. */
    void resumeLead() {
        sharedPace.resumeInto(pace);
    }

    /** From now on no call is admitted: the dispatcher is stopping, and checks this between calls. */
    void close() {
        closed = true;
    }

    /**
     * Waits for the pace, then takes a circuit permission, a limiter permit and a call from today's budget. The
     * reservation is refused unless PostgreSQL confirms that this replica's lock backend still holds the lead and
     * Gong's pause is over, in the same statement, so that a replica that lost the lead while waiting (say, on a
     * blocked statement) does not call. A call reserved but not made after all is given back to the budget.
     */
    Admission admit() {
        try {
            TimeUnit.NANOSECONDS.sleep(pace.untilNextStart().toNanos());
        } catch (InterruptedException e) {
            return refused("The dispatcher was interrupted");
        }
        if (closed) {
            return refused("The dispatcher is shutting down");
        }
        boolean circuitClosed = circuit.getState() == CircuitBreaker.State.CLOSED;
        if (!circuit.tryAcquirePermission()) {
            return refused("Gong is unavailable (circuit open)");
        }
        GongDailyBudget.Reservation reservation = null;
        String refusal;
        try {
            if (!limiter.acquirePermission()) {
                refusal = "No rate-limit permit in time";
            } else {
                reservation = budget.tryReserve(pace.callsPerSecond(), leadership.backend());
                refusal = switch (reservation) {
                    case NOT_LEADING -> "This replica is no longer the active dispatcher";
                    case SPENT -> "Today's Gong call budget is spent";
                    case PAUSED -> "Gong paused all calls";
                    case RESERVED -> Thread.currentThread().isInterrupted() ? "The dispatcher was interrupted"
                            : closed ? "The dispatcher is shutting down" : null;
                };
            }
        } catch (RuntimeException e) {
            circuit.releasePermission();
            throw e;
        }
        if (refusal != null) {
            circuit.releasePermission();
            if (reservation == GongDailyBudget.Reservation.RESERVED) {
                budget.giveBack();
            }
            return refused(refusal);
        }
        // As close to the call's start as possible: the spacing is measured from here.
        pace.started();
        return new Admission(null, circuitClosed);
    }

    /** Gong answered an erasure (any status but 5xx). */
    void answered(Duration latency, OutcomePolicy.Decision decision) {
        answered(latency, decision.call().accepted(), decision.pause(), decision.pauseFor());
    }

    /**
     * Gong answered (any status but 5xx): for the circuit, Gong works. Memory first, then the shared state.
     *
     * @param accepted  whether Gong did what was asked (2xx with a request id)
     * @param pauseWhy  the deployment-wide pause the answer calls for, or {@code null}
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

    /** The admitted call was not completed (interrupted, or our own failure): it says nothing about Gong. */
    void abandoned() {
        circuit.releasePermission();
    }

    /** Whether the circuit is closed now, after the call's result was recorded. */
    boolean circuitClosed() {
        return circuit.getState() == CircuitBreaker.State.CLOSED;
    }

    private static Admission refused(String reason) {
        return new Admission(reason, false);
    }
}
