package com.acme.privacy.dispatch;

import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** Reads the state that decides whether dispatching may go on: Gong's pause, the day's budget, the circuit, the pace. */
@Component
class GateReadings implements GongGate {

    /** The shared state that decides whether dispatching may go on. */
    record State(DispatchPause.State pause, int budgetUsed, int budgetLimit, CircuitBreaker.State circuit, double pace) {

        boolean circuitOpen() {
            return DispatchGate.isOpen(circuit);
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

    private final DispatchPause pause;
    private final GongDailyBudget budget;
    private final CircuitBreaker circuit;
    private final GongPace pace;
    private final DispatchLeadership leadership;
    private final boolean enabled;

    GateReadings(DispatchPause pause, GongDailyBudget budget, CircuitBreaker gongCircuitBreaker, GongPace pace,
                 DispatchLeadership leadership, DispatchProperties properties) {
        this.pause = pause;
        this.budget = budget;
        this.circuit = gongCircuitBreaker;
        this.pace = pace;
        this.leadership = leadership;
        this.enabled = properties.enabled();
    }

    State state() {
        return new State(pause.current(), budget.usedToday(), budget.limit(), circuit.getState(), pace.callsPerSecond());
    }

    @Override
    public GongGateStatus now() {
        State state = state();
        DispatchPause.State paused = state.pause();
        boolean healthy = !state.circuitOpen() && !paused.needsAttention();
        String description;
        if (paused.reason() == DispatchPause.Reason.CREDENTIALS_REJECTED) {
            description = "credentials rejected; next try at " + paused.until();
        } else if (paused.reason() == DispatchPause.Reason.MISCONFIGURED) {
            description = "misconfigured: Gong answered 404, 405 or 410; check privacy.gong.base-url; next try at " + paused.until();
        } else if (state.circuitOpen()) {
            description = "circuit open";
        } else if (paused.active()) {
            description = "rate-limited until " + paused.until();
        } else if (state.budgetSpent()) {
            description = "daily budget spent";
        } else {
            description = "up";
        }
        return new GongGateStatus(description, healthy, state.budgetUsed(), state.budgetLimit(), state.circuit().name(),
                state.pace(), enabled && leadership.isLeader());
    }
}
