package com.acme.privacy.dispatch;

import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;

/**
 * Decides whether a call to Gong may go now: this replica leads, Gong has not paused us, the circuit lets calls
 * through, today's budget has room, and the pace allows another start. Every Gong call passes here
 * ({@link GongCallStep}); what the answers teach goes to {@link GongFeedback}.
 */
@Component
class DispatchGate {

    /** @param circuitClosed whether the circuit was closed when the call was admitted; a half-open call is a test */
    record Admission(String refusal, boolean circuitClosed) {

        boolean admitted() {
            return refusal == null;
        }
    }

    private final DispatchLeadership leadership;
    private final GongDailyBudget budget;
    private final GongPace pace;
    private final CircuitBreaker circuit;
    private final RateLimiter limiter;
    private volatile boolean closed;

    DispatchGate(DispatchLeadership leadership, GongDailyBudget budget, GongPace pace, CircuitBreaker gongCircuitBreaker,
                 RateLimiter gongRateLimiter) {
        this.leadership = leadership;
        this.budget = budget;
        this.pace = pace;
        this.circuit = gongCircuitBreaker;
        this.limiter = gongRateLimiter;
    }

    static boolean isOpen(CircuitBreaker.State state) {
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /**
     * At the start of a round: an open circuit whose wait has passed moves to half-open here, so that its test calls
     * can be claimed whether or not Resilience4j moves it by itself.
     */
    void letTestCallsThrough() {
        if (isOpen(circuit.getState()) && circuit.tryAcquirePermission()) {
            circuit.releasePermission();
        }
    }

    boolean circuitHalfOpen() {
        return circuit.getState() == CircuitBreaker.State.HALF_OPEN;
    }

    /** Whether the circuit is closed now, after the last call's result was recorded. */
    boolean circuitClosed() {
        return circuit.getState() == CircuitBreaker.State.CLOSED;
    }

    int halfOpenPermits() {
        return circuit.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState();
    }

    double callsPerSecond() {
        return pace.callsPerSecond();
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
        boolean circuitClosed = circuitClosed();
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

    /** The admitted call was not completed (interrupted, or our own failure): it says nothing about Gong. */
    void abandoned() {
        circuit.releasePermission();
    }

    private static Admission refused(String reason) {
        return new Admission(reason, false);
    }
}
